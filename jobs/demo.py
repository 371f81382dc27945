"""Demo jobs (idempotent): ~40 realistic published jobs across the demo
companies, plus a draft and a closed one. ``seed_demo --jobs N`` adds N generated
published jobs fast (bulk inserts in batches, one search-vector UPDATE per
batch, then ANALYZE).
"""

import datetime
import random

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from companies.models import Company
from jobs.applications.demo import seed as seed_applications
from jobs.models import Job, JobSkill, JobStatus, yearly
from jobs.search_cache import bump_search_version
from jobs.services import refresh_search_vectors
from matching.models import Skill

BATCH = 5000

# (title, level, type, remote, skills, salary range per year (EUR/USD), blurb)
ROLES = [
    (
        "Senior Python Developer",
        "senior",
        "full_time",
        "hybrid",
        ["Python", "Django", "PostgreSQL"],
        (70000, 90000),
        "Build and run the APIs behind our products.",
    ),
    (
        "Backend Engineer (Go)",
        "mid",
        "full_time",
        "remote",
        ["Go", "PostgreSQL", "Docker"],
        (60000, 80000),
        "Design services that move millions of events a day.",
    ),
    (
        "Frontend Developer",
        "mid",
        "full_time",
        "hybrid",
        ["JavaScript", "TypeScript", "React"],
        (55000, 72000),
        "Craft fast, accessible interfaces.",
    ),
    (
        "Data Engineer",
        "senior",
        "full_time",
        "remote",
        ["Python", "SQL", "Apache Spark"],
        (75000, 95000),
        "Own our pipelines and the data warehouse.",
    ),
    (
        "DevOps Engineer",
        "senior",
        "full_time",
        "onsite",
        ["Kubernetes", "Terraform", "AWS"],
        (72000, 92000),
        "Keep deployments boring and infrastructure as code.",
    ),
    (
        "Machine Learning Engineer",
        "senior",
        "full_time",
        "hybrid",
        ["Python", "PyTorch", "Machine Learning"],
        (85000, 110000),
        "Ship models that help clinicians and analysts.",
    ),
    (
        "Junior QA Engineer",
        "entry",
        "full_time",
        "onsite",
        ["Test Automation", "Python"],
        (40000, 48000),
        "Learn test automation with a supportive team.",
    ),
    (
        "Engineering Manager",
        "lead",
        "full_time",
        "hybrid",
        ["Leadership", "Agile"],
        (95000, 120000),
        "Grow a team of eight engineers.",
    ),
    (
        "Product Designer",
        "mid",
        "full_time",
        "remote",
        ["Figma", "User Research"],
        (55000, 70000),
        "Turn research into clear product decisions.",
    ),
    (
        "iOS Developer",
        "mid",
        "contract",
        "remote",
        ["Swift", "iOS"],
        (600, 750),
        "Six-month contract on our patient app.",
    ),
    (
        "Technical Writer",
        "mid",
        "part_time",
        "remote",
        ["Technical Writing", "Markdown"],
        (30000, 38000),
        "Document APIs developers love.",
    ),
    (
        "Security Engineer",
        "senior",
        "full_time",
        "hybrid",
        ["Security", "Linux", "Python"],
        (80000, 100000),
        "Threat-model, review and harden our platform.",
    ),
    (
        "Data Analyst",
        "entry",
        "full_time",
        "hybrid",
        ["SQL", "Excel", "Tableau"],
        (42000, 52000),
        "Answer business questions with data.",
    ),
    (
        "Site Reliability Engineer",
        "senior",
        "full_time",
        "remote",
        ["Linux", "Kubernetes", "Prometheus"],
        (78000, 98000),
        "Make our SLOs and on-call humane.",
    ),
    (
        "Software Engineering Intern",
        "entry",
        "internship",
        "onsite",
        ["Python", "Git"],
        (1500, 1800),
        "Three months on a real product team.",
    ),
    (
        "Head of Engineering",
        "executive",
        "full_time",
        "hybrid",
        ["Leadership", "Strategy"],
        (140000, 170000),
        "Lead engineering through our next growth phase.",
    ),
]
# Monthly salaries for the roles whose numbers are per month / day.
MONTHLY = {"Software Engineering Intern"}
DAILY_AS_MONTHLY = {"iOS Developer"}

