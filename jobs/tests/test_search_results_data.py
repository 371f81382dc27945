"""The cached search's fast paths give exactly what the slow ones gave:
plain result serialisation vs JobSearchResultSerializer,
memoised parameter parsing vs JobSearchForm."""

import datetime

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.request import Request

from companies.tests.factories import CompanyFactory
from jobs import search as job_search
from jobs.api.serializers import JobSearchResultSerializer, search_results_data
from jobs.search import JobSearchForm, parse_search_params, search_jobs
from jobs.services import refresh_search_vectors
from jobs.tests.factories import JobFactory


@pytest.fixture
def results(acme):
    agency = CompanyFactory(name="Hire Partners", slug="hire-partners", kind="agency")
    now = timezone.now()
    JobFactory(
        company=acme,
        agency=agency,
        title="Python Developer",
        city="Berlin",
        region="",
        country="DE",
        salary_min=50000,
        salary_max=None,
        salary_currency="EUR",
        status="published",
        published_at=now - datetime.timedelta(hours=1, microseconds=123),
    )
    JobFactory(
        company=acme,
        title="Python Lead",
        city="",
        country="",
        salary_min=None,
        salary_max=None,
        status="published",
        published_at=now - datetime.timedelta(hours=2),
    )
    refresh_search_vectors()
    form = JobSearchForm({"q": "python"})
    assert form.is_valid()
    items = search_jobs(form.params()).results
    assert len(items) == 2
    return items


def drf(items, fields=None):
    query = {"fields": fields} if fields else {}
    request = Request(RequestFactory().get("/api/v1/jobs/", query))
    return JobSearchResultSerializer(
        items, many=True, context={"request": request}
    ).data


@pytest.mark.parametrize(
    "fields", [None, "", "id,title", "salary,agency,published_at", "nothing-known"]
)
def test_plain_results_equal_the_serializer(results, fields):
    assert search_results_data(results, fields=fields) == drf(results, fields)


def test_match_score_is_kept_when_present(results):
    scored = [{**item, "match_score": 87} for item in results]
    assert search_results_data(scored) == drf(scored)
    assert search_results_data(scored)[0]["match_score"] == 87


def test_plain_results_shape(results):
    first = search_results_data(results)[0]
    assert list(first) == [
        "id",
        "slug",
        "title",
        "url",
        "company",
        "agency",
        "location",
        "employment_type",
        "experience_level",
        "remote_policy",
        "salary",
        "published_at",
    ]
    assert first["agency"] == {"name": "Hire Partners", "slug": "hire-partners"}
    assert first["salary"] == {
        "min": 50000,
        "max": None,
        "currency": "EUR",
        "period": "year",
    }
    assert first["published_at"].endswith("Z")


@pytest.mark.parametrize(
    "query",
    [
        "q=python&country=de",
        "remote_policy=remote&remote_policy=hybrid&employment_type=contract",
        "remote_policy=remote,hybrid&cursor=abc&fields=id",
        "skills=Python,,django&city=  Berlin  &sort=newest",
    ],
)
def test_memoised_parsing_equals_the_form_and_is_reused(db, query, monkeypatch):
    monkeypatch.setattr(job_search, "_PARSED", {})
    data = QueryDict(query)
    form = JobSearchForm(data)
    assert form.is_valid()
    params, errors = parse_search_params(data)
    assert (params, errors) == (form.params(), {})
    again, _ = parse_search_params(QueryDict(query))
    assert again is params  # from the memo


def test_invalid_parameters_are_reported_and_not_memoised(db, monkeypatch):
    monkeypatch.setattr(job_search, "_PARSED", {})
    params, errors = parse_search_params(QueryDict("country=XX&salary_min=-1"))
    assert params is None
    assert set(errors) == {"country", "salary_min"}
    assert errors["country"] == ["XX is not an ISO 3166 country code (e.g. DE, US)."]
    assert job_search._PARSED == {}


def test_the_memo_is_bounded(db, monkeypatch):
    monkeypatch.setattr(job_search, "_PARSED", {})
    monkeypatch.setattr(job_search, "PARSED_MAX", 3)
    for n in range(5):
        parse_search_params(QueryDict(f"q=word{n}"))
    assert len(job_search._PARSED) <= 3
