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
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace

from django import forms
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BooleanField, Count, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import strip_tags

from hotgigs import search as fts
from hotgigs.countries import country_select, is_country_code
from hotgigs.currencies import is_currency_code
from hotgigs.models import SearchTerm
from jobs.models import (
    EmploymentType,
    ExperienceLevel,
    Job,
    JobSkill,
    JobStatus,
    RemotePolicy,
    SalaryPeriod,
    yearly,
)
from jobs.models.jobs import SALARY_SORT_KEY
from jobs.search_cache import search_version
from jobs.search_match import (
    MatchViewer,
    match_order,
)
from matching.models import Skill
from matching.skills import link_filter_skills

RANK_CANDIDATES = fts.RANK_CANDIDATES
FACET_CAP = 1_000
# One read of the newest WINDOW matches gives the relevance ranking (the newest
# RANK_CANDIDATES of them) and, up to FACET_CAP matches, the exact facets.
WINDOW = FACET_CAP + 1
# Counts and facets are exact up to EXACT_LIMIT matches (and for every search
# whose matches are collected anyway, see ``_fenced_window``); above it they
# are estimates and say so.
EXACT_LIMIT = 10_000
# A walk (many expected matches) counts up to EXACT_LIMIT + 1 of them only when
# the planner expects at most PROBE_MAX: counting 10,000 rows of a walked search
# cost 1.5 s cold at 1M (bench, load 20); above it the estimate is shown.
PROBE_MAX = 10_000
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
        # static/js/autocomplete.js turns these into comboboxes.
        widget=forms.TextInput(attrs={"data-autocomplete": "q"}),
    )
    skills = forms.CharField(
        label="Skills (all of, comma-separated)",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"data-autocomplete": "skill"}),
    )
    city = forms.CharField(
        label="City",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"data-autocomplete": "city"}),
    )
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
        items = list(dict.fromkeys(s.strip() for s in raw.split(",") if s.strip()))
        if len(items) > MAX_SKILLS:
            raise forms.ValidationError(f"Filter by at most {MAX_SKILLS} skills.")
        slugs = link_filter_skills(items)
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


# Parsed parameters of recent valid query strings, per process: a cached
# search answers in ~1 ms, and building the form (deep copies of its fields,
# the country list's 250 choices) cost more than that. A pure function of the
# query string, so the memo cannot go stale.
_PARSED: dict[tuple, "JobSearchParams"] = {}
PARSED_MAX = 2048


def parse_search_params(data) -> tuple["JobSearchParams | None", dict]:
    """``(params, {})`` for valid search parameters in ``data`` (a QueryDict),
    else ``(None, {field: [messages]})``; the same rules as ``JobSearchForm``
    (which it uses), memoised for valid query strings."""
    fields = JobSearchForm.base_fields
    key = tuple(
        (name, tuple(data.getlist(name))) for name in sorted(data) if name in fields
    )
    params = _PARSED.get(key)
    if params is not None:
        return params, {}
    form = JobSearchForm(data)
    if not form.is_valid():
        return None, {
            name: [str(e) for e in errs] for name, errs in form.errors.items()
        }
    params = form.params()
    if len(_PARSED) >= PARSED_MAX:
        _PARSED.clear()
    _PARSED[key] = params
    return params, {}


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
    """``count`` is exact unless ``count_is_estimate``; then it is the
    planner's estimate ("about 410,000") or, with ``count_is_lower_bound``, a
    floor ("10,000+"). ``count_display`` is that wording. Facet counts are
    exact unless ``facets_are_estimates`` (then the newest matches' shares of
    the estimated total). ``suggestion``: the corrected search ("Did you mean
    …"), e.g. ``{"q": "python"}``, or None."""

    results: list[dict]
    facets: dict
    count: int
    count_is_estimate: bool
    next_cursor: str | None = None
    previous_cursor: str | None = None
    sort: str = SortOrder.NEWEST
    extra: dict = field(default_factory=dict)
    count_is_lower_bound: bool = False
    facets_are_estimates: bool = False
    suggestion: dict | None = None

    @property
    def count_capped(self) -> bool:
        """Deprecated name of ``count_is_estimate`` (the API keeps it)."""
        return self.count_is_estimate

    @property
    def count_display(self) -> str:
        return fts.count_display(
            self.count,
            estimate=self.count_is_estimate,
            lower_bound=self.count_is_lower_bound,
        )


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
    return "jobs:search:plan2:" + fts.params_digest(_unsorted(params))


