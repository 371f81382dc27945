"""Job search: one service for the /jobs/ page and GET /api/v1/jobs/.

``JobSearchForm`` parses the query string (the page and the API take the same
parameters); ``search_jobs(params, cursor=..., page_size=...)`` returns plain,
cacheable data: result dicts, facet counts, and next/previous cursors.

How it stays fast at a million rows
- Filters use indexed columns (see ``Job.Meta.indexes``); text matching uses the
  GIN-indexed ``search_vector`` with ``websearch_to_tsquery`` (PostgreSQL) or the
  ``icontains`` fallback (SQLite) from ``hotgigs.search``.
- Sorts "newest" and "salary" use keyset cursors (no OFFSET): page 500 costs
  what page 1 costs.
- Relevance is bounded: only the ``RANK_CANDIDATES`` most recent matches are
  ranked (``ts_rank``), so a word matching half the table does not rank every
  row; relevance pages are offsets inside that bounded set.
- Facets and ``count`` are computed over at most ``FACET_CAP`` matching rows,
  the newest ones (``count_capped`` says when the cap was hit): never an exact
  COUNT(*) over the table.
- The plan follows the selectivity (PostgreSQL): when the planner expects few
  matches (``hotgigs.search.prefer_fenced``), every match is found first with
  bitmap scans (GIN + filter indexes) and then sorted (``top_ids`` fenced);
  otherwise the date (or salary) index is walked until the page or the bounded
  set is full, which is quick precisely because matches are common. The choice
  is cached per filter set (``PLAN_CACHE_TIMEOUT``).
- The whole answer is cached under the search version key that every job
  change bumps (``jobs.search_cache``): a repeated search runs no SQL query.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace

from django import forms
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from hotgigs import search as fts
from hotgigs.countries import is_country_code
from hotgigs.currencies import is_currency_code
from jobs.models import (
    EmploymentType,
    ExperienceLevel,
    Job,
    JobSkill,
    RemotePolicy,
    SalaryPeriod,
    yearly,
)
from jobs.models.jobs import SALARY_SORT_KEY
from jobs.search_cache import search_version

RANK_CANDIDATES = fts.RANK_CANDIDATES
FACET_CAP = 1_000
TOP_LOCATIONS = 10
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_SKILLS = 10
CACHE_TIMEOUT = 300
PLAN_CACHE_TIMEOUT = 3600


class SortOrder:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    SALARY = "salary"
    CHOICES = [
        (RELEVANCE, "Relevance"),
        (NEWEST, "Newest"),
        (SALARY, "Highest salary"),
    ]


class CommaMultipleChoiceField(forms.MultipleChoiceField):
    """Accepts ``?x=a&x=b`` and ``?x=a,b`` alike."""

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        values = super().to_python(value)
        out = []
        for item in values:
            out.extend(part.strip() for part in str(item).split(",") if part.strip())
        return list(dict.fromkeys(out))


class JobSearchForm(forms.Form):
    """The search parameters, shared by the page (rendered) and the API (parsed)."""

    q = forms.CharField(
        label="Keywords",
        required=False,
        max_length=fts.MAX_QUERY_LENGTH,
        help_text='Use "quotes" for phrases, -word to exclude, or for either.',
    )
    skills = forms.CharField(
        label="Skills (all of, comma-separated)", required=False, max_length=500
    )
    city = forms.CharField(label="City", required=False, max_length=100)
    country = forms.CharField(
        label="Country (ISO code)", required=False, max_length=2, min_length=2
    )
    remote_policy = CommaMultipleChoiceField(
        label="Remote policy",
        required=False,
        choices=RemotePolicy.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    employment_type = CommaMultipleChoiceField(
        label="Employment type",
        required=False,
        choices=EmploymentType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    experience_level = CommaMultipleChoiceField(
        label="Experience level",
        required=False,
        choices=ExperienceLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    salary_min = forms.IntegerField(
        label="Salary from", required=False, min_value=0, max_value=100_000_000
    )
    salary_max = forms.IntegerField(
        label="Salary up to", required=False, min_value=0, max_value=100_000_000
    )
    salary_currency = forms.CharField(
        label="Salary currency",
        required=False,
        max_length=3,
        min_length=3,
        help_text="ISO code, e.g. EUR. Without it, any currency is compared.",
    )
    salary_period = forms.ChoiceField(
        label="Salary per",
        required=False,
        choices=[("", "year")] + SalaryPeriod.choices,
    )
    company = forms.CharField(label="Company", required=False, max_length=220)
    posted_within_days = forms.IntegerField(
        label="Posted within (days)", required=False, min_value=1, max_value=365
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("", "Best (relevance with keywords, else newest)")]
        + SortOrder.CHOICES,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            # Multi-valued fields from a QueryDict; everything else single-valued.
            multi = {"remote_policy", "employment_type", "experience_level"}
            data = {
                key: data.getlist(key) if key in multi else data.get(key)
                for key in data
            }
        super().__init__(data, *args, **kwargs)

    def clean_q(self):
        return fts.clean_query(self.cleaned_data["q"])

    def clean_skills(self):
        raw = self.cleaned_data["skills"] or ""
        slugs = list(dict.fromkeys(s.strip().lower() for s in raw.split(",")))
        slugs = [s for s in slugs if s]
        if len(slugs) > MAX_SKILLS:
            raise forms.ValidationError(f"Filter by at most {MAX_SKILLS} skills.")
        return slugs

    def clean_city(self):
        return " ".join((self.cleaned_data["city"] or "").split())

    def clean_country(self):
        code = (self.cleaned_data["country"] or "").strip().upper()
        if code and not is_country_code(code):
            raise forms.ValidationError(
                f"{code} is not an ISO 3166 country code (e.g. DE, US)."
            )
        return code

    def clean_salary_currency(self):
        code = (self.cleaned_data["salary_currency"] or "").strip().upper()
        if code and not is_currency_code(code):
            raise forms.ValidationError(
                f"{code} is not an ISO 4217 currency code (e.g. EUR, USD)."
            )
        return code

    def clean_company(self):
        return (self.cleaned_data["company"] or "").strip()

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "salary_max", "The maximum salary must be at least the minimum."
            )
        return data

    def params(self) -> "JobSearchParams":
        data = self.cleaned_data
        return JobSearchParams(
            q=data.get("q") or "",
            skills=tuple(data.get("skills") or ()),
            city=data.get("city") or "",
            country=data.get("country") or "",
            remote_policy=tuple(sorted(data.get("remote_policy") or ())),
            employment_type=tuple(sorted(data.get("employment_type") or ())),
            experience_level=tuple(sorted(data.get("experience_level") or ())),
            salary_min=data.get("salary_min"),
            salary_max=data.get("salary_max"),
            salary_currency=data.get("salary_currency") or "",
            salary_period=data.get("salary_period") or SalaryPeriod.YEAR,
            company=data.get("company") or "",
            posted_within_days=data.get("posted_within_days"),
            sort=data.get("sort") or "",
        )


@dataclass(frozen=True)
class JobSearchParams:
    q: str = ""
    skills: tuple[str, ...] = ()
    city: str = ""
    country: str = ""
    remote_policy: tuple[str, ...] = ()
    employment_type: tuple[str, ...] = ()
    experience_level: tuple[str, ...] = ()
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    salary_period: str = SalaryPeriod.YEAR
    company: str = ""
    posted_within_days: int | None = None
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        if self.sort == SortOrder.RELEVANCE and not self.q:
            return SortOrder.NEWEST
        if self.sort:
            return self.sort
        return SortOrder.RELEVANCE if self.q else SortOrder.NEWEST


@dataclass
class JobSearchResult:
    results: list[dict]
    facets: dict
    count: int
    count_capped: bool
    next_cursor: str | None = None
    previous_cursor: str | None = None
    sort: str = SortOrder.NEWEST
    extra: dict = field(default_factory=dict)


def _text_filter(params: JobSearchParams) -> Q:
    if not params.q:
        return Q()
    if fts.uses_postgres_search():
        return Q(search_vector=fts.websearch_query(params.q))

    def skill_hit(term):
        return Q(
            Exists(
                JobSkill.objects.filter(job=OuterRef("pk"), skill__name__icontains=term)
            )
        )

    return fts.fallback_q(
        params.q, ["title", skill_hit, "company__name", "description"]
    )


def filtered_jobs(params: JobSearchParams):
    """Published, unexpired jobs matching every filter and the text query."""
    qs = Job.objects.published().filter(_text_filter(params))
    for slug in params.skills:
        qs = qs.filter(
            Exists(JobSkill.objects.filter(job=OuterRef("pk"), skill__slug=slug))
        )
    if params.city:
        qs = qs.filter(city__iexact=params.city)
    if params.country:
        qs = qs.filter(country=params.country)
    if params.remote_policy:
        qs = qs.filter(remote_policy__in=params.remote_policy)
    if params.employment_type:
        qs = qs.filter(employment_type__in=params.employment_type)
    if params.experience_level:
        qs = qs.filter(experience_level__in=params.experience_level)
    if params.salary_min is not None or params.salary_max is not None:
        low = yearly(params.salary_min, params.salary_period)
        high = yearly(params.salary_max, params.salary_period)
        # Ranges overlap; an open end of the job's range counts as unbounded.
        qs = qs.filter(
            Q(salary_min_yearly__isnull=False) | Q(salary_max_yearly__isnull=False)
        )
        if low is not None:
            qs = qs.filter(
                Q(salary_max_yearly__gte=low) | Q(salary_max_yearly__isnull=True)
            )
        if high is not None:
            qs = qs.filter(
                Q(salary_min_yearly__lte=high) | Q(salary_min_yearly__isnull=True)
            )
        if params.salary_currency:
            qs = qs.filter(salary_currency=params.salary_currency)
    if params.company:
        if params.company.isdigit():
            # Longer than a bigint can hold: no such company (not an overflow).
            company_id = int(params.company) if len(params.company) <= 18 else 0
            qs = qs.filter(company_id=company_id)
        else:
            qs = qs.filter(company__slug=params.company)
    if params.posted_within_days:
        since = timezone.now() - datetime.timedelta(days=params.posted_within_days)
        qs = qs.filter(published_at__gte=since)
    return qs


# --- Keyset ordering ------------------------------------------------------------------


def _after_newest(key, *, forward: bool) -> Q:
    published_at, pk = datetime.datetime.fromisoformat(key[0]), int(key[1])
    if forward:
        return Q(published_at__lt=published_at) | Q(
            published_at=published_at, id__lt=pk
        )
    return Q(published_at__gt=published_at) | Q(published_at=published_at, id__gt=pk)


def _after_salary(key, *, forward: bool) -> Q:
    value, pk = int(key[0]), int(key[1])
    if forward:  # later in (salary key desc, id desc)
        return Q(salary_key__lt=value) | Q(salary_key=value, id__lt=pk)
    return Q(salary_key__gt=value) | Q(salary_key=value, id__gt=pk)


def _ordering(sort: str, *, forward: bool) -> list[str]:
    if sort == SortOrder.SALARY:
        if forward:
            return ["-salary_key", "-id"]
        return ["salary_key", "id"]
    if forward:
        return ["-published_at", "-id"]
    return ["published_at", "id"]


NEWEST_FIRST = ["-published_at", "-id"]


def _fenced(params: JobSearchParams, base) -> bool:
    """Collect every match before sorting? Only when the planner expects few."""
    if not fts.uses_postgres_search() or replace(params, sort="") == JobSearchParams():
        return False
    blob = json.dumps(asdict(replace(params, sort="")), sort_keys=True, default=str)
    key = "jobs:search:plan:" + hashlib.sha256(blob.encode()).hexdigest()[:32]
    fenced = cache.get(key)
    if fenced is None:
        fenced = fts.prefer_fenced(base, limit=RANK_CANDIDATES)
        cache.set(key, fenced, PLAN_CACHE_TIMEOUT)
    return fenced


def _key(sort: str, row: Job) -> list:
    if sort == SortOrder.SALARY:
        return [row.salary_key, row.pk]
    return [row.published_at.isoformat(), row.pk]


RESULT_FIELDS = (
    "id",
    "slug",
    "title",
    "company__id",
    "company__name",
    "company__slug",
    "city",
    "region",
    "country",
    "remote_policy",
    "employment_type",
    "experience_level",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_max_yearly",
    "published_at",
)


def _as_result(job: Job) -> dict:
    salary = None
    if job.salary_min is not None or job.salary_max is not None:
        salary = {
            "min": job.salary_min,
            "max": job.salary_max,
            "currency": job.salary_currency,
            "period": job.salary_period,
        }
    return {
        "id": job.pk,
        "slug": job.slug,
        "title": job.title,
        "url": job.get_absolute_url(),
        "company": {
            "id": job.company.pk,
            "name": job.company.name,
            "slug": job.company.slug,
        },
        "location": {"city": job.city, "region": job.region, "country": job.country},
        "employment_type": job.employment_type,
        "experience_level": job.experience_level,
        "remote_policy": job.remote_policy,
        "salary": salary,
        "published_at": job.published_at,
    }


def _page(
    params: JobSearchParams, base, cursor: dict | None, page_size: int, fenced: bool
):
    sort = params.effective_sort
    if cursor is not None and cursor.get("s") != sort:
        raise fts.InvalidCursor("The cursor belongs to another sort order.")
    if sort == SortOrder.RELEVANCE:
        # Bounded ranking: only the most recent RANK_CANDIDATES matches are ranked.
        candidates = fts.top_ids(base, NEWEST_FIRST, RANK_CANDIDATES, fenced=fenced)
        if fts.uses_postgres_search():
            score = fts.rank("search_vector", fts.websearch_query(params.q))
        else:
            score = fts.fallback_rank(
                params.q, {"title": "A", "company__name": "C", "description": "D"}
            )
        offset = int(cursor["o"]) if cursor else 0
        if not 0 <= offset < RANK_CANDIDATES:
            raise fts.InvalidCursor("Invalid cursor.")
        rows = list(
            Job.objects.filter(id__in=candidates)
            .select_related("company")
            .only(*RESULT_FIELDS)
            .annotate(score=score)
            .order_by("-score", "-published_at", "-id")[offset : offset + page_size + 1]
        )
        has_next = len(rows) > page_size and offset + page_size < RANK_CANDIDATES
        rows = rows[:page_size]
        next_cursor = (
            fts.encode_cursor({"s": sort, "o": offset + page_size})
            if has_next
            else None
        )
        previous_cursor = None
        if offset > 0:
            previous_cursor = fts.encode_cursor(
                {"s": sort, "o": max(0, offset - page_size)}
            )
        return rows, next_cursor, previous_cursor

    forward = not cursor or cursor.get("d", "n") == "n"
    qs = base
    if sort == SortOrder.SALARY:
        qs = qs.annotate(salary_key=SALARY_SORT_KEY)
    after = _after_salary if sort == SortOrder.SALARY else _after_newest
    if cursor:
        try:
            qs = qs.filter(after(cursor["k"], forward=forward))
        except (KeyError, TypeError, ValueError, IndexError):
            raise fts.InvalidCursor("Invalid cursor.") from None
    ordering = _ordering(sort, forward=forward)
    if fenced:
        ids = fts.top_ids(qs, ordering, page_size + 1, fenced=True)
        qs = Job.objects.filter(id__in=ids)
        if sort == SortOrder.SALARY:
            qs = qs.annotate(salary_key=SALARY_SORT_KEY)
    qs = qs.select_related("company").only(*RESULT_FIELDS)
    rows = list(qs.order_by(*ordering)[: page_size + 1])
    more = len(rows) > page_size
    rows = rows[:page_size]
    if not forward:
        rows.reverse()
    has_next = more if forward else True
    has_previous = bool(cursor) if forward else more
    next_cursor = previous_cursor = None
    if rows and has_next:
        next_cursor = fts.encode_cursor(
            {"s": sort, "d": "n", "k": _key(sort, rows[-1])}
        )
    if rows and has_previous:
        previous_cursor = fts.encode_cursor(
            {"s": sort, "d": "p", "k": _key(sort, rows[0])}
        )
    return rows, next_cursor, previous_cursor


def _facets(base, *, fenced: bool) -> tuple[dict, int, bool]:
    """Facet counts over the newest FACET_CAP matching jobs, in one GROUP BY query.

    The groups (type × level × remote × city × country) are few; the counts per
    facet are summed from them in Python.
    """
    sample = Job.objects.filter(
        id__in=fts.top_ids(base, NEWEST_FIRST, FACET_CAP + 1, fenced=fenced)
    )
    groups = (
        sample.values(
            "employment_type", "experience_level", "remote_policy", "city", "country"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    enums = {
        "employment_type": EmploymentType,
        "experience_level": ExperienceLevel,
        "remote_policy": RemotePolicy,
    }
    facets = {name: dict.fromkeys(enum.values, 0) for name, enum in enums.items()}
    locations: dict[tuple[str, str], int] = {}
    total = 0
    for row in groups:
        total += row["n"]
        for name in enums:
            if row[name] in facets[name]:
                facets[name][row[name]] += row["n"]
        if row["city"]:
            key = (row["city"], row["country"])
            locations[key] = locations.get(key, 0) + row["n"]
    top = sorted(locations.items(), key=lambda item: (-item[1], item[0]))
    facets["locations"] = [
        {"city": city, "country": country, "count": count}
        for (city, country), count in top[:TOP_LOCATIONS]
    ]
    return facets, min(total, FACET_CAP), total > FACET_CAP


def _cache_key(params: JobSearchParams, cursor: str | None, page_size: int) -> str:
    blob = json.dumps(
        [asdict(params), cursor or "", page_size], sort_keys=True, default=str
    )
    digest = hashlib.sha256(blob.encode()).hexdigest()[:32]
    return f"jobs:search:{search_version()}:{digest}"


def search_jobs(
    params: JobSearchParams,
    *,
    cursor: str | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> JobSearchResult:
    """Published jobs for ``params``: one page, facets and cursors (cached).

    Raises ``hotgigs.search.InvalidCursor`` for a cursor it did not make.
    """
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    key = _cache_key(params, cursor, page_size)
    cached = cache.get(key)
    if cached is not None:
        return cached
    decoded = fts.decode_cursor(cursor) if cursor else None
    base = filtered_jobs(params)
    fenced = _fenced(params, base)
    rows, next_cursor, previous_cursor = _page(params, base, decoded, page_size, fenced)
    # Facets do not depend on the sort or the page: later pages reuse them.
    facets_key = _cache_key(replace(params, sort=""), "facets", 0)
    cached_facets = cache.get(facets_key)
    if cached_facets is None:
        cached_facets = _facets(base, fenced=fenced)
        cache.set(facets_key, cached_facets, CACHE_TIMEOUT)
    facets, count, capped = cached_facets
    result = JobSearchResult(
        results=[_as_result(row) for row in rows],
        facets=facets,
        count=count,
        count_capped=capped,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
        sort=params.effective_sort,
    )
    cache.set(key, result, CACHE_TIMEOUT)
    return result
