"""The profile page in sections: basics, summary, skills,
experience, education, preferences, links and visibility each have their own form
and Save, posted to /profile/<section>/. A section saves only its own fields; bad
input answers 400 with the error by its field, a summary at the top linking to
each error, what was typed kept, and nothing saved."""

import re
from datetime import date

import pytest
from django.test import Client

from candidates.models import CandidateProfile
from candidates.selectors import profile_completeness
from candidates.tests.factories import make_profile
from matching.tests.factories import SkillFactory

pytestmark = pytest.mark.django_db

SECTIONS = [
    "basics",
    "summary",
    "skills",
    "experience",
    "education",
    "preferences",
    "links",
    "visibility",
]


def login(user):
    client = Client()
    client.force_login(user)
    return client


def rows(prefix, *forms, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(forms)), f"{prefix}-INITIAL_FORMS": "0"}
    data[f"{prefix}-INITIAL_FORMS"] = str(initial)
    for index, form in enumerate(forms):
        data |= {f"{prefix}-{index}-{name}": value for name, value in form.items()}
    return data


PREFERENCES = {
    "remote_preference": "remote",
    "years_experience": "6",
    "experience_level": "senior",
    "desired_salary_min": "70000",
    "desired_salary_max": "90000",
    "salary_currency": "eur",
    "salary_period": "year",
    "employment_types": ["full_time", "contract"],
    "availability": "actively_looking",
    "available_from": "2027-01-15",
}


@pytest.fixture
def profile(alice):
    return make_profile(
        alice,
        headline="Backend developer",
        city="Berlin",
        country="DE",
        summary="Kept.",
        github_url="https://github.com/alice",
        years_experience=4,
    )


def fields_of(profile):
    profile = CandidateProfile.objects.get(pk=profile.pk)
    return {
        name: getattr(profile, name)
        for name in ("headline", "city", "country", "summary", "github_url")
    }


# --- the page -------------------------------------------------------------------


def test_page_has_one_form_and_save_per_section_and_a_section_index(alice, profile):
    html = login(alice).get("/profile/").content.decode()

    actions = re.findall(r'<form method="post" action="/profile/([a-z]+)/"', html)
    assert actions == SECTIONS
    buttons = re.findall(r'<button type="submit" class="button">([^<]+)</button>', html)
    assert buttons == [f"Save {name}" for name in SECTIONS]
    index = re.findall(r'<li><a href="#section-([a-z]+)">', html)
    assert index == SECTIONS
    assert "error-summary" not in html


def test_completeness_names_the_next_step_once_then_the_rest(alice, profile):
    html = login(alice).get("/profile/").content.decode()
    missing = profile_completeness(profile).missing_labels
    assert missing[0] == "Add at least 3 skills"
    assert len(missing) >= 2
    assert f"<strong>Next step:</strong> {missing[0]}" in html
    assert html.count(missing[0]) == 1
    then = re.search(r'<ul aria-labelledby="profile-then">(.*?)</ul>', html).group(1)
    assert re.findall(r"<li>([^<]+)</li>", then) == missing[1:]


# --- each section saves its own fields only ------------------------------------