_UNKNOWN = object()


@dataclass(frozen=True)
class Plan:
    """How to read a filter set's matches, and the planner's estimate of them."""

    fenced: bool
    estimate: int | None


def _plan(params: JobSearchParams, base, *, cached=_UNKNOWN, writes=None) -> Plan:
    """Collect every match before sorting? Only when the planner expects few.

    ``cached``: the plan key's value when the caller already read it;
    ``writes``: a dict to add the new choice to instead of writing it now.
    """
    key = _plan_key(params)
    if key is None:
        return Plan(fenced=False, estimate=None)
    plan = cache.get(key) if cached is _UNKNOWN else cached
    if not isinstance(plan, Plan):
        estimate = fts.estimated_rows(base)
        fenced = fts.prefer_fenced(
            base, limit=WINDOW, walked=_walked(params), matches=estimate
        )
        plan = Plan(fenced=fenced, estimate=estimate)
        if writes is None:
            cache.set(key, plan, PLAN_CACHE_TIMEOUT)
        else:
            writes[key] = plan
    return plan


def _fenced(params: JobSearchParams, base, *, cached=_UNKNOWN, writes=None) -> bool:
    """``_plan(...).fenced``: collect every match before sorting?"""
    return _plan(params, base, cached=cached, writes=writes).fenced


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
    "agency__id",
    "agency__name",
    "agency__slug",
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
        # The recruiting agency running the job for the company, if any: every
        # card says so (recruiters).
        "agency": (
            {"id": job.agency.pk, "name": job.agency.name, "slug": job.agency.slug}
            if job.agency_id
            else None
        ),
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
        .select_related("company", "agency")
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

    ``newest``: the window's ids, newest first (page 1 of the newest sort,
    the sort-by-match window without keywords); ``ranked``: the newest
    ``RANK_CANDIDATES`` ids best first by ``ts_rank`` (with keywords);
    ``all_ids``: EVERY match newest first when the search collected them
    anyway (fenced, see ``_fenced_window``), else None; ``boundary``: the
    (published_at, id) key of the oldest ranked row when more matches follow
    it (relevance continues after it, newest first). Counts: see
    ``JobSearchResult``.
    """

    facets: dict
    count: int
    count_is_estimate: bool
    newest: list[int]
    ranked: list[int]
    all_ids: list[int] | None = None
    boundary: list | None = None
    count_is_lower_bound: bool = False
    facets_are_estimates: bool = False

    @property
    def complete(self) -> bool:
        """Does ``newest`` (or ``all_ids``) hold every match?"""
        return self.all_ids is not None or len(self.newest) < WINDOW

    @property
    def ordered(self) -> list[int]:
        """Every id the window knows, newest first."""
        return self.all_ids if self.all_ids is not None else self.newest


def _score_expression(params: JobSearchParams):
    if fts.uses_postgres_search():
        return fts.rank("search_vector", fts.websearch_query(params.q))
    return fts.fallback_rank(
        params.q, {"title": "A", "company__name": "C", "description": "D"}
    )


def _window_rows(params: JobSearchParams, base, *, fenced: bool) -> list[tuple]:
    """The newest ``WINDOW`` matches as ``WINDOW_FIELDS`` (+ their rank with
    keywords), newest first, in ONE query, by walking the date (or filter)
    index and rechecking each row until ``WINDOW`` rows match; the rank is
    computed for those rows only. (Fenced searches: ``_fenced_window``.)
    """
    fields = WINDOW_FIELDS
    qs = base
    if params.q:
        qs = qs.annotate(score=_score_expression(params))
        fields = (*fields, "score")
    branches = [
        branch.order_by(*NEWEST_FIRST).values_list(*fields)[:WINDOW]
        for branch in _walk_branches(params, qs)
    ]
    if len(branches) == 1:
        return list(branches[0])
    merged = branches[0].union(*branches[1:], all=True)
    return list(merged.order_by(*NEWEST_FIRST)[:WINDOW])


# GROUPING() bits over (employment_type, experience_level, remote_policy, city,
# country): 1 = that column is aggregated away in the row's grouping set.
_GROUPING_SETS = {15: "employment_type", 23: "experience_level", 27: "remote_policy"}
_GROUPING_LOCATIONS = 28
_GROUPING_TOTAL = 31


def _fenced_window(params: JobSearchParams, base):
    """Every match collected once (bitmap scans: GIN + filter indexes) into a
    materialised CTE, then in ONE statement: the newest ``WINDOW`` rows (with
    their rank), every match's id newest first, and exact counts and facets
    over all of them (``GROUPING SETS``). Fenced searches have few matches
    (``prefer_fenced``: up to ~31,600 of a million), so this costs what
    reading the window cost before, and later pages of any sort read ids
    from the cached list instead of collecting the matches again.

    Returns ``(rows, all_ids, count, facets)``.
    """
    inner = base.order_by().values_list(*WINDOW_FIELDS)
    inner_sql, inner_params = inner.query.sql_with_params()
    score_join, score_params, score = "", [], "0.0::float8"
    if params.q:
        scored = (
            Job.objects.filter(pk__in=RawSQL("SELECT id FROM fence_top", []))
            .annotate(score=_score_expression(params))
            .values_list("id", "score")
        )
        score_sql, score_params = scored.query.sql_with_params()
        score_join = f" LEFT JOIN ({score_sql}) AS s (id, score) ON s.id = t.id"
        score = "s.score"
    # Identifiers are the ORM's own SQL; every value stays a parameter.
    sql = f"""
        WITH fence_m (id, published_at, employment_type, experience_level,
                      remote_policy, city, country) AS MATERIALIZED ({inner_sql}),
        fence_top AS (
            SELECT * FROM fence_m ORDER BY published_at DESC, id DESC LIMIT {WINDOW}
        )
        SELECT 0, t.id, t.published_at, t.employment_type, t.experience_level,
               t.remote_policy, t.city, t.country, {score}, 0::bigint, NULL::bigint[]
        FROM fence_top AS t{score_join}
        UNION ALL
        SELECT 1 + GROUPING(employment_type, experience_level, remote_policy,
                            city, country),
               NULL, NULL, employment_type, experience_level, remote_policy,
               city, country, NULL, count(*), NULL
        FROM fence_m
        GROUP BY GROUPING SETS ((employment_type), (experience_level),
                                (remote_policy), (city, country), ())
        UNION ALL
        SELECT -1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               array_agg(id ORDER BY published_at DESC, id DESC)
        FROM fence_m
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *score_params])
        fetched = cursor.fetchall()
    rows, groups, all_ids = [], [], []
    for row in fetched:
        if row[0] == 0:
            rows.append(row[1:8] + ((row[8] or 0.0),) if params.q else row[1:8])
        elif row[0] == -1:
            all_ids = list(row[10] or [])
        else:
            groups.append((row[0] - 1, row[3:8], row[9]))
    rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
    count, facets = _grouped_facets(groups)
    return rows, all_ids, count, facets


