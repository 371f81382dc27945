"""Resume analysis on realistic text, and on PDF/DOCX files made by the test."""

import io
import json
from datetime import date
from functools import cache

import pytest

from matching.engine.resume import analyze_resume, profile_suggestions
from matching.engine.taxonomy import taxonomy_from_data
from matching.services import TAXONOMY_FILE

TODAY = date(2026, 11, 1)
RESUME = """Jane Doe
jane.doe@example.com | +1 415 555 0132 | linkedin.com/in/janedoe

Summary
Senior backend engineer building Python and Django services.

Experience
Senior Backend Engineer, Acme Corp    Jan 2019 – Present
- Led the migration of 40 services to Kubernetes, cutting hosting costs by 30%.
- Responsible for the payments API in PostgreSQL.
Backend Developer, Globex    03/2015 - 12/2018
- Helped build a Flask API used by 2 million users.
Intern, Initech    2014-2015
- Tested releases.

Education
BSc Computer Science, University of Leeds, 2014

Skills
Python, Django, PostgreSQL, Docker, AWS, CI/CD
"""


@cache
def taxonomy():
    return taxonomy_from_data(json.loads(TAXONOMY_FILE.read_text()))


def analyse(text=RESUME, **kw):
    return analyze_resume(text, taxonomy=taxonomy(), today=TODAY, **kw)


def codes(analysis):
    return [(s.code, s.severity) for s in analysis.suggestions]


def test_contact_details_and_sections():
    a = analyse()

    assert a.emails == ("jane.doe@example.com",)
    assert a.phones == ("+14155550132",)
    assert a.links == ("linkedin.com/in/janedoe",)
    assert a.sections == ("summary", "experience", "education", "skills")


def test_skills_with_evidence_lines_and_no_hits_from_links():
    a = analyse()

    assert a.skill_names == (
        "Back-end development",
        "Python",
        "Django",
        "Kubernetes",
        "Payments",
        "PostgreSQL",
        "Flask",
        "Docker",
        "Amazon Web Services",
        "CI/CD",
    )
    kubernetes = next(h for h in a.skills if h.skill.name == "Kubernetes")
    assert kubernetes.line_no == 7  # of the lines read (blank ones dropped)
    assert kubernetes.line.startswith("- Led the migration of 40 services")


def test_roles_and_years_from_date_ranges():
    a = analyse()

    assert [(r.title, r.company, r.start, r.end, r.years) for r in a.roles] == [
        ("Senior Backend Engineer", "Acme Corp", date(2019, 1, 1), None, 7.8),
        ("Backend Developer", "Globex", date(2015, 3, 1), date(2018, 12, 1), 3.8),
        ("Intern", "Initech", date(2014, 1, 1), date(2015, 1, 1), 1.0),
    ]
    assert [(r.start_label, r.end_label) for r in a.roles] == [
        ("2019-01", None),
        ("2015-03", "2018-12"),
        ("2014", "2015"),
    ]
    # 2014-01→2015-01 (12) + 2015-03→2018-12 (45) + 2019-01→2026-11 (94) months
    assert a.total_years == round((12 + 45 + 94) / 12, 1)


def test_overlapping_roles_count_once():
    text = "Dev A 2018 - 2020\nDev B 2019 - 2021\n"

    assert analyse(text).total_years == 3.0


def test_education_entries():
    (entry,) = analyse().education

    assert (entry.degree, entry.field, entry.school, entry.year, entry.line_no) == (
        "BSc",
        "Computer Science",
        "University of Leeds",
        2014,
        14,
    )


def test_suggestions_for_a_good_resume_point_at_passages():
    a = analyse(job_skills=["Python", "Terraform", "golang"])

    assert codes(a) == [
        ("weak_verb", "low"),
        ("weak_verb", "low"),
        ("too_short", "medium"),
        ("missing_job_skill", "medium"),
        ("missing_job_skill", "medium"),
    ]
    assert (
        a.suggestions[0].passage == "- Responsible for the payments API in PostgreSQL."
    )
    assert a.suggestions[1].passage == (
        "- Helped build a Flask API used by 2 million users."
    )
    assert [s.message for s in a.suggestions[3:]] == [
        "The job asks for Terraform; show it if you have it.",
        "The job asks for Go; show it if you have it.",
    ]


