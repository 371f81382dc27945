"""Job search: one service for the /jobs/ page and GET /api/v1/jobs/.

``JobSearchForm`` parses the query string (the page and the API take the same
parameters); ``search_jobs(params, cursor=..., page_size=...)`` returns plain,
cacheable data: result dicts, facet counts, and next/previous cursors.

How it stays fast at a million rows
- Filters use indexed columns (see ``Job.Meta.indexes``); text matching uses the
  GIN-indexed ``search_vector`` with ``websearch_to_tsquery`` (PostgreSQL) or the
  ``icontains`` fallback (SQLite) from ``hotgigs.search``.
- Sorts "newest" and "salary" use keyset cursors (no OFFSET) written as row
  comparisons, ``(published_at, id) < (x, y)``, which PostgreSQL turns into an
  index range: page 500 costs what page 1 costs.
- One query reads the newest ``WINDOW`` matches (a few narrow columns, plus
  ``ts_rank`` with keywords): the facets and ``count`` come from the newest
  ``FACET_CAP`` of them (``count_capped`` says when the cap was hit: never an
  exact COUNT(*)), relevance ranks the newest ``RANK_CANDIDATES`` of them (a
  word matching half the table does not rank every row), page 1 of "newest"
  is its first ids. It is cached per filter set (``SearchWindow``), so later
  pages and other sorts of the same search skip it. Relevance and match pages
  are offsets inside the bounded, ranked id list.
- Sort by match (``jobs.search_match``) re-ranks the best ``MATCH_WINDOW`` of
  that window for the signed-in candidate.
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
from collections import Counter
from dataclasses import asdict, dataclass, field, replace

from django import forms
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from hotgigs import search as fts
from hotgigs.countries import country_select, is_country_code
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
from jobs.search_match import (
    MATCH_WINDOW,
    MatchViewer,
    match_order,
)

RANK_CANDIDATES = fts.RANK_CANDIDATES
FACET_CAP = 1_000
# One read of the newest WINDOW matches gives the facets, the capped count and
# the relevance ranking (the newest RANK_CANDIDATES of them).
WINDOW = FACET_CAP + 1
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
    MATCH = "match"
    CHOICES = [
        (RELEVANCE, "Relevance"),
        (NEWEST, "Newest"),
        (SALARY, "Highest salary"),
        (MATCH, "Best match for my profile"),
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
        label="Country",
        required=False,
        max_length=2,
        min_length=2,
        widget=country_select(),
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


def _row_before(columns: tuple[str, str], values: list, *, forward: bool) -> Q:
    """``(a, b) < (x, y)`` (``>`` backwards) as one row comparison.

    PostgreSQL matches a row comparison to a btree index on ``(a, b)`` as an
    index condition, so a deep keyset page starts its index scan at the key;
    the equivalent ``a < x OR (a = x AND b < y)`` is only a filter on the walk
    from the first row (page 500 would read the 10,000 rows before it).
    SQLite (3.15+) has row values too.
    """
    table = connection.ops.quote_name(Job._meta.db_table)
    sql = ", ".join(f"{table}.{connection.ops.quote_name(c)}" for c in columns)
    op = "<" if forward else ">"
    return Q(
        RawSQL(  # noqa: S611 - identifiers from the model, values are parameters
            f"({sql}) {op} (%s, %s)", values, output_field=BooleanField()
        )
    )


def _after_newest(key, *, forward: bool) -> Q:
    published_at = datetime.datetime.fromisoformat(key[0])
    field = Job._meta.get_field("published_at")
    value = field.get_db_prep_value(published_at, connection)
    return _row_before(("published_at", "id"), [value, int(key[1])], forward=forward)


def _after_salary(key, *, forward: bool) -> Q:
    # The salary key is an expression (SALARY_SORT_KEY): spelled the same way as
    # job_salary_sort_idx so the row comparison matches the index.
    value, pk = int(key[0]), int(key[1])
    table = connection.ops.quote_name(Job._meta.db_table)
    op = "<" if forward else ">"
    return Q(
        RawSQL(  # noqa: S611 - identifiers from the model, values are parameters
            f"(COALESCE({table}.{connection.ops.quote_name('salary_max_yearly')}, -1),"
            f" {table}.{connection.ops.quote_name('id')}) {op} (%s, %s)",
            [value, pk],
            output_field=BooleanField(),
        )
    )


def _ordering(sort: str, *, forward: bool) -> list[str]:
    if sort == SortOrder.SALARY:
        if forward:
            return ["-salary_key", "-id"]
        return ["salary_key", "id"]
    if forward:
        return ["-published_at", "-id"]
    return ["published_at", "id"]


NEWEST_FIRST = ["-published_at", "-id"]


def _plan_key(params: JobSearchParams) -> str | None:
    """The cache key of the plan choice, None when there is no choice to make."""
    if not fts.uses_postgres_search() or _unsorted(params) == JobSearchParams():
        return None
    blob = json.dumps(asdict(_unsorted(params)), sort_keys=True, default=str)
    return "jobs:search:plan:" + hashlib.sha256(blob.encode()).hexdigest()[:32]


_UNKNOWN = object()


def _fenced(params: JobSearchParams, base, *, cached=_UNKNOWN, writes=None) -> bool:
    """Collect every match before sorting? Only when the planner expects few.

    ``cached``: the plan key's value when the caller already read it;
    ``writes``: a dict to add the new choice to instead of writing it now.
    """
    key = _plan_key(params)
    if key is None:
        return False
    fenced = cache.get(key) if cached is _UNKNOWN else cached
    if fenced is None:
        fenced = fts.prefer_fenced(base, limit=WINDOW, walked=_walked(params))
        if writes is None:
            cache.set(key, fenced, PLAN_CACHE_TIMEOUT)
        else:
            writes[key] = fenced
    return fenced


def _unsorted(params: JobSearchParams) -> JobSearchParams:
    return replace(params, sort="")


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


def _rows_in_order(ids: list[int]) -> list[Job]:
    """The result rows of ``ids``, in that order: one query by primary key."""
    by_id = (
        Job.objects.filter(id__in=ids)
        .select_related("company")
        .only(*RESULT_FIELDS)
        .in_bulk()
    )
    return [by_id[pk] for pk in ids if pk in by_id]


# --- The window: the newest matches, read once --------------------------------------

WINDOW_FIELDS = (
    "id",
    "published_at",
    "employment_type",
    "experience_level",
    "remote_policy",
    "city",
    "country",
)


@dataclass
class SearchWindow:
    """What one read of the newest ``WINDOW`` matches gives, cached per filter set.

    ``newest``: the first ``MATCH_WINDOW`` ids, newest first (page 1 of the
    newest sort, the sort-by-match window without keywords); ``ranked``: the
    newest ``RANK_CANDIDATES`` ids best first by ``ts_rank`` (with keywords).
    """

    facets: dict
    count: int
    capped: bool
    newest: list[int]
    ranked: list[int]


def _score_expression(params: JobSearchParams):
    if fts.uses_postgres_search():
        return fts.rank("search_vector", fts.websearch_query(params.q))
    return fts.fallback_rank(
        params.q, {"title": "A", "company__name": "C", "description": "D"}
    )


def _window_rows(params: JobSearchParams, base, *, fenced: bool) -> list[tuple]:
    """The newest ``WINDOW`` matches as ``WINDOW_FIELDS`` (+ their rank with
    keywords), newest first, in ONE query.

    Walk: the date (or filter) index is walked and each row rechecked until
    ``WINDOW`` rows match; the rank is computed for those rows only. Fenced:
    the matches are collected by bitmap scans and sorted (``top_ids``), then
    the ``WINDOW`` rows are read back by primary key to rank them, so a rare
    word never ranks more than ``WINDOW`` rows either.
    """
    fields = WINDOW_FIELDS
    qs = base
    if fenced:
        qs = Job.objects.filter(
            id__in=fts.top_ids(base, NEWEST_FIRST, WINDOW, fenced=True)
        )
    if params.q:
        qs = qs.annotate(score=_score_expression(params))
        fields = (*fields, "score")
    if fenced:
        rows = list(qs.order_by().values_list(*fields))
        rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
        return rows
    branches = [
        branch.order_by(*NEWEST_FIRST).values_list(*fields)[:WINDOW]
        for branch in _walk_branches(params, qs)
    ]
    if len(branches) == 1:
        return list(branches[0])
    merged = branches[0].union(*branches[1:], all=True)
    return list(merged.order_by(*NEWEST_FIRST)[:WINDOW])


def _walk_branches(params: JobSearchParams, qs) -> list:
    """``qs`` split into parts that each walk an index in date order.

    With a country, ``job_pub_country_remote_idx`` (country, remote policy,
    date) gives the newest jobs of one country and ONE remote policy in
    order; a part per policy, merged (PostgreSQL's Merge Append pulls from
    each only what the merge needs), reads only that country's rows instead
    of walking every job's date until enough match (5–20× fewer rows at 1M:
    a row that fails the country filter still costs a heap read).
    Likewise one part per experience level (``job_pub_level_recent_idx``) or
    employment type (``job_pub_type_recent_idx``).
    """
    if not fts.uses_postgres_search():
        return [qs]
    field, values = _walk_dimension(params)
    return [qs.filter(**{field: value}) for value in values] if field else [qs]


def _walk_dimension(params: JobSearchParams) -> tuple[str, tuple[str, ...]]:
    """The filter whose index the walk follows, and its values ("" for none)."""
    if params.country:
        return "remote_policy", params.remote_policy or ("", *RemotePolicy.values)
    if params.experience_level:
        return "experience_level", params.experience_level
    if params.employment_type:
        return "employment_type", params.employment_type
    return "", ()


def _walked(params: JobSearchParams):
    """The published jobs the walk passes (see ``_walk_branches``), or None for
    all of them: what ``prefer_fenced`` weighs the matches against."""
    field, values = _walk_dimension(params)
    if not field:
        return None
    walked = Job.objects.published().filter(**{f"{field}__in": values})
    return walked.filter(country=params.country) if params.country else walked


def _facets(rows: list[tuple]) -> tuple[dict, int, bool]:
    """Facet counts over the newest ``FACET_CAP`` matches (``rows``, newest
    first, as ``WINDOW_FIELDS``), and the capped count. Never a COUNT over
    every match."""
    sample = rows[:FACET_CAP]
    facets = {}
    for column, (name, enum) in enumerate(
        [
            ("employment_type", EmploymentType),
            ("experience_level", ExperienceLevel),
            ("remote_policy", RemotePolicy),
        ],
        start=2,
    ):
        counts = Counter(row[column] for row in sample)
        facets[name] = {value: counts[value] for value in enum.values}
    locations = Counter((row[5], row[6]) for row in sample if row[5])
    top = sorted(locations.items(), key=lambda item: (-item[1], item[0]))
    facets["locations"] = [
        {"city": city, "country": country, "count": count}
        for (city, country), count in top[:TOP_LOCATIONS]
    ]
    return facets, min(len(rows), FACET_CAP), len(rows) > FACET_CAP


def _window(params: JobSearchParams, base, fenced: bool) -> SearchWindow:
    """The window of ``params``' filters, in one query (see ``SearchWindow``)."""
    rows = _window_rows(params, base, fenced=fenced)
    facets, count, capped = _facets(rows)
    ranked = []
    if params.q:
        top = rows[:RANK_CANDIDATES]
        # Best score first; the sort is stable, so the newest first among
        # equal scores (rows come newest first).
        ranked = [row[0] for row in sorted(top, key=lambda row: -row[-1])]
    return SearchWindow(
        facets=facets,
        count=count,
        capped=capped,
        newest=[row[0] for row in rows[:MATCH_WINDOW]],
        ranked=ranked,
    )