def _grouped_facets(groups) -> tuple[int, dict]:
    """``(count, facets)`` from ``GROUPING SETS`` rows ``(mask, values, n)``."""
    counts = {name: Counter() for name in _GROUPING_SETS.values()}
    locations = Counter()
    total = 0
    for mask, values, n in groups:
        if mask == _GROUPING_TOTAL:
            total = n
        elif mask == _GROUPING_LOCATIONS:
            if values[3]:
                locations[(values[3], values[4])] = n
        elif mask in _GROUPING_SETS:
            position = (15, 23, 27).index(mask)
            counts[_GROUPING_SETS[mask]][values[position]] = n
    return total, _facet_dict(counts, locations)


def _facet_dict(counts: dict, locations: Counter) -> dict:
    enums = {
        "employment_type": EmploymentType,
        "experience_level": ExperienceLevel,
        "remote_policy": RemotePolicy,
    }
    facets = {
        name: {value: counts[name][value] for value in enum.values}
        for name, enum in enums.items()
    }
    top = sorted(locations.items(), key=lambda item: (-item[1], item[0]))
    facets["locations"] = [
        {"city": city, "country": country, "count": count}
        for (city, country), count in top[:TOP_LOCATIONS]
    ]
    return facets


def _covered(params: JobSearchParams, base):
    """``base`` spelled so that ``job_pub_filters_recent_idx`` (remote policy,
    employment type, experience level, date; the other filter columns
    included) serves the fence and the probe of a search filtering some of
    those three: a column left out before a filtered one is written as "any
    of its values" (the same rows: ``job_remote_policy_valid``,
    ``job_employment_type_valid``), so every filtered column is an index
    condition and the scan reads only matching index entries (index-only)
    instead of all of them or the table's pages."""
    if not fts.uses_postgres_search():
        return base
    if params.experience_level and not params.employment_type:
        base = base.filter(employment_type__in=["", *EmploymentType.values])
    if (params.employment_type or params.experience_level) and not (
        params.remote_policy
    ):
        base = base.filter(remote_policy__in=["", *RemotePolicy.values])
    return base


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


