import pytest

pytestmark = pytest.mark.django_db

SKILLS = "/api/v1/ai/skills/"


def test_anyone_can_search_the_taxonomy(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = api.get(SKILLS, {"q": "reactjs"})

    assert response.status_code == 200
    # "PreactJS" contains "reactjs" too
    assert [s["name"] for s in response.json()["results"]] == ["Preact", "React"]
    react = response.json()["results"][1]
    assert react["slug"] == "react"
    assert react["category"] == "technology"
    assert "ReactJS" in react["aliases"]


def test_search_filters_by_category(api):
    response = api.get(SKILLS, {"q": "nursing", "category": "healthcare"})

    names = [s["name"] for s in response.json()["results"]]
    assert "Critical care nursing" in names
    assert all(s["category"] == "healthcare" for s in response.json()["results"])


def test_search_rejects_an_unknown_category(api):
    response = api.get(SKILLS, {"category": "wizardry"})

    assert response.status_code == 400
    assert "category" in str(response.json())


def test_retrieve_by_slug_and_404(api):
    assert api.get(f"{SKILLS}c-plus-plus/").json()["name"] == "C++"
    assert api.get(f"{SKILLS}no-such-skill/").status_code == 404


@pytest.mark.parametrize(
    ("text", "expected"),
    [("react.js", "react"), ("k8s", "kubernetes"), ("basket weaving", None)],
)
def test_normalize(api, text, expected):
    response = api.get(f"{SKILLS}normalize/", {"text": text})

    assert response.status_code == 200
    body = response.json()
    assert body["text"] == text
    assert (body["skill"] or {}).get("slug") == expected


@pytest.mark.parametrize("params", [{}, {"text": ""}, {"text": "x" * 121}])
def test_normalize_bad_input(api, params):
    response = api.get(f"{SKILLS}normalize/", params)

    assert response.status_code == 400


def test_extract_needs_an_account(api):
    response = api.post(f"{SKILLS}extract/", {"text": "Python"})

    assert response.status_code == 401


@pytest.mark.parametrize("persona", ["alice", "olivia", "rita", "sam"])
def test_extract_for_every_signed_in_persona(api_as, persona, request):
    client = api_as(request.getfixturevalue(persona))

    response = client.post(
        f"{SKILLS}extract/", {"text": "Intro\nPython and react.js, Python again"}
    )

    assert response.status_code == 200
    body = response.json()
    assert [s["slug"] for s in body["skills"]] == ["python", "react"]
    assert [(h["matched_text"], h["line_no"]) for h in body["hits"]] == [
        ("Python", 2),
        ("react.js", 2),
        ("Python", 2),
    ]
    assert body["hits"][0]["line"] == "Python and react.js, Python again"


@pytest.mark.parametrize(
    "payload", [{}, {"text": ""}, {"text": "x" * 100_001}, {"text": ["a"]}]
)
def test_extract_bad_input(api_as, alice, payload):
    response = api_as(alice).post(f"{SKILLS}extract/", payload, format="json")

    assert response.status_code == 400


def test_extract_is_read_only(api_as, alice):
    from matching.models import Skill

    before = Skill.objects.count()
    api_as(alice).post(f"{SKILLS}extract/", {"text": "Totally new skill"})

    assert Skill.objects.count() == before
