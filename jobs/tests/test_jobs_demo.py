from accounts import demo as accounts_demo
from companies import demo as companies_demo
from jobs import demo as jobs_demo
from jobs.models import Job, JobStatus


def test_demo_jobs_are_idempotent_and_bulk_mode_tops_up(db):
    lines = []
    for module in (accounts_demo, companies_demo):
        module.seed(options={}, log=lines.append)
    jobs_demo.seed(options={"jobs": 12, "seed": 1}, log=lines.append)
    counts = {s: Job.objects.filter(status=s).count() for s in JobStatus.values}
    assert counts["draft"] == 1
    assert counts["closed"] == 1
    assert counts["published"] >= 40 + 12
    assert Job.objects.filter(slug__startswith="gen-").count() == 12
    assert all(job.job_skills.exists() for job in Job.objects.published()[:50])

    jobs_demo.seed(options={"jobs": 15, "seed": 1}, log=lines.append)
    assert Job.objects.filter(slug__startswith="gen-").count() == 15
    assert Job.objects.exclude(slug__startswith="gen-").count() == (
        counts["published"] - 12 + 2
    )


def test_demo_skips_missing_companies(db):
    lines = []
    jobs_demo.seed(options={}, log=lines.append)
    assert Job.objects.count() == 0
    assert lines == [
        "jobs: companies not found, skipped: globex-health, initech-finance, "
        "northwind-labs, talentbridge"
    ]