def _facets(rows: list[tuple]) -> dict:
    """Facet counts over ``rows`` (as ``WINDOW_FIELDS``)."""
    counts = {
        name: Counter(row[column] for row in rows)
        for column, name in enumerate(
            ["employment_type", "experience_level", "remote_policy"], start=2
        )
    }
    locations = Counter((row[5], row[6]) for row in rows if row[5])
    return _facet_dict(counts, locations)


def _scaled(facets: dict, sample: int, total: int) -> dict:
    """Facets of a sample of ``sample`` matches scaled to ``total``: estimates."""
    if not sample:
        return facets

    def scale(n):
        return fts.round_estimate(round(n * total / sample))

    out = {
        name: {value: scale(n) for value, n in counts.items()}
        for name, counts in facets.items()
        if name != "locations"
    }
    out["locations"] = [
        {**item, "count": scale(item["count"])} for item in facets["locations"]
    ]
    return out


def _probe(base) -> tuple[int, dict] | None:
    """Exact ``(count, facets)`` when at most ``EXACT_LIMIT`` rows match,
    else None: reads at most ``EXACT_LIMIT + 1`` matches (grouped in SQL on
    PostgreSQL)."""
    limited = base.order_by().values_list(*WINDOW_FIELDS)[: EXACT_LIMIT + 1]
    if not fts.uses_postgres_search():
        rows = list(limited)
        return None if len(rows) > EXACT_LIMIT else (len(rows), _facets(rows))
    sql, params = limited.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH probe_m (id, published_at, employment_type, experience_level,
                          remote_policy, city, country) AS MATERIALIZED ({sql})
            SELECT GROUPING(employment_type, experience_level, remote_policy,
                            city, country),
                   employment_type, experience_level, remote_policy, city,
                   country, count(*)
            FROM probe_m
            GROUP BY GROUPING SETS ((employment_type), (experience_level),
                                    (remote_policy), (city, country), ())
            """,  # noqa: S608 - the ORM's own SQL, values are parameters
            params,
        )
        groups = [(row[0], row[1:6], row[6]) for row in cursor.fetchall()]
    count, facets = _grouped_facets(groups)
    return None if count > EXACT_LIMIT else (count, facets)


def _window(params: JobSearchParams, base, plan: "Plan") -> SearchWindow:
    """The window of ``params``' filters (see ``SearchWindow``), with counts
    exact whenever they can be had without reading every match twice:

    - up to ``FACET_CAP`` matches: from the window's own rows;
    - fenced (few expected matches): every match is collected anyway, so the
      count and the facets are exact over all of them (``_fenced_window``);
    - walked, the planner expecting at most ``PROBE_MAX``: a probe counts up
      to ``EXACT_LIMIT + 1`` matches (``_probe``): exact below that;
    - otherwise the planner's estimate ("about N", or "N+" when the estimate
      is below what is known to match), facets scaled from the newest
      ``FACET_CAP`` matches; both flagged as estimates.
    """
    all_ids = exact = None
    if plan.fenced and fts.uses_postgres_search():
        rows, all_ids, count, facets = _fenced_window(params, _covered(params, base))
        exact = (count, facets)
    else:
        rows = _window_rows(params, base, fenced=False)
    estimate = lower_bound = facets_estimated = False
    if exact is None and len(rows) <= FACET_CAP:
        exact = (len(rows), _facets(rows))
    if exact is None:
        known = FACET_CAP + 1
        guess = plan.estimate
        if guess is None and fts.uses_postgres_search():
            guess = fts.estimated_rows(base)
        if guess is None or guess <= PROBE_MAX:
            exact = _probe(_covered(params, base))
            known = EXACT_LIMIT + 1
    if exact is not None:
        count, facets = exact
    else:
        estimate = facets_estimated = True
        if guess is not None and guess >= known:
            count = guess
        else:
            count, lower_bound = known - 1, True
        facets = _scaled(_facets(rows[:FACET_CAP]), min(len(rows), FACET_CAP), count)
    ranked, boundary = [], None
    if params.q:
        top = rows[:RANK_CANDIDATES]
        # Best score first; the sort is stable, so the newest first among
        # equal scores (rows come newest first).
        ranked = [row[0] for row in sorted(top, key=lambda row: -row[-1])]
        if len(rows) > RANK_CANDIDATES:
            last = rows[RANK_CANDIDATES - 1]
            boundary = [last[1].isoformat(), last[0]]
    return SearchWindow(
        facets=facets,
        count=count,
        count_is_estimate=estimate,
        count_is_lower_bound=lower_bound,
        facets_are_estimates=facets_estimated,
        newest=[row[0] for row in rows],
        ranked=ranked,
        all_ids=all_ids,
        boundary=boundary,
    )


# --- Pages ----------------------------------------------------------------------------


def _offset(cursor: dict | None, limit: int) -> int:
    try:
        offset = int(cursor["o"]) if cursor else 0
    except (KeyError, TypeError, ValueError):
        raise fts.InvalidCursor("Invalid cursor.") from None
    if not 0 <= offset <= limit:
        raise fts.InvalidCursor("Invalid cursor.")
    return offset


def _cursor_key(cursor: dict) -> list:
    try:
        key = cursor["k"]
        datetime.datetime.fromisoformat(key[0])
        int(key[1])
    except (KeyError, TypeError, ValueError, IndexError):
        raise fts.InvalidCursor("Invalid cursor.") from None
    return key


def _page(sort, rows, *, more: bool, forward: bool, had_cursor: bool):
    """Keyset cursors around ``rows`` (fetched with one extra row: ``more``)."""
    rows = rows[: len(rows)]
    if not forward:
        rows.reverse()
    has_next = more if forward else True
    has_previous = had_cursor if forward else more
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


def _offset_page(sort: str, ids: list[int], cursor: dict | None, page_size: int):
    """A page of a bounded, ordered id list; the cursor holds the offset."""
    offset = _offset(cursor, len(ids))
    rows = _rows_in_order(ids[offset : offset + page_size])
    next_cursor = previous_cursor = None
    if offset + page_size < len(ids):
        next_cursor = fts.encode_cursor({"s": sort, "o": offset + page_size})
    if offset > 0:
        previous_cursor = fts.encode_cursor(
            {"s": sort, "o": max(0, offset - page_size)}
        )
    return rows, next_cursor, previous_cursor


def _older(base, key, limit: int, *, before=None) -> list[Job]:
    """Up to ``limit`` matches older than ``key`` (newest first); with
    ``before``, newer than ``key`` and older than ``before`` (oldest first)."""
    qs = base
    if before is None:
        qs = qs.filter(_after_newest(key, forward=True))
        ordering = NEWEST_FIRST
    else:
        qs = qs.filter(_after_newest(key, forward=False)).filter(
            _after_newest(before, forward=True)
        )
        ordering = _ordering(SortOrder.NEWEST, forward=False)
    qs = qs.select_related("company", "agency").only(*RESULT_FIELDS)
    return list(qs.order_by(*ordering)[:limit])


def _relevance_page(base, window: SearchWindow, cursor: dict | None, page_size: int):
    """Relevance, complete: the newest ``RANK_CANDIDATES`` matches best first
    (``window.ranked``), then every other match newest first.

    Offset cursors (``{"o": n}``) walk ranked ids followed, when the search
    collected every match (``window.all_ids``), by the rest of them; otherwise
    the rest is read by keyset pages older than ``window.boundary`` (cursor
    ``{"d": "n"|"p", "k": key}``). Each match is on exactly one page.
    """
    sort = SortOrder.RELEVANCE
    ranked = window.ranked
    if window.all_ids is not None:
        sequence = ranked + window.all_ids[len(ranked) :]
        tail = None
    else:
        sequence = ranked
        tail = window.boundary
    if cursor and "k" in cursor and tail is None:
        # A keyset cursor made while the search was walked (the plan can
        # change as the data does): the same place in the collected list.
        key = _cursor_key(cursor)
        try:
            position = sequence.index(int(key[1]), len(ranked))
        except ValueError:
            raise fts.InvalidCursor("Invalid cursor.") from None
        forward = cursor.get("d", "n") == "n"
        start = position + 1 if forward else max(0, position - page_size)
        cursor = {"s": sort, "o": start}
    if cursor and "k" in cursor:
        key = _cursor_key(cursor)
        if cursor.get("d", "n") == "n":
            rows = _older(base, key, page_size + 1)
            more = len(rows) > page_size
            rows = rows[:page_size]
            next_cursor = previous_cursor = None
            if more:
                next_cursor = fts.encode_cursor(
                    {"s": sort, "d": "n", "k": _key(sort, rows[-1])}
                )
            if rows:
                previous_cursor = fts.encode_cursor(
                    {"s": sort, "d": "p", "k": _key(sort, rows[0])}
                )
            return rows, next_cursor, previous_cursor
        # Backwards from a tail row: the tail rows before it, then the
        # ranked ids' end when the tail runs out.
        newer = _older(base, key, page_size + 1, before=tail)
        if len(newer) > page_size:
            rows = list(reversed(newer[:page_size]))
            previous_cursor = fts.encode_cursor(
                {"s": sort, "d": "p", "k": _key(sort, rows[0])}
            )
        else:
            need = page_size - len(newer)
            start = max(0, len(sequence) - need)
            rows = _rows_in_order(sequence[start:]) + list(reversed(newer))
            previous_cursor = None
            if start > 0:
                previous_cursor = fts.encode_cursor(
                    {"s": sort, "o": max(0, start - page_size)}
                )
        next_cursor = (
            fts.encode_cursor({"s": sort, "d": "n", "k": _key(sort, rows[-1])})
            if rows
            else None
        )
        return rows, next_cursor, previous_cursor
    offset = _offset(cursor, len(sequence))
    rows = _rows_in_order(sequence[offset : offset + page_size])
    next_cursor = previous_cursor = None
    if offset > 0:
        previous_cursor = fts.encode_cursor(
            {"s": sort, "o": max(0, offset - page_size)}
        )
    if offset + page_size < len(sequence):
        next_cursor = fts.encode_cursor({"s": sort, "o": offset + page_size})
    elif tail is not None:
        need = page_size - len(rows)
        more_rows = _older(base, tail, need + 1) if need else []
        if len(more_rows) > need:
            rows += more_rows[:need]
            key = _key(sort, rows[-1]) if need else tail
            next_cursor = fts.encode_cursor({"s": sort, "d": "n", "k": key})
        else:
            rows += more_rows
            if not need:
                next_cursor = fts.encode_cursor({"s": sort, "d": "n", "k": tail})
    return rows, next_cursor, previous_cursor


def _newest_from_window(window: SearchWindow, cursor: dict | None, page_size: int):
    """A newest-first page served from the window's ids (no match query), or
    None when the page reaches past what the window holds."""
    ids = window.ordered
    forward = not cursor or cursor.get("d", "n") == "n"
    if cursor:
        key = _cursor_key(cursor)
        try:
            position = ids.index(int(key[1]))
        except ValueError:
            return None
    else:
        position = -1
    if forward:
        chunk = ids[position + 1 : position + 2 + page_size]
        if len(chunk) <= page_size and not window.complete:
            return None
    else:
        chunk = ids[max(0, position - page_size - 1) : position][::-1]
    rows = _rows_in_order(chunk)
    if len(rows) != len(chunk):
        return None  # a job changed since the window was read
    more = len(rows) > page_size
    return _page(
        SortOrder.NEWEST,
        rows[:page_size],
        more=more,
        forward=forward,
        had_cursor=bool(cursor),
    )


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
    if sort == SortOrder.NEWEST:
        page = _newest_from_window(window, cursor, page_size)
        if page is not None:
            return page
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
    qs = qs.select_related("company", "agency").only(*RESULT_FIELDS)
    rows = list(qs.order_by(*ordering)[: page_size + 1])
    more = len(rows) > page_size
    return _page(
        sort, rows[:page_size], more=more, forward=forward, had_cursor=bool(cursor)
    )


def _cache_key(
    params: JobSearchParams, cursor: str | None, page_size: int, version: str
) -> str:
    digest = fts.params_digest([asdict(params), cursor or "", page_size])
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
    # read of the version, one of the answer (a hit ends here), one MGET of
    # the window and plan, and the new entries written together at the end.
    version = search_version()
    key = _cache_key(params, cursor, page_size, version)
    if sort == SortOrder.MATCH:
        key = f"{key}:{viewer.key}"
    # Facets, the capped count and the ranked ids do not depend on the sort or
    # the page: one read of the newest matches serves them all, and later
    # pages and sorts find it in the cache.
    window_key = _cache_key(_unsorted(params), "window", 0, version)
    plan_key = _plan_key(params)
    # The answer first: a hit then unpickles only itself, not the window
    # (which may hold every match's id); a miss costs one more round trip.
    answer = cache.get(key)
    if answer is not None:
        return answer
    found = cache.get_many([k for k in (window_key, plan_key) if k])
    decoded = fts.decode_cursor(cursor) if cursor else None
    if decoded is not None and decoded.get("s") != sort:
        raise fts.InvalidCursor("The cursor belongs to another sort order.")
    base = filtered_jobs(params)
    plans: dict = {}
    plan = _plan(params, base, cached=found.get(plan_key), writes=plans)
    writes: dict = {}
    window = found.get(window_key)
    if not isinstance(window, SearchWindow) or not hasattr(window, "all_ids"):
        window = writes[window_key] = _window(params, base, plan)
    scores = {}
    if sort == SortOrder.RELEVANCE:
        rows, next_cursor, previous_cursor = _relevance_page(
            base, window, decoded, page_size
        )
    elif sort == SortOrder.MATCH:
        scores = match_order(params, window, viewer)
        rows, next_cursor, previous_cursor = _offset_page(
            sort, list(scores), decoded, page_size
        )
    else:
        rows, next_cursor, previous_cursor = _keyset_page(
            sort, base, decoded, page_size, fenced=plan.fenced, window=window
        )
    results = [_as_result(row) for row in rows]
    for item in results if scores else ():
        item["match_score"] = scores[item["id"]]
    result = JobSearchResult(
        results=results,
        facets=window.facets,
        count=window.count,
        count_is_estimate=window.count_is_estimate,
        count_is_lower_bound=window.count_is_lower_bound,
        facets_are_estimates=window.facets_are_estimates,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
        sort=sort,
        suggestion=suggestion_for(params) if _few(window) and not decoded else None,
    )
    writes[key] = result
    cache.set_many(writes, CACHE_TIMEOUT)
    if plans:
        cache.set_many(plans, PLAN_CACHE_TIMEOUT)
    return result


def _few(window: SearchWindow) -> bool:
    """Few enough matches to look for a misspelling (``fts.SUGGEST_BELOW``)."""
    return not window.count_is_estimate and window.count < fts.SUGGEST_BELOW


# --- "Did you mean …" -----------------------------------------------------------------

VOCABULARY_SAMPLE = 100_000
_VOCABULARY_WORD = re.compile(r"[^\W\d_]+")
VOCABULARY_MIN_DOCUMENTS = 2


def suggestion_for(params: JobSearchParams) -> dict | None:
    """The corrected parameters of a search with a misspelt keyword, skill or
    city (from the vocabulary ``refresh_vocabulary`` builds), e.g.
    ``{"q": "python developer"}``; None when nothing looks misspelt.
    A skill slug or city is corrected only when it is not in the vocabulary."""

    scope = SearchTerm.Scope.JOBS
    out = {}
    if params.q:
        corrected = fts.suggest_query(params.q, scope=scope)
        if corrected:
            out["q"] = corrected
    if params.skills:
        known = set(
            SearchTerm.objects.filter(
                scope=scope, kind=SearchTerm.Kind.SKILL, term__in=params.skills
            ).values_list("term", flat=True)
        )
        fixed = [
            slug
            if slug in known
            else fts.closest_term(slug, scope=scope, kind=SearchTerm.Kind.SKILL) or slug
            for slug in params.skills
        ]
        if fixed != list(params.skills):
            out["skills"] = ",".join(fixed)
    if params.city:
        city = fts.closest_term(params.city, scope=scope, kind=SearchTerm.Kind.CITY)
        if city:
            out["city"] = city
    return out or None


def refresh_vocabulary() -> dict[str, int]:
    """Rebuild the job-search vocabulary (``hotgigs.models.SearchTerm``): the
    words of the newest ``VOCABULARY_SAMPLE`` published jobs' titles, skills
    and descriptions (in at least ``VOCABULARY_MIN_DOCUMENTS`` of them, so a
    one-off typo in a posting is never suggested), every skill slug of the
    taxonomy and every city with a published job. PostgreSQL counts words
    with ``ts_stat`` over ``to_tsvector('simple', …)`` (unstemmed words, as
    people type them); SQLite tokenises in Python. Run daily
    (``jobs.tasks.refresh_search_vocabulary``) and by the bench dataset."""

    scope = SearchTerm.Scope.JOBS
    published = Job.objects.published()
    if fts.uses_postgres_search():
        # ts_stat takes its documents' query as text: constants only here.
        documents = f"""
            SELECT to_tsvector('simple', j.title || ' ' || j.description || ' '
                || coalesce((SELECT string_agg(s.name, ' ') FROM jobs_jobskill js
                   JOIN matching_skill s ON s.id = js.skill_id
                   WHERE js.job_id = j.id), ''))
            FROM jobs_job j WHERE j.id IN (
                SELECT id FROM jobs_job WHERE status = '{JobStatus.PUBLISHED}'
                ORDER BY published_at DESC, id DESC LIMIT {int(VOCABULARY_SAMPLE)})
        """  # noqa: S608
        with transaction.atomic(), connection.cursor() as cursor:
            # A nightly statement over up to 100,000 documents: longer than
            # the request timeout (DB_STATEMENT_TIMEOUT_MS) allows.
            cursor.execute("SET LOCAL statement_timeout = '15min'")
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat(%s) WHERE ndoc >= %s "
                "AND length(word) BETWEEN 3 AND 40 AND word ~ '^[[:alpha:]]+$'",
                [documents, VOCABULARY_MIN_DOCUMENTS],
            )
            words = dict(cursor.fetchall())
    else:
        counter = Counter()
        recent = published.order_by("-published_at", "-id")[:VOCABULARY_SAMPLE]
        for job in recent.prefetch_related("skills").only("id", "title", "description"):
            skill_names = " ".join(skill.name for skill in job.skills.all())
            text = f"{job.title} {strip_tags(job.description or '')} {skill_names}"
            counter.update(set(_VOCABULARY_WORD.findall(text.lower())))
        words = {
            word: n
            for word, n in counter.items()
            if n >= VOCABULARY_MIN_DOCUMENTS and 3 <= len(word) <= 40
        }
    skills = dict.fromkeys(Skill.objects.values_list("slug", flat=True), 1)
    cities = dict(
        published.exclude(city="")
        .order_by()
        .values("city")
        .annotate(n=Count("id"))
        .values_list("city", "n")
    )
    return {
        "words": fts.replace_vocabulary(
            scope=scope, kind=SearchTerm.Kind.WORD, counts=words
        ),
        "skills": fts.replace_vocabulary(
            scope=scope, kind=SearchTerm.Kind.SKILL, counts=skills
        ),
        "cities": fts.replace_vocabulary(
            scope=scope, kind=SearchTerm.Kind.CITY, counts=cities
        ),
    }