def test_basics_saves_its_fields_and_leaves_the_rest(alice, profile):
    client = login(alice)
    response = client.post(
        "/profile/basics/",
        {"headline": "Payments engineer", "city": "Munich", "country": "at"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/profile/#section-basics"
    assert fields_of(profile) == {
        "headline": "Payments engineer",
        "city": "Munich",
        "country": "AT",
        "summary": "<p>Kept.</p>",
        "github_url": "https://github.com/alice",
    }
    page = client.get("/profile/").content.decode()
    assert "Basics saved." in page


def test_summary_saves_sanitised_rich_text_and_refreshes_search(alice, profile):
    response = login(alice).post(
        "/profile/summary/",
        {"summary": "Payments.\n\n- Python\n- Kafka & Go"},
    )

    assert response.status_code == 302
    saved = CandidateProfile.objects.get(pk=profile.pk)
    assert saved.summary == (
        "<p>Payments.</p><ul><li>Python</li><li>Kafka &amp; Go</li></ul>"
    )
    assert saved.headline == "Backend developer"
    assert "Payments. Python" in saved.search_document


def test_skills_section_links_the_taxonomy_and_removes_rows(alice, profile):
    SkillFactory(name="Python", slug="python")
    client = login(alice)

    client.post(
        "/profile/skills/",
        rows(
            "skills",
            {"name": "python", "level": "4", "years": "3"},
            {"name": "Event storming", "level": "2", "years": "1"},
        ),
    )
    saved = [(s.name, s.skill_id is not None, s.level) for s in profile.skills.all()]
    python = profile.skills.get(name="Python")
    response = client.post(
        "/profile/skills/",
        rows(
            "skills",
            {"id": str(python.pk), "name": "Python", "level": "4", "years": "3"},
            {
                "id": str(profile.skills.get(name="Event storming").pk),
                "name": "Event storming",
                "level": "2",
                "years": "1",
                "DELETE": "on",
            },
            initial=2,
        ),
    )

    assert sorted(saved) == [("Event storming", False, 2), ("Python", True, 4)]
    assert response.status_code == 302
    assert response["Location"] == "/profile/#section-skills"
    assert list(profile.skills.values_list("name", flat=True)) == ["Python"]
    assert "Python" in CandidateProfile.objects.get(pk=profile.pk).search_document
    assert fields_of(profile)["headline"] == "Backend developer"


def test_experience_section_saves_rows_and_search_reads_titles(alice, profile):
    response = login(alice).post(
        "/profile/experience/",
        rows(
            "experience",
            {
                "title": "Payments lead",
                "employer_name": "Initech",
                "start_date": "2020-01-01",
                "is_current": "on",
            },
        ),
    )

    assert response.status_code == 302
    row = profile.experience.get()
    assert (row.title, row.employer_name, row.start_date, row.is_current) == (
        "Payments lead",
        "Initech",
        date(2020, 1, 1),
        True,
    )
    document = CandidateProfile.objects.get(pk=profile.pk).search_document
    assert "Payments lead" in document


def test_education_section_saves_rows(alice, profile):
    response = login(alice).post(
        "/profile/education/",
        rows(
            "education",
            {"school": "TU Berlin", "degree": "MSc", "start_year": "2012"},
        ),
    )

    assert response.status_code == 302
    assert list(profile.education.values_list("school", "degree", "start_year")) == [
        ("TU Berlin", "MSc", 2012)
    ]


def test_preferences_section_normalises_salary_and_types(alice, profile):
    response = login(alice).post("/profile/preferences/", PREFERENCES)

    assert response.status_code == 302
    saved = CandidateProfile.objects.get(pk=profile.pk)
    assert (
        saved.salary_currency,
        saved.desired_salary_min_yearly,
        saved.employment_types,
        saved.available_from,
        saved.years_experience,
    ) == ("EUR", 70000, ["contract", "full_time"], date(2027, 1, 15), 6)
    assert fields_of(profile)["city"] == "Berlin"


def test_links_section_assumes_https(alice, profile):
    response = login(alice).post(
        "/profile/links/",
        {"github_url": "github.com/alice2", "linkedin_url": "", "portfolio_url": ""},
    )

    assert response.status_code == 302
    assert fields_of(profile)["github_url"] == "https://github.com/alice2"


def test_visibility_section_hides_the_profile(alice, profile):
    response = login(alice).post("/profile/visibility/", {"visibility": "hidden"})

    assert response.status_code == 302
    assert CandidateProfile.objects.get(pk=profile.pk).visibility == "hidden"


# --- bad input: 400, error by the field, summary linking it, nothing saved ------


@pytest.mark.parametrize(
    ("section", "data", "anchor", "message"),
    [
        (
            "basics",
            {"headline": "Typed headline", "country": "Germany"},
            "id_country",
            "Country: Ensure this value has at most 2 characters (it has 7).",
        ),
        (
            "summary",
            {"summary": "x" * 5001},
            "id_summary",
            "Summary: Ensure this value has at most 5000 characters (it has 5001).",
        ),
        (
            "skills",
            rows("skills", {"name": "Python", "level": "9", "years": "1"}),
            "id_skills-0-level",
            "Skills 1: Level (1–5): Ensure this value is less than or equal to 5.",
        ),
        (
            "experience",
            rows(
                "experience",
                {
                    "title": "Dev",
                    "employer_name": "Initech",
                    "start_date": "2021-01-01",
                    "end_date": "2020-01-01",
                },
            ),
            "id_experience-0-end_date",
            "Experience 1: End date: The end date must be after the start date.",
        ),
        (
            "education",
            rows("education", {"school": "TU", "start_year": "1800"}),
            "id_education-0-start_year",
            "Education 1: Start year: Enter a year between 1900 and 2100.",
        ),
        (
            "preferences",
            PREFERENCES | {"desired_salary_min": "9", "desired_salary_max": "1"},
            "id_desired_salary_max",
            "Desired salary max: The maximum must be at least the minimum.",
        ),
        (
            "links",
            {"github_url": "https://gitlab.com/a"},
            "id_github_url",
            None,
        ),
        (
            "visibility",
            {"visibility": "everyone"},
            "id_visibility",
            None,
        ),
    ],
)
def test_bad_input_is_400_with_errors_by_fields_and_linked_summary(
    alice, profile, section, data, anchor, message
):
    before = (
        fields_of(profile),
        list(profile.skills.all()),
        list(profile.experience.all()),
        list(profile.education.all()),
        CandidateProfile.objects.get(pk=profile.pk).visibility,
    )

    response = login(alice).post(f"/profile/{section}/", data)

    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('<div class="form-errors error-summary"', 1)[1].split(
        "</div>", 1
    )[0]
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', summary)
    assert [link for link, _ in links] == [anchor]
    if message:
        assert links[0][1] == message.replace("'", "&#x27;")
    # The error sits by its field, which keeps the id the summary links to.
    assert f'id="{anchor}"' in html
    assert html.count('class="field-error" role="alert"') == 1
    after = (
        fields_of(profile),
        list(profile.skills.all()),
        list(profile.experience.all()),
        list(profile.education.all()),
        CandidateProfile.objects.get(pk=profile.pk).visibility,
    )
    assert after == before


def test_bad_input_keeps_what_was_typed_in_that_section(alice, profile):
    response = login(alice).post(
        "/profile/basics/", {"headline": "Typed headline", "country": "Germany"}
    )

    html = response.content.decode()
    assert 'value="Typed headline"' in html
    assert fields_of(profile)["headline"] == "Backend developer"


# --- who may save ---------------------------------------------------------------


@pytest.mark.parametrize("persona", ["bob", "sam"])
def test_another_candidate_or_staff_saves_only_their_own_profile(
    request, profile, persona
):
    # Staff accounts with the candidate role own a profile like anyone; nothing
    # in the URL names a profile, so no one can reach another's.
    user = request.getfixturevalue(persona)

    response = login(user).post("/profile/basics/", {"headline": "Own headline"})

    assert response.status_code == 302
    assert fields_of(profile)["headline"] == "Backend developer"
    assert CandidateProfile.objects.get(user=user).headline == "Own headline"


@pytest.mark.parametrize("persona", ["olivia", "tom", "eve", "rita"])
def test_people_without_a_candidate_profile_are_refused(
    request, acme, profile, persona
):
    client = login(request.getfixturevalue(persona))

    assert client.get("/profile/").status_code == 403
    assert client.post("/profile/basics/", {"headline": "x"}).status_code == 403
    assert fields_of(profile)["headline"] == "Backend developer"


def test_anonymous_is_sent_to_log_in(profile):
    response = Client().post("/profile/basics/", {"headline": "x"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/profile/basics/"
    assert fields_of(profile)["headline"] == "Backend developer"


def test_unknown_section_is_404_and_get_or_whole_page_post_is_405(alice, profile):
    client = login(alice)

    assert client.post("/profile/salary/", {"headline": "x"}).status_code == 404
    assert client.get("/profile/basics/").status_code == 405
    assert client.post("/profile/", {"headline": "x"}).status_code == 405
    assert fields_of(profile)["headline"] == "Backend developer"
