"""The scenarios: what is measured, as data. Add one by appending to SCENARIOS.

A scenario names a request (method, path built from the run's context, who makes
it) and what to compare it with. Its path is resolved against the project's URLs
before it runs: an endpoint another issue has not delivered yet is reported as
"not available" instead of failing the run.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    path: Callable[["Context"], str]  # noqa: F821 - Context lives in run.py
    method: str = "GET"
    # None (anonymous), "candidate" / "employer" (JWT), "employer_session" (cookie).
    auth: str | None = None
    # "cold+warm": cache flushed before every request, then the same request
    # repeated; "write": a fresh request each time (apply).
    modes: tuple[str, ...] = ("cold", "warm")
    body: Callable | None = None
    floor: bool = True  # replay its SQL through psycopg2 as the floor
    # Targets (ms) from the feature issues; checked against the full dataset.
    targets: dict = field(default_factory=dict)
    note: str = ""


SEARCH_TARGETS = {"p95": 100, "warm_p95": 20}


def _q(ctx):
    return ctx.skill_word


_uploads = itertools.count(1)


def _resume_upload(ctx):
    """A new 3-page text PDF each time (identical bytes would be deduplicated)."""
    from documents.pdf_writer import build_pdf

    n = next(_uploads)
    pages = [
        [f"Bench Candidate {n}", f"bench{n}@example.com", "Experience"]
        + [
            f"{y} - {y + 1} Senior Python engineer, built Django APIs"
            for y in range(1996, 2026)
        ],
        ["Skills"] + ["Python, Django, PostgreSQL, Redis, Docker, AWS"] * 40,
        ["Education"] + ["MSc Computer Science, Technical University"] * 40,
    ]
    boundary = f"bench-{n}-boundary"
    parts = [
        ("kind", None, b"resume"),
        ("file", f"resume-{n}.pdf", build_pdf(pages)),
    ]
    body = b""
    for name, filename, value in parts:
        disposition = f'form-data; name="{name}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}"
        if filename:
            head += f'; filename="{filename}"\r\nContent-Type: application/pdf'
        body += head.encode() + b"\r\n\r\n" + value + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


SCENARIOS = [
    Scenario(
        "overhead",
        "Fixed overhead: /health/live (minimal Django view)",
        lambda ctx: "/health/live",
        modes=("warm",),
        floor=False,
    ),
    Scenario(
        "search_text_filters",
        "Job search API: text + 2 filters, page 1",
        lambda ctx: (
            f"/api/v1/jobs/?q={_q(ctx)}&country={ctx.country}"
            "&remote_policy=remote,hybrid"
        ),
        targets={"p50": 50, "p95": 150},
    ),
    Scenario(
        "search_common_word",
        "Job search API: a word in every job (team)",
        lambda ctx: "/api/v1/jobs/?q=team",
        targets={"p95": 250},
    ),
    Scenario(
        "search_newest_page1",
        "Job search API: newest, page 1",
        lambda ctx: "/api/v1/jobs/?sort=newest",
        targets={"p50": 50, "p95": 150},
    ),
    Scenario(
        "search_newest_deep",
        "Job search API: newest, page ~500 (keyset cursor)",
        lambda ctx: f"/api/v1/jobs/?sort=newest&cursor={ctx.deep_cursor}",
        targets={"ratio_to": "search_newest_page1", "max_ratio": 2.0},
    ),
    # The search budget: every search class cold p95 ≤ 100 ms, warm p95 ≤ 20 ms.
    Scenario(
        "search_mid_word",
        "Job search API: a word in 1–3 % of jobs, relevance page 1",
        lambda ctx: f"/api/v1/jobs/?q={ctx.mid_word}",
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "search_mid_word_deep",
        "Job search API: the same word, newest, page 200 (keyset cursor)",
        lambda ctx: (
            f"/api/v1/jobs/?q={ctx.mid_word}&sort=newest&cursor={ctx.mid_deep_cursor}"
        ),
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "search_mid_word_relevance_deep",
        "Job search API: the same word, relevance, page 200 (past the ranked 1,000)",
        lambda ctx: (
            f"/api/v1/jobs/?q={ctx.mid_word}&cursor={ctx.mid_deep_relevance_cursor}"
        ),
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "search_filters_three",
        "Job search API: filters only, country + remote policy + type",
        lambda ctx: (
            f"/api/v1/jobs/?country={ctx.country}&remote_policy=hybrid"
            "&employment_type=contract"
        ),
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "search_filters_three_no_country",
        "Job search API: filters only, level + type + remote policy",
        lambda ctx: (
            "/api/v1/jobs/?experience_level=senior"
            "&employment_type=part_time&remote_policy=remote"
        ),
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "search_filters_three_type_level",
        "Job search API: filters only, country + level + type (no policy)",
        lambda ctx: (
            f"/api/v1/jobs/?country={ctx.country}&experience_level=senior"
            "&employment_type=part_time"
        ),
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "search_typo",
        'Job search API: a misspelt word ("Did you mean")',
        lambda ctx: f"/api/v1/jobs/?q={ctx.typo_word}",
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "search_page_html",
        "Job search page /jobs/ (HTML): text + filter",
        lambda ctx: f"/jobs/?q={_q(ctx)}&country={ctx.country}",
    ),
    Scenario(
        "job_detail_api",
        "Job detail API",
        lambda ctx: f"/api/v1/jobs/{ctx.job_id}/",
    ),
    Scenario(
        "job_detail_page",
        "Job detail page (HTML)",
        lambda ctx: f"/jobs/{ctx.job_slug}/",
    ),
    Scenario(
        "candidate_search",
        "Candidate search API (employer): text",
        lambda ctx: f"/api/v1/candidates/?q={_q(ctx)}",
        auth="employer",
        targets=SEARCH_TARGETS,
    ),
    Scenario(
        "recommendations",
        "Recommendations for a candidate",
        lambda ctx: "/api/v1/ai/recommendations/",
        auth="candidate",
        targets={"p95": 150},
    ),
    Scenario(
        "applicant_ranking",
        "Applicant ranking for a job (employer)",
        lambda ctx: (
            f"/api/v1/ai/jobs/{ctx.busy_job_id}/candidates/?applicants_only=true"
        ),
        auth="employer",
    ),
    Scenario(
        "candidate_ranking",
        "Ranked candidates for a job: applicants and matching profiles (employer)",
        lambda ctx: f"/api/v1/ai/jobs/{ctx.busy_job_id}/candidates/",
        auth="employer",
    ),
    Scenario(
        "pipeline_board",
        "Pipeline board page (employer)",
        lambda ctx: f"/jobs/{ctx.busy_job_slug}/pipeline/",
        auth="employer_session",
    ),
    Scenario(
        "dashboard_employer",
        "Employer analytics dashboard API",
        lambda ctx: "/api/v1/analytics/dashboard/",
        auth="employer",
        targets={"p95": 300, "mode": "warm"},
    ),
    Scenario(
        "dashboard_candidate",
        "Candidate analytics dashboard API",
        lambda ctx: "/api/v1/analytics/dashboard/",
        auth="candidate",
        targets={"p95": 300, "mode": "warm"},
    ),
    Scenario(
        "insights_page",
        "Employer insights page (HTML)",
        lambda ctx: "/insights/",
        auth="employer_session",
    ),
    Scenario(
        "apply",
        "Apply to a job (POST, candidate JWT)",
        lambda ctx: f"/api/v1/jobs/{ctx.next_apply_job()}/apply/",
        method="POST",
        auth="candidate",
        modes=("write",),
        body=lambda ctx: {"cover_letter": "I would like to join your team."},
        floor=False,
    ),
    Scenario(
        "document_upload",
        "Upload a 3-page resume PDF + text extraction (inline task)",
        lambda ctx: "/api/v1/documents/",
        method="POST",
        auth="candidate",
        modes=("write",),
        body=_resume_upload,
        floor=False,
        note="extraction runs inline (no broker in the bench stack), so the "
        "latency is upload, validation, storage and extraction together",
    ),
]

# Measured outside this HTTP run (see README): it needs its own data set.
NOT_MEASURED = {
    "alert_fan_out": "a Celery task, not an HTTP call: measured in-process by "
    "bench/job_alerts_fanout.py (see below)",
}
