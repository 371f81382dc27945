"""The labour-market taxonomy: occupations loaded from the O*NET-derived data file
(a fixture subset of it here; the full file through `manage.py load_occupations`),
occupation inference from titles, admin and the read API."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from matching.engine.occupations import (
    OccupationEntry,
    OccupationIndex,
    occupation_affinity,
    title_key,
)
from matching.models import Occupation, OccupationSkill, Skill, SkillAlias
from matching.services import OCCUPATIONS_FILE, occupations_load, occupations_read_file
from matching.skills import normalize_skill

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "occupations_subset.json"


def fixture_data():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def loaded(db):
    return occupations_load(data=fixture_data())


# --- the data file --------------------------------------------------------------


def test_the_shipped_file_holds_every_onet_occupation_with_codes_and_titles():
    data = occupations_read_file(OCCUPATIONS_FILE)

    assert data["version"] == "onet-29.2.1"
    assert len(data["occupations"]) == 1016
    codes = {o["code"] for o in data["occupations"]}
    assert {"15-1252.00", "29-1141.00", "53-7051.00", "35-2014.00"} <= codes
    fields = {o["field"] for o in data["occupations"]}
    assert {"tech", "health", "trades", "finance", "sales", "logistics",
            "hospitality"} <= fields  # fmt: skip
    nurse = next(o for o in data["occupations"] if o["code"] == "29-1141.00")
    assert nurse["title"] == "Registered Nurses"
    assert "Staff Nurse" in nurse["titles"]
    assert {kind for _, _, kind in data["relations"]} == {"essential", "optional"}


def test_licence_and_attribution_sit_beside_the_data():
    text = (OCCUPATIONS_FILE.parent / "ONET_LICENSE.md").read_text(encoding="utf-8")

    assert "CC BY 4.0" in text
    assert "O*NET" in text


# --- loading ----------------------------------------------------------------------


def test_loading_creates_occupations_tools_aliases_and_relations(loaded):
    data = fixture_data()

    assert loaded == {
        "skills_created": len(data["skills"]),
        "aliases_created": loaded["aliases_created"],
        "occupations_created": 15,
        "occupations_updated": 0,
        "relations_created": len(data["relations"]),
        "relations_updated": 0,
        "skills_recounted": loaded["skills_recounted"],
    }
    assert loaded["aliases_created"] > 20
    assert loaded["skills_recounted"] == len({s for _, s, _ in data["relations"]})
    cook = Occupation.objects.get(code="35-2014.00")
    assert cook.title == "Cooks, Restaurant"
    assert cook.field == "hospitality"
    assert "Line Cook" in cook.alternative_titles
    assert cook.source_version == "onet-29.2.1-fixture"
    assert OccupationSkill.objects.count() == len(data["relations"])


def test_loading_twice_changes_nothing(loaded):
    again = occupations_load(data=fixture_data())

    assert set(again.values()) == {0}


def test_vendor_spellings_from_onet_become_aliases_of_curated_skills(loaded):
    assert SkillAlias.objects.get(text="Intuit QuickBooks").skill.slug == "quickbooks"
    assert normalize_skill("Atlassian JIRA") == "Jira"
    assert normalize_skill("Structured query language SQL") == "SQL"


def test_an_alias_spelling_already_owned_is_never_moved(loaded):
    python = Skill.objects.get(slug="python")
    SkillAlias.objects.filter(alias="intuitquickbooks").update(skill=python)

    occupations_load(data=fixture_data())

    assert SkillAlias.objects.get(alias="intuitquickbooks").skill == python


def test_a_reload_updates_edited_rows_and_keeps_rows_added_in_admin(loaded):
    Occupation.objects.filter(code="47-2111.00").update(title="Sparkies")
    Occupation.objects.create(code="99-0000.01", title="Added in admin")
    data = fixture_data()
    data["relations"] = [
        [c, s, "essential"] if (c, s) == tuple(data["relations"][0][:2]) else [c, s, k]
        for c, s, k in data["relations"]
    ]

    counts = occupations_load(data=data)

    assert counts["occupations_updated"] == 1
    assert Occupation.objects.get(code="47-2111.00").title == "Electricians"
    assert Occupation.objects.filter(code="99-0000.01").exists()
    first = data["relations"][0]
    expected = 0 if fixture_data()["relations"][0][2] == "essential" else 1
    assert counts["relations_updated"] == expected
    assert (
        OccupationSkill.objects.get(
            occupation__code=first[0], skill__slug=first[1]
        ).relation
        == "essential"
    )


def test_relations_to_unknown_codes_or_skills_are_skipped(db):
    data = fixture_data()
    data["relations"] = [["00-0000.00", "python", "essential"],
                         ["15-1252.00", "no-such-skill", "optional"]]  # fmt: skip

    counts = occupations_load(data=data)

    assert counts["relations_created"] == 0


def test_the_command_loads_a_file_and_reports_counts(db, tmp_path):
    out = StringIO()

    call_command("load_occupations", file=str(FIXTURE), stdout=out)

    assert out.getvalue().startswith("occupations onet-29.2.1-fixture: skills_created")
    assert Occupation.objects.count() == 15


def test_the_command_refuses_an_unreadable_file_clearly(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError, match="cannot read"):
        call_command("load_occupations", file=str(bad))


# --- inference (pure) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def index():
    return OccupationIndex(
        OccupationEntry(o["code"], o["title"], o["field"], tuple(o["titles"]))
        for o in fixture_data()["occupations"]
    )


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Senior Software Engineer | Stripeway Inc.", "15-1252.00"),
        ("Registered Nurse (ICU)", "29-1141.00"),
        ("Forklift Operator", "53-7051.00"),
        ("forklift operators", "53-7051.00"),
        ("Line Cook", "35-2014.00"),
        ("Staff Accountant", "13-2011.00"),
        ("Sous Chef", "35-1011.00"),
        ("Electrician", "47-2111.00"),
        ("CDL-A Truck Driver", "53-3032.00"),
        ("Call Center Agent", "43-4051.00"),
        ("Web Developer", "15-1254.00"),
        ("Bookkeeper at Acme, Inc.", "43-3031.00"),
        ("Junior Bookkeeper", "43-3031.00"),
    ],
)
def test_inference_reads_titles_as_people_write_them(index, title, code):
    assert index.infer(title)[0].code == code


@pytest.mark.parametrize("title", ["Astronaut", "", "   ", "!!!", "Chief Happiness"])
def test_inference_guesses_nothing_rather_than_anything(index, title):
    assert index.infer(title) == []


def test_an_exact_title_scores_one_and_says_which_title_it_read(index):
    guess = index.infer("Line Cook")[0]

    assert (guess.score, guess.matched, guess.field) == (
        1.0,
        "Line Cook",
        "hospitality",
    )


def test_a_word_match_scores_below_one(index):
    guess = index.infer("Senior Software Engineer | Stripeway Inc.")[0]

    assert 0.5 <= guess.score < 1.0


def test_best_guess_over_a_headline_and_past_roles(index):
    guess = index.infer_many(["Dreamer", "Line Cook", "Kitchen help"])

    assert guess.code == "35-2014.00"
    assert index.infer_many(["Dreamer"]) is None


def test_title_key_cuts_company_seniority_and_plurals():
    assert title_key("Sr. Software Engineers @ Foo") == "software engineer"
    assert title_key("Lead C# Developer (Remote)") == "c# developer"
    # "part time" and "full time" are cut as phrases, "part" and "contract" kept
    assert title_key("Part-time Cashier") == "cashier"
    assert title_key("Full Time Registered Nurse") == "registered nurse"
    assert title_key("Parts Sales Manager") == "part sale manager"
    assert title_key("Contract Specialist") == "contract specialist"


@pytest.mark.parametrize(
    ("a", "b", "affinity"),
    [
        ("29-1141.00", "29-1141.00", 1.0),
        ("29-1141.00", "29-1141.03", 0.8),
        ("15-1252.00", "15-1253.00", 0.5),
        ("15-1252.00", "15-1211.00", 0.25),
        ("15-1252.00", "29-1141.00", 0.0),
        # residual "All Other" codes (ending in 9) relate nothing they file
        ("15-1299.07", "15-1299.09", 0.25),  # blockchain engineer, IT project manager
        ("11-9179.01", "11-9179.02", 0.5),  # fitness coordinator, spa manager
        ("11-9171.00", "11-9179.02", 0.5),  # funeral home manager, spa manager
        ("19-3091.00", "19-3093.00", 0.25),  # miscellaneous social scientists
        ("15-1299.04", "15-1299.04", 1.0),
        (None, "29-1141.00", 0.0),
        ("", "", 0.0),
    ],
)
def test_occupation_affinity(a, b, affinity):
    assert occupation_affinity(a, b) == affinity


# --- admin ---------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="root@example.com", password="pw-12345-long"
    )
    client.force_login(user)
    return client


def test_admin_lists_filters_and_edits_occupations(staff_client, loaded):
    nurse = Occupation.objects.get(code="29-1141.00")

    listing = staff_client.get(
        "/admin/matching/occupation/", {"q": "nurse", "field__exact": "health"}
    )
    change = staff_client.get(f"/admin/matching/occupation/{nurse.pk}/change/")

    assert listing.status_code == 200
    assert b"Registered Nurses" in listing.content
    assert b"Electricians" not in listing.content
    assert change.status_code == 200
    assert b"skill_links-TOTAL_FORMS" in change.content


def test_admin_is_closed_to_people_who_are_not_staff(client, django_user_model, loaded):
    user = django_user_model.objects.create_user(
        email="someone@example.com", password="pw-12345-long"
    )
    client.force_login(user)

    response = client.get("/admin/matching/occupation/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- API -----------------------------------------------------------------------------


def test_api_lists_and_searches_occupations_without_an_account(client, loaded):
    response = client.get("/api/v1/ai/occupations/", {"q": "nurse"})

    assert response.status_code == 200
    assert [o["code"] for o in response.json()["results"]] == [
        "29-1141.03",
        "29-1141.00",
    ]


def test_api_filters_by_field_and_refuses_an_unknown_field(client, loaded):
    ok = client.get("/api/v1/ai/occupations/", {"field": "logistics"})
    bad = client.get("/api/v1/ai/occupations/", {"field": "astronomy"})

    assert {o["field"] for o in ok.json()["results"]} == {"logistics"}
    assert len(ok.json()["results"]) == 2
    assert bad.status_code == 400
    assert "field" in bad.json()["error"]["fields"]


def test_api_reads_one_occupation_with_titles_and_tools(client, loaded):
    response = client.get("/api/v1/ai/occupations/43-3031.00/")

    body = response.json()
    assert response.status_code == 200
    assert body["title"] == "Bookkeeping, Accounting, and Auditing Clerks"
    assert "Bookkeeper" in body["alternative_titles"]
    tools = {s["slug"]: s["relation"] for s in body["skills"]}
    assert tools["quickbooks"] == "essential"
    relations = [s["relation"] for s in body["skills"]]
    assert relations == sorted(relations)  # essential ones first


def test_api_unknown_or_malformed_code_is_404(client, loaded):
    assert client.get("/api/v1/ai/occupations/99-9999.99/").status_code == 404
    assert client.get("/api/v1/ai/occupations/nurse/").status_code == 404


def test_api_infers_occupations_from_a_title(client, loaded):
    response = client.get("/api/v1/ai/occupations/infer/", {"title": "Line Cook"})

    assert response.status_code == 200
    assert response.json()["occupations"][0] == {
        "code": "35-2014.00",
        "title": "Cooks, Restaurant",
        "field": "hospitality",
        "score": 1.0,
        "matched": "Line Cook",
    }


@pytest.mark.parametrize("params", [{}, {"title": ""}, {"title": "x" * 201}])
def test_api_infer_answers_bad_input_with_400(client, loaded, params):
    response = client.get("/api/v1/ai/occupations/infer/", params)

    assert response.status_code == 400
    assert "title" in response.json()["error"]["fields"]


def test_loading_counts_the_occupations_using_each_skill(loaded):
    data = fixture_data()
    expected = sum(1 for _, slug, _ in data["relations"] if slug == "quickbooks")

    assert Skill.objects.get(slug="quickbooks").occupation_count == expected
    assert Skill.objects.get(slug="rust").occupation_count == 0


# --- inference for scoring: pruned, memoised, from a text's first words ---------


def _every_title_reference(index, text, limit=3):
    """The inference before pruning: every title sharing a word is compared."""
    from matching.engine.occupations import MIN_SCORE, title_words

    words = title_words(text)
    query = frozenset(words)

    def weight(ws):
        return sum(index._idf.get(w, index._unknown_idf) for w in ws)

    best, hits = {}, {}
    for code, title, twords in index._titles:
        if not query & twords:
            continue
        score = weight(query & twords) / weight(query | twords)
        hits[code] = hits.get(code, 0) + (score >= MIN_SCORE)
        if score > best.get(code, (0.0, ""))[0]:
            best[code] = (score, title)
    ranked = sorted(
        best.items(), key=lambda kv: (-(kv[1][0] + 0.02 * min(hits[kv[0]], 5)), kv[0])
    )
    return [
        (code, round(min(1.0, score + 0.02 * min(hits[code], 5)), 4), title)
        for code, (score, title) in ranked[:limit]
        if score >= MIN_SCORE
    ]


@pytest.mark.parametrize(
    "title",
    ["Senior Platform Engineer", "data engineer python", "nurse practitioner ER",
     "customer service team lead", "Line cook and baker", "HVAC tech",
     "truck driver class A", "software engineer backend payments",
     "Marketing and sales person"],
)  # fmt: skip
def test_pruned_inference_gives_what_reading_every_title_gives(title):
    from matching.evaluation import load_occupation_index

    index = load_occupation_index()  # the whole shipped file, 56k titles

    got = [(g.code, g.score, g.matched) for g in index.infer(title)]

    assert got == _every_title_reference(index, title)


def test_guesses_are_memoised_per_title(index):
    first = index.guesses("Senior Staff Nurse", 3)

    assert index.guesses("Senior Staff Nurse", 3) is first
    assert index.infer("Senior Staff Nurse") == list(first)


def test_infer_leading_reads_an_exact_title_from_a_texts_first_words(index):
    found = index.infer_leading("Senior registered nurse on a busy ward. ICU.")

    assert [(g.code, g.score) for g in found][:1] == [("29-1141.00", 1.0)]
    assert index.infer_leading("Caring for patients on a busy ward") == []
    assert index.infer_leading("") == []


@pytest.mark.django_db
def test_production_scores_carry_the_occupation_component_once_loaded(
    alice, acme, loaded
):
    from jobs.ranking import builders, selectors
    from jobs.tests.ranking.wiring import alice_profile, backend_job
    from matching.process_state import forget_process_state

    forget_process_state()
    profile = builders.profiles_for_scoring().get(
        pk=alice_profile(alice, headline="Back End Engineer").pk
    )
    job = builders.jobs_for_scoring().get(pk=backend_job(acme).pk)

    result = selectors.match_for_candidate(profile=profile, job=job)

    assert builders.candidate_data_for(profile).titles == ("Back End Engineer",)
    occupation = result.component("occupation")
    # both exact titles of Web Developers ("Backend" = "Back End" without spaces)
    assert (occupation.score, occupation.weight) == (100.0, 15.0)
    assert occupation.reasons == ("same occupation: Web Developers",)
    assert result.explanation.startswith("same occupation: Web Developers; ")
