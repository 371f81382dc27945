import pytest

from matching.models import RelatedSkill, Skill, SkillAlias
from matching.services import taxonomy_load
from matching.skills import extract_skills, normalize_skill, resolve_skill

pytestmark = pytest.mark.django_db


def test_the_migration_loads_the_taxonomy_file():
    assert Skill.objects.count() >= 1500
    assert SkillAlias.objects.count() >= 3000
    assert RelatedSkill.objects.count() >= 1000
    categories = set(Skill.objects.values_list("category", flat=True))
    assert {"technology", "healthcare", "finance", "logistics", "hospitality"} <= (
        categories
    )


def test_loading_again_changes_nothing():
    counts = taxonomy_load()

    assert counts == {
        "skills_created": 0,
        "skills_updated": 0,
        "aliases_created": 0,
        "aliases_updated": 0,
        "related_created": 0,
        "related_updated": 0,
    }


def test_loading_updates_by_slug_and_keeps_staff_additions():
    python = Skill.objects.get(slug="python")
    python.name = "Python (old)"
    python.save()
    SkillAlias.objects.create(skill=python, alias="snake", text="Snake")

    counts = taxonomy_load()

    python.refresh_from_db()
    assert python.name == "Python"
    assert counts["skills_updated"] == 1
    assert SkillAlias.objects.get(alias="snake").skill == python


@pytest.mark.parametrize(
    "spelling",
    ["ReactJS", "react.js", "React", "REACT JS", " react-js ", "React.JS"],
)
def test_normalize_skill_aliases_punctuation_case_and_whitespace(spelling):
    assert normalize_skill(spelling) == "React"


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("golang", "Go"),
        ("c++", "C++"),
        ("C#", "C#"),
        ("csharp", "C#"),
        ("c", "C"),
        ("Java", "Java"),
        ("javascript", "JavaScript"),
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("dotnet", ".NET"),
        ("ASP.NET Core", "ASP.NET Core"),
        ("node", "Node.js"),
        ("paediatric nursing", "Pediatric nursing"),
        ("Food & Beverage", "Food and beverage"),
        ("food and beverage", "Food and beverage"),
        ("HACCP", "Food safety"),
        ("forklift", "Forklift operation"),
        ("CPA", "Certified Public Accountant"),
        ("fluent german", "German"),
    ],
)
def test_normalize_skill_known_spellings(spelling, name):
    assert normalize_skill(spelling) == name


@pytest.mark.parametrize("spelling", ["", "   ", "underwater basket weaving", "AP"])
def test_normalize_skill_unknown_or_ambiguous_is_none(spelling):
    assert normalize_skill(spelling) is None


def test_resolve_skill_returns_the_slug_and_category():
    ref = resolve_skill("react.js")

    assert (ref.slug, ref.name, ref.category) == ("react", "React", "technology")
    assert ref.id == Skill.objects.get(slug="react").id


def test_admin_style_edits_are_seen_after_the_version_bump():
    from matching.services import taxonomy_bump_version

    assert normalize_skill("Snake") is None
    SkillAlias.objects.create(
        skill=Skill.objects.get(slug="python"), alias="snake", text="Snake"
    )
    taxonomy_bump_version()

    assert normalize_skill("Snake") == "Python"


def test_a_lost_version_entry_is_read_back_without_a_rebuild(
    django_assert_num_queries,
):
    from django.core.cache import cache

    from matching.services import TAXONOMY_VERSION_CACHE_KEY
    from matching.skills import get_taxonomy

    built = get_taxonomy()
    cache.delete(TAXONOMY_VERSION_CACHE_KEY)  # evicted, or Redis flushed

    with django_assert_num_queries(1):  # the token row, not the 3 of a rebuild
        assert get_taxonomy() is built


def test_a_bump_reaches_processes_whose_cache_entry_was_lost():
    from django.core.cache import cache

    from matching.models import TaxonomyVersion
    from matching.services import TAXONOMY_VERSION_CACHE_KEY, taxonomy_bump_version

    assert normalize_skill("Snake") is None
    SkillAlias.objects.create(
        skill=Skill.objects.get(slug="python"), alias="snake", text="Snake"
    )
    token = taxonomy_bump_version()
    cache.delete(TAXONOMY_VERSION_CACHE_KEY)

    assert TaxonomyVersion.objects.get().token == token
    assert normalize_skill("Snake") == "Python"
    assert cache.get(TAXONOMY_VERSION_CACHE_KEY) == token


def names(hits):
    return [h.skill.name for h in hits]


def test_extract_longest_match_wins_for_overlapping_names():
    text = "Built apps in JavaScript, Java and C++ with C# services on .NET Core"

    assert names(extract_skills(text)) == [
        "JavaScript",
        "Java",
        "C++",
        "C#",
        ".NET Core",
    ]


def test_extract_reports_matched_text_line_and_line_number():
    text = "Summary\n  Senior developer: Python, react.js and Postgres\nHobbies: chess"

    hits = extract_skills(text)

    assert [(h.skill.name, h.matched_text, h.line_no) for h in hits] == [
        ("Python", "Python", 2),
        ("React", "react.js", 2),
        ("PostgreSQL", "Postgres", 2),
    ]
    assert hits[0].line == "Senior developer: Python, react.js and Postgres"


def test_extract_ambiguous_words_need_their_case_and_short_names_need_context():
    assert names(extract_skills("I go to the gym and love rust-coloured paint")) == []
    assert names(extract_skills("Go karting, grade C, vitamin C")) == []
    assert names(extract_skills("Languages: Go, Rust and C")) == ["Go", "Rust", "C"]
    assert names(extract_skills("Backend in Go with PostgreSQL")) == [
        "Back-end development",
        "Go",
        "PostgreSQL",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Python - Less than 1 year months", ["Python"]),
        ("Less than a year of SQL", ["SQL"]),
        ("CSS, Less, Sass", ["CSS", "Less", "Sass"]),
        ("Replaced Spark plugs and brake pads", []),
        ("Spark jobs on Hadoop", ["Apache Spark", "Apache Hadoop"]),
        ("Swift response to incidents", []),
        ("Swift and Kotlin mobile apps", ["Swift", "Kotlin"]),
        ("Rocket science it is not", []),
    ],
)
def test_extract_a_name_that_begins_an_everyday_phrase_is_not_a_hit(text, expected):
    assert names(extract_skills(text)) == expected


def test_extract_does_not_glue_words_into_a_name():
    assert names(extract_skills("Work in design teams")) == []
    assert names(extract_skills("Adobe InDesign and CI/CD")) == [
        "Adobe InDesign",
        "CI/CD",
    ]


def test_extract_other_trades():
    text = (
        "Registered nurse with BLS and ACLS; wound care and phlebotomy.\n"
        "Forklift licence, HACCP, month-end close in Xero."
    )

    assert names(extract_skills(text)) == [
        "Registered Nurse license",
        "Basic life support",
        "Advanced cardiac life support",
        "Wound care",
        "Phlebotomy",
        "Forklift certification",
        "Food safety",
        "Month-end close",
        "Xero",
    ]