def test_suggestions_for_a_thin_resume():
    a = analyse("John\nWorked at a shop\n- Served customers\n- Stocked shelves\n")

    assert codes(a) == [
        ("missing_section", "high"),
        ("missing_section", "medium"),
        ("missing_section", "medium"),
        ("missing_section", "low"),
        ("missing_email", "high"),
        ("missing_phone", "medium"),
        ("missing_links", "low"),
        ("no_measurable_results", "medium"),
        ("too_short", "medium"),
    ]
    assert a.suggestions[7].passage == "- Served customers"
    assert a.score_parts == {
        "contact": 0,
        "sections": 0,
        "impact": 5,
        "length": 4,
        "skills": 0,
    }
    assert a.score == 9


def test_too_long_resume():
    a = analyse(RESUME + ("- Shipped 3 features every sprint.\n" * 300))

    assert ("too_long", "medium") in codes(a)
    assert a.pages == round(a.word_count / 500, 1)


def test_score_parts_add_up():
    a = analyse()

    assert a.score_parts == {
        "contact": 20,
        "sections": 25,
        "impact": 13,  # 2 of 4 bullets with numbers → 10, + 5, − 2 weak verbs
        "length": 4,
        "skills": 20,
    }
    assert a.score == 82


def test_empty_text_does_not_crash():
    a = analyse("")

    assert (a.word_count, a.roles, a.skills, a.total_years) == (0, (), (), 0.0)


def test_profile_suggestions_propose_only_new_things():
    a = analyse()

    proposal = profile_suggestions(
        a,
        {
            "headline": "",
            "skills": ["Python", "django"],
            "years_experience": None,
            "experience": [("Intern", "Initech")],
        },
    )

    assert proposal["headline"] == "Senior Backend Engineer"
    assert proposal["years_experience"] == a.total_years
    names = [s["name"] for s in proposal["skills_to_add"]]
    assert "Python" not in names and "Django" not in names
    postgres = next(s for s in proposal["skills_to_add"] if s["name"] == "PostgreSQL")
    assert postgres["level"] == 3  # mentioned twice
    assert [(e["title"], e["company"]) for e in proposal["experience_entries"]] == [
        ("Senior Backend Engineer", "Acme Corp"),
        ("Backend Developer", "Globex"),
    ]
    assert proposal["education_entries"] == [
        {
            "school": "University of Leeds",
            "degree": "BSc",
            "field": "Computer Science",
            "end_year": 2014,
        }
    ]
    assert proposal["location"] is None  # the resume names no place


def test_resume_from_a_pdf_made_by_the_test():
    pdf_writer = pytest.importorskip("documents.pdf_writer")
    extraction = pytest.importorskip("documents.extraction")
    data = pdf_writer.build_pdf([RESUME.replace("–", "-").splitlines()])

    result = extraction.extract_pdf(data)
    a = analyse(result.text)

    assert result.ok
    assert a.emails == ("jane.doe@example.com",)
    assert a.phones == ("+14155550132",)
    assert "Kubernetes" in a.skill_names
    assert [r.years for r in a.roles] == [7.8, 3.8, 1.0]


def test_resume_from_a_docx_made_by_the_test():
    docx = pytest.importorskip("docx")
    extraction = pytest.importorskip("documents.extraction")
    document = docx.Document()
    for line in RESUME.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    result = extraction.extract_docx(buffer.getvalue())
    a = analyse(result.text)

    assert result.ok
    assert a.emails == ("jane.doe@example.com",)
    assert a.sections == ("summary", "experience", "education", "skills")
    assert "Kubernetes" in a.skill_names
    assert len(a.roles) == 3