PLACES = {
    "northwind-labs": [
        ("Berlin", "Berlin", "DE", "EUR"),
        ("Hamburg", "Hamburg", "DE", "EUR"),
    ],
    "globex-health": [
        ("Boston", "Massachusetts", "US", "USD"),
        ("New York", "New York", "US", "USD"),
    ],
    "initech-finance": [
        ("London", "England", "GB", "GBP"),
        ("Amsterdam", "North Holland", "NL", "EUR"),
    ],
    "talentbridge": [
        ("Munich", "Bavaria", "DE", "EUR"),
        ("Vienna", "Vienna", "AT", "EUR"),
    ],
}


def _skill(name: str) -> Skill:
    slug = slugify(name)
    skill = Skill.objects.filter(Q(slug=slug) | Q(name__iexact=name)).first()
    if skill is None:
        skill = Skill.objects.create(name=name, slug=slug, category="technology")
    return skill


def _description(company, role) -> str:
    title, level, _type, remote, skills, _salary, blurb = role
    return (
        f"<p>{company.name} is hiring a <strong>{title}</strong>. {blurb}</p>"
        "<h3>What you will do</h3><ul>"
        f"<li>Work with {', '.join(skills)} every day</li>"
        "<li>Pair with teammates and review each other's work</li>"
        "<li>Talk to the people who use what we build</li></ul>"
        f"<h3>What we offer</h3><p>A {remote} setup, learning budget and "
        "30 days of holiday.</p>"
    )


def seed(*, options, log):
    companies = {c.slug: c for c in Company.objects.filter(slug__in=PLACES)}
    missing = sorted(set(PLACES) - set(companies))
    if missing:
        log(f"jobs: companies not found, skipped: {', '.join(missing)}")
    if not companies:
        return
    now = timezone.now()
    count = 0
    for c_index, (slug, company) in enumerate(sorted(companies.items())):
        poster = company.memberships.order_by("created_at").first()
        for r_index, role in enumerate(ROLES[c_index::2] + ROLES[c_index + 1 :: 4]):
            title, level, etype, remote, skills, (low, high), _ = role
            city, region, country, currency = PLACES[slug][r_index % 2]
            period = "year"
            if title in MONTHLY:
                period = "month"
            elif title in DAILY_AS_MONTHLY:
                low, high, period = low * 20, high * 20, "month"
            job_slug = f"{slugify(title)}-{slug}"[:200]
            defaults = {
                "company": company,
                "posted_by": poster.user if poster else None,
                "title": title,
                "description": _description(company, role),
                "employment_type": etype,
                "experience_level": level,
                "min_years_experience": {"entry": 0, "mid": 2, "senior": 5}.get(
                    level, 8
                ),
                "city": "" if remote == "remote" and r_index % 3 == 0 else city,
                "region": region,
                "country": country,
                "remote_policy": remote,
                "salary_min": low,
                "salary_max": high,
                "salary_currency": currency,
                "salary_period": period,
                "salary_min_yearly": yearly(low, period),
                "salary_max_yearly": yearly(high, period),
                "openings": 1 + r_index % 3,
                "status": JobStatus.PUBLISHED,
                "published_at": now
                - datetime.timedelta(
                    days=(c_index * 7 + r_index * 2) % 45, hours=r_index
                ),
                "expires_at": now + datetime.timedelta(days=60),
            }
            job, _ = Job.objects.update_or_create(slug=job_slug, defaults=defaults)
            for s_index, name in enumerate(skills):
                JobSkill.objects.update_or_create(
                    job=job,
                    skill=_skill(name),
                    defaults={"is_required": s_index < 2, "min_years": None},
                )
            count += 1
    first = companies[sorted(companies)[0]]
    extras = [
        ("Staff Platform Engineer (draft)", JobStatus.DRAFT, None),
        (
            "Office Manager (closed)",
            JobStatus.CLOSED,
            now - datetime.timedelta(days=50),
        ),
    ]
    for title, status, published_at in extras:
        Job.objects.update_or_create(
            slug=f"{slugify(title)}-{first.slug}",
            defaults={
                "company": first,
                "title": title,
                "description": "<p>Not public.</p>",
                "employment_type": "full_time",
                "experience_level": "senior",
                "city": "Berlin",
                "country": "DE",
                "remote_policy": "onsite",
                "status": status,
                "published_at": published_at,
            },
        )
    demo_jobs = Job.objects.filter(company__in=companies.values()).exclude(
        slug__startswith="gen-"
    )
    refresh_search_vectors(job_ids=list(demo_jobs.values_list("pk", flat=True)))
    log(f"jobs: {count} published demo jobs, 1 draft, 1 closed")
    # Applications in every stage.

    seed_applications(log=log)
    extra = options.get("jobs") or 0
    if extra:
        _bulk(
            extra,
            companies=list(companies.values()),
            seed=options.get("seed", 42),
            log=log,
        )
    bump_search_version()