# --- Pages ----------------------------------------------------------------------------


def _offset(cursor: dict | None, limit: int) -> int:
    try:
        offset = int(cursor["o"]) if cursor else 0
    except (KeyError, TypeError, ValueError):
        raise fts.InvalidCursor("Invalid cursor.") from None
    if not 0 <= offset < limit:
        raise fts.InvalidCursor("Invalid cursor.")
    return offset


def _offset_page(sort: str, ids: list[int], cursor: dict | None, page_size: int):
    """A page of a bounded, ordered id list; the cursor holds the offset."""
    offset = _offset(cursor, RANK_CANDIDATES)
    rows = _rows_in_order(ids[offset : offset + page_size])
    next_cursor = previous_cursor = None
    if offset + page_size < len(ids):
        next_cursor = fts.encode_cursor({"s": sort, "o": offset + page_size})
    if offset > 0:
        previous_cursor = fts.encode_cursor(
            {"s": sort, "o": max(0, offset - page_size)}
        )
    return rows, next_cursor, previous_cursor


def _keyset_page(
    sort: str,
    base,
    cursor: dict | None,
    page_size: int,
    *,
    fenced: bool,
    window: SearchWindow,
):
    forward = not cursor or cursor.get("d", "n") == "n"
    if sort == SortOrder.NEWEST and not cursor:
        # Page 1 of the newest: the window's first ids, read by primary key.
        rows = _rows_in_order(window.newest[: page_size + 1])
    else:
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


