from candidates.completeness import ProfileFacts, compute_completeness
from candidates.selectors import completeness_for_user
from candidates.tests.factories import make_profile


def test_empty_profile_scores_zero_and_asks_for_skills_first():
    result = compute_completeness(ProfileFacts())
    assert result.score == 0
    assert result.next_step == "skills"
    assert result.missing == [
        "skills",
        "experience",
        "headline",
        "summary",
        "location",
        "preferences",
        "education",
        "links",
    ]


def test_partial_profile_names_what_is_missing():
    facts = ProfileFacts(
        headline="Dev", city="Berlin", country="DE", skill_count=3, has_link=True
    )
    result = compute_completeness(facts)
    assert result.score == 25 + 15 + 10 + 5
    assert result.missing == ["experience", "summary", "preferences", "education"]
    assert result.next_step_label == "Add your work experience"


def test_complete_profile_scores_100():
    facts = ProfileFacts(
        headline="Dev",
        summary="x" * 100,
        city="Berlin",
        country="DE",
        experience_level="mid",
        has_salary=True,
        skill_count=5,
        experience_count=1,
        education_count=1,
        has_link=True,
    )
    result = compute_completeness(facts)
    assert (result.score, result.missing, result.next_step) == (100, [], None)


def test_selector_for_dashboard(alice):
    assert completeness_for_user(alice).score == 0
    make_profile(alice, headline="Dev", city="Berlin", country="DE")
    assert completeness_for_user(alice).score == 25
