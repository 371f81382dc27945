"""Autocomplete for job search: the word, skill or city being
typed, from the search vocabulary and the taxonomy, with typo tolerance; the
API endpoint (public, throttled, 400 on bad input) and the page's combobox."""

import pytest
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from hotgigs.models import SearchTerm
from hotgigs.search import replace_vocabulary
from jobs.autocomplete import begins_like, suggest_completions
from jobs.search import refresh_vocabulary
from jobs.tests.test_search_complete import make_jobs
from matching.tests.factories import SkillFactory

URL = "/api/v1/jobs/autocomplete/"


@pytest.fixture
def vocabulary(db):
    """Given words, cities and skills with known document counts."""
    replace_vocabulary(
        scope="jobs",
        kind="word",
        counts={
            "python": 900,
            "pytorch": 120,
            "pyramid": 40,
            "kubernetes": 300,
            "accountant": 80,
            "accounting": 200,
            "data": 5000,
            "date": 10,
        },
    )
    replace_vocabulary(
        scope="jobs",
        kind="city",
        counts={"Berlin": 500, "Bern": 60, "Bergen": 20, "Barcelona": 300},
    )
    # Another scope's words never leak into job search.
    replace_vocabulary(scope="candidates", kind="word", counts={"pyjamas": 9})
    for name, slug in [
        ("Python", "python"),
        ("Kubernetes", "kubernetes"),
        # Made-up names: the migrated taxonomy holds no skill starting so.
        ("Qwyxlang", "qwyxlang"),
        ("QwyxFlow Pro", "qwyxflow-pro"),
        ("Qwyx++", "qwyx-plus-plus"),
        ("Zorbl Learning", "zorbl-learning"),
    ]:
        SkillFactory(name=name, slug=slug)
    replace_vocabulary(
        scope="jobs",
        kind="skill",
        counts=dict.fromkeys(
            [
                "python",
                "kubernetes",
                "qwyxlang",
                "qwyxflow-pro",
                "qwyx-plus-plus",
                "zorbl-learning",
            ],
            1,
        ),
    )


def values(field, prefix, **kwargs):
    return [
        (c.value, c.match)
        for c in suggest_completions(field=field, prefix=prefix, **kwargs)
    ]


@pytest.mark.parametrize(
    "field, prefix, expected",
    [
        # Words: most frequent first, any case typed.
        (
            "q",
            "py",
            [("python", "prefix"), ("pytorch", "prefix"), ("pyramid", "prefix")],
        ),
        ("q", "PYT", [("python", "prefix"), ("pytorch", "prefix")]),
        ("q", "acc", [("accounting", "prefix"), ("accountant", "prefix")]),
        # A typo in the beginning: the close spellings, flagged.
        ("q", "kubern", [("kubernetes", "prefix")]),
        ("q", "kuberen", [("kubernetes", "spelling")]),
        ("q", "pyhton", [("python", "spelling")]),
        ("q", "acountant", [("accountant", "spelling")]),
        # Prefix matches exist: no spelling guesses are mixed in.
        ("q", "data", [("data", "prefix")]),
        # Too short to guess a spelling, or nothing close.
        ("q", "pz", []),
        ("q", "xqzvwk", []),
        # Cities keep their case; the most common first.
        (
            "city",
            "ber",
            [("Berlin", "prefix"), ("Bern", "prefix"), ("Bergen", "prefix")],
        ),
        # "Berlin" and "Bern" are both 1 edit away: the more common first.
        ("city", "Berln", [("Berlin", "spelling"), ("Bern", "spelling")]),
        ("city", "barcleona", [("Barcelona", "spelling")]),
        # Skills: the slug goes in the field, by name or by slug, shortest first.
        (
            "skill",
            "qwy",
            [
                ("qwyx-plus-plus", "prefix"),
                ("qwyxlang", "prefix"),
                ("qwyxflow-pro", "prefix"),
            ],
        ),
        ("skill", "Qwyx+", [("qwyx-plus-plus", "prefix")]),
        ("skill", "zorbl l", [("zorbl-learning", "prefix")]),
        ("skill", "qwyxlnag", [("qwyxlang", "spelling")]),
        ("skill", "kubernets", [("kubernetes", "spelling")]),
        ("skill", "pyhton", [("python", "spelling")]),
    ],
)
def test_exact_completions(vocabulary, field, prefix, expected):
    assert values(field, prefix) == expected