def _cache_key(
    params: JobSearchParams, cursor: str | None, page_size: int, version: str
) -> str:
    blob = json.dumps(
        [asdict(params), cursor or "", page_size], sort_keys=True, default=str
    )
    digest = hashlib.sha256(blob.encode()).hexdigest()[:32]
    return f"jobs:search:{version}:{digest}"


def search_jobs(
    params: JobSearchParams,
    *,
    cursor: str | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    viewer: MatchViewer | None = None,
) -> JobSearchResult:
    """Published jobs for ``params``: one page, facets and cursors (cached).

    ``viewer`` (``jobs.search_match.match_viewer_for``) is required by, and
    only used for, ``sort=match``. Raises ``hotgigs.search.InvalidCursor`` for
    a cursor it did not make.
    """
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    sort = params.effective_sort
    if sort == SortOrder.MATCH and viewer is None:
        raise ValueError("sort=match needs the viewer (match_viewer_for).")
    # Redis round trips cost as much as a small query on a busy machine: one
    # read of the version, one MGET of the answer, window and plan, and the
    # new entries written together at the end.
    version = search_version()
    key = _cache_key(params, cursor, page_size, version)
    if sort == SortOrder.MATCH:
        key = f"{key}:{viewer.key}"
    # Facets, the capped count and the ranked ids do not depend on the sort or
    # the page: one read of the newest matches serves them all, and later
    # pages and sorts find it in the cache.
    window_key = _cache_key(_unsorted(params), "window", 0, version)
    plan_key = _plan_key(params)
    found = cache.get_many([k for k in (key, window_key, plan_key) if k])
    if key in found:
        return found[key]
    decoded = fts.decode_cursor(cursor) if cursor else None
    if decoded is not None and decoded.get("s") != sort:
        raise fts.InvalidCursor("The cursor belongs to another sort order.")
    base = filtered_jobs(params)
    plans: dict = {}
    fenced = _fenced(params, base, cached=found.get(plan_key), writes=plans)
    writes: dict = {}
    window = found.get(window_key)
    if window is None:
        window = writes[window_key] = _window(params, base, fenced)
    scores = {}
    if sort == SortOrder.RELEVANCE:
        rows, next_cursor, previous_cursor = _offset_page(
            sort, window.ranked, decoded, page_size
        )
    elif sort == SortOrder.MATCH:
        scores = match_order(params, window, viewer)
        rows, next_cursor, previous_cursor = _offset_page(
            sort, list(scores), decoded, page_size
        )
    else:
        rows, next_cursor, previous_cursor = _keyset_page(
            sort, base, decoded, page_size, fenced=fenced, window=window
        )
    results = [_as_result(row) for row in rows]
    for item in results if scores else ():
        item["match_score"] = scores[item["id"]]
    result = JobSearchResult(
        results=results,
        facets=window.facets,
        count=window.count,
        count_capped=window.capped,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
        sort=sort,
    )
    writes[key] = result
    cache.set_many(writes, CACHE_TIMEOUT)
    if plans:
        cache.set_many(plans, PLAN_CACHE_TIMEOUT)
    return result