def _bulk(total: int, *, companies, seed: int, log):
    """N generated published jobs (slugs ``gen-<n>``); a re-run tops up to N."""
    from tqdm import tqdm

    existing = Job.objects.filter(slug__startswith="gen-").count()
    todo = max(0, total - existing)
    if not todo:
        log(f"jobs: {existing} generated jobs already there")
        return
    rng = random.Random(seed + existing)
    skills = {role[0]: [_skill(name) for name in role[4]] for role in ROLES}
    places = [p for spec in PLACES.values() for p in spec] + [
        ("Paris", "Île-de-France", "FR", "EUR"),
        ("Madrid", "Madrid", "ES", "EUR"),
        ("Toronto", "Ontario", "CA", "CAD"),
        ("Austin", "Texas", "US", "USD"),
        ("Warsaw", "Masovia", "PL", "PLN"),
    ]
    now = timezone.now()
    made = 0
    with tqdm(total=todo, unit="job", desc="jobs") as bar:
        while made < todo:
            size = min(BATCH, todo - made)
            rows = []
            for i in range(size):
                n = existing + made + i
                role = ROLES[rng.randrange(len(ROLES))]
                title, level, etype, remote, _, (low, high), _ = role
                city, region, country, currency = places[rng.randrange(len(places))]
                low = int(low * rng.uniform(0.85, 1.15))
                high = max(low, int(high * rng.uniform(0.85, 1.15)))
                company = companies[n % len(companies)]
                rows.append(
                    Job(
                        company=company,
                        title=title,
                        slug=f"gen-{n}",
                        description=_description(company, role),
                        employment_type=etype,
                        experience_level=level,
                        city=city,
                        region=region,
                        country=country,
                        remote_policy=remote,
                        salary_min=low,
                        salary_max=high,
                        salary_currency=currency,
                        salary_period="year",
                        salary_min_yearly=low,
                        salary_max_yearly=high,
                        status=JobStatus.PUBLISHED,
                        published_at=now
                        - datetime.timedelta(minutes=rng.randrange(60 * 24 * 365)),
                    )
                )
            created = Job.objects.bulk_create(rows)
            JobSkill.objects.bulk_create(
                [
                    JobSkill(job=job, skill=skill, is_required=k < 2)
                    for job in created
                    for k, skill in enumerate(skills[job.title])
                ]
            )
            # One set-based UPDATE per batch: short statements, no timeout.
            refresh_search_vectors(job_ids=[job.pk for job in created])
            made += size
            bar.update(size)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE jobs_job, jobs_jobskill")
    log(f"jobs: {todo} generated jobs added ({existing + todo} in all)")