def test_limit_cuts_the_list_and_labels_are_skill_names(vocabulary):
    assert values("q", "py", limit=1) == [("python", "prefix")]
    labels = [c.label for c in suggest_completions(field="skill", prefix="qwyx")]
    assert labels == ["Qwyx++", "Qwyxlang", "QwyxFlow Pro"]


@pytest.mark.parametrize(
    "prefix, term, expected",
    [
        ("kuberen", "kubernetes", True),
        ("pyhton", "python", True),
        ("pyth", "python", True),
        ("jav", "python", False),
        ("acountant", "accountant", True),
        ("xqzvwk", "python", False),
    ],
)
def test_begins_like(prefix, term, expected):
    assert begins_like(prefix, term) is expected


def test_built_from_the_real_vocabulary(acme):
    """Given published jobs, refresh_vocabulary feeds autocomplete."""
    make_jobs(acme, 3, word="kubernetes")
    refresh_vocabulary()
    assert values("q", "kube") == [("kubernetes", "prefix")]
    assert values("q", "kubrenetes") == [("kubernetes", "spelling")]
    assert values("city", "ham") == [("Hamburg", "prefix")]
    assert SearchTerm.objects.filter(kind="city").count() == 2


# --- API ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "olivia", "eve", "sam"])
def test_api_answers_everyone_the_same(vocabulary, api, api_as, who, request):
    client = api if who == "anonymous" else api_as(request.getfixturevalue(who))
    response = client.get(URL, {"field": "skill", "prefix": "pyhton"})
    assert response.status_code == 200
    assert response.json() == {
        "field": "skill",
        "prefix": "pyhton",
        "suggestions": [{"value": "python", "label": "Python", "match": "spelling"}],
    }


def test_api_completes_words_with_limit(vocabulary, api):
    response = api.get(URL, {"field": "q", "prefix": "  py ", "limit": "2"})
    assert response.status_code == 200
    assert response.json()["prefix"] == "py"
    assert [s["value"] for s in response.json()["suggestions"]] == [
        "python",
        "pytorch",
    ]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"prefix": "py"}, "field"),
        ({"field": "country", "prefix": "py"}, "field"),
        ({"field": "q"}, "prefix"),
        ({"field": "q", "prefix": ""}, "prefix"),
        ({"field": "q", "prefix": "   "}, "prefix"),
        ({"field": "q", "prefix": "p" * 101}, "prefix"),
        ({"field": "q", "prefix": '"py'}, "prefix"),
        ({"field": "q", "prefix": "py%"}, "prefix"),
        ({"field": "q", "prefix": "py", "limit": "0"}, "limit"),
        ({"field": "q", "prefix": "py", "limit": "11"}, "limit"),
        ({"field": "q", "prefix": "py", "limit": "many"}, "limit"),
    ],
)
def test_api_bad_input_is_a_400_naming_the_parameter(vocabulary, api, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_api_nul_in_the_prefix_is_a_400(vocabulary, api):
    response = api.get(URL, {"field": "q", "prefix": "py\x00"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_api_is_throttled_per_ip(vocabulary, api, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "autocomplete", "3/minute")
    statuses = [
        api.get(URL, {"field": "q", "prefix": "py"}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_api_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/jobs/autocomplete/"]["get"]
    assert operation["operationId"] == "jobs_autocomplete"
    names = {p["name"]: p for p in operation["parameters"]}
    assert names["field"]["required"] is True
    assert sorted(names["field"]["schema"]["enum"]) == ["city", "q", "skill"]
    assert "400" in operation["responses"]
    assert "429" in operation["responses"]


def test_autocomplete_does_not_shadow_job_ids(vocabulary, api):
    assert api.get("/api/v1/jobs/999999/").status_code == 404


# --- Page ----------------------------------------------------------------------------


def test_search_page_marks_the_three_fields_and_loads_the_script(client, db):
    body = client.get(reverse("jobs:search")).content.decode()
    assert 'name="q"' in body and 'data-autocomplete="q"' in body
    assert 'data-autocomplete="skill"' in body
    assert 'data-autocomplete="city"' in body
    assert "js/autocomplete" in body
    # Without JavaScript they are plain text inputs (no combobox role yet).
    assert 'role="combobox"' not in body
