"""Resume fields read from text (pure): titles without companies, date ranges in
every common form, degrees, phone regions, places, skills that are not company
names, and headlines that are never section titles or awards."""

import io
import json
from datetime import date
from functools import cache

import pytest

from matching.engine.resume import analyze_resume, profile_suggestions
from matching.engine.resume_fields import clean_lines, location_parts
from matching.engine.taxonomy import taxonomy_from_data
from matching.services import TAXONOMY_FILE

TODAY = date(2026, 11, 1)


@cache
def taxonomy():
    return taxonomy_from_data(json.loads(TAXONOMY_FILE.read_text()))


def analyse(text, **kw):
    return analyze_resume(text, taxonomy=taxonomy(), today=TODAY, **kw)


def roles(text):
    return [
        (r.title, r.company, r.start_label, r.end_label) for r in analyse(text).roles
    ]


def test_title_keeps_no_company():
    text = "Experience\nSenior Software Engineer | Stripeway Inc.\n2019-03 – 2021-08\n"

    assert roles(text) == [
        ("Senior Software Engineer", "Stripeway Inc.", "2019-03", "2021-08")
    ]
    assert analyse(text).headline == "Senior Software Engineer"


@pytest.mark.parametrize(
    "line, start, end",
    [
        ("Analyst, Globex  2019-03 – 2021-08", "2019-03", "2021-08"),
        ("Analyst, Globex  03/2019 - 08/2021", "2019-03", "2021-08"),
        ("Analyst, Globex  03.2019 – 08.2021", "2019-03", "2021-08"),
        ("Analyst, Globex  Mar 2019 – Aug 2021", "2019-03", "2021-08"),
        ("Analyst, Globex  March 2019 to August 2021", "2019-03", "2021-08"),
        ("Analyst, Globex  Sept. 2019 — Aug. 2021", "2019-09", "2021-08"),
        ("Analyst, Globex  2019 – 2021", "2019", "2021"),
        ("Analyst, Globex  Since Jan 2021", "2021-01", None),
        ("Analyst, Globex  Jan 2021 – present", "2021-01", None),
        ("Analyst, Globex  2021 – Current", "2021", None),
        ("Analyst at Globex (Jun 2019 – to date)", "2019-06", None),
        ("Analyst - Globex\nAug 2019 - Till Date", "2019-08", None),
        ("Analyst, Globex  6th Mar 2019 to 20th Aug 2021", "2019-03", "2021-08"),
    ],
)
def test_date_ranges_in_every_common_form(line, start, end):
    assert roles(f"Experience\n{line}\n") == [("Analyst", "Globex", start, end)]


def test_a_range_split_over_lines_by_a_pdf_text_layer():
    text = (
        "Work History\n02/2015\nto\n06/2016\nWarehouse Operative\nPennine Ltd, Bolton\n"
    )

    assert roles(text) == [("Warehouse Operative", "Pennine Ltd", "2015-02", "2016-06")]
    assert clean_lines("Jan 2019 –\nPresent") == ["Jan 2019 – Present"]
    assert clean_lines("scikit-\nlearn") == ["scikit-learn"]


@pytest.mark.parametrize(
    "line, degree",
    [
        ("BS Computer Science, San Jose State University, 2018", "BS"),
        ("B.S. in Electrical Engineering, Carnegie Mellon University, 2019", "B.S."),
        ("B.Tech Information Technology, Anna University, 2015", "B.Tech"),
        ("BFA Graphic Design, École des Beaux-Arts, 2015", "BFA"),
        ("PharmD, Northeastern University, 2015", "PharmD"),
        ("MBA, ESMT Berlin, 2016", "MBA"),
        ("MSc Statistics, Columbia University, 2017", "MSc"),
        ("PhD Chemistry, University of Bristol, 2015", "PhD"),
        (
            "Bachelor of Arts in History, Ohio State University, 2012",
            "Bachelor of Arts",
        ),
        ("NVQ Level 3 Plumbing, Cardiff and Vale College, 2014", "NVQ Level 3"),
        ("LLB Law, University of Exeter, 2016", "LLB"),
    ],
)
def test_degrees_in_their_common_abbreviations(line, degree):
    (entry,) = analyse(f"Education\n{line}\n").education

    assert entry.degree == degree
    assert entry.school and entry.year


def test_a_degree_is_not_years_of_work():
    text = (
        "Experience\nNurse, Mercy Hospital  2019 – 2021\n"
        "Education\nBSN Nursing, University of Iowa, 2014 – 2018\n"
    )

    assert analyse(text).total_years == 2.0


def test_award_text_is_not_experience_and_never_a_headline():
    text = (
        "Grace Thompson\n"
        "Awards\nHonor Roll\nLong Service Award for 22 years of dedication\n"
        "Activities\nGymnastics\n"
        "Certifications\nEMT Certification/First Aid/CPR\n"
    )
    a = analyse(text)

    assert (a.total_years, a.roles, a.headline) == (0.0, (), "")


def test_no_company_names_as_skills():
    text = (
        "Experience\nSoftware Engineer | Rocket Analytics\n2019-03 – 2021-08\n"
        "Registered Nurse, Swedish Medical Center  2016 – Present\n"
        "Management Accountant, Excel Logistics Ltd  2012 – 2016\n"
        "Skills\nPython, SQL\n"
    )

    assert analyse(text).skill_names == ("Python", "SQL")


def test_a_skill_named_several_times_is_found_and_not_advised():
    text = (
        "Experience\nData Engineer | Emerald Insights\n2020-09 – Present\n"
        "- Moved 80 jobs to AWS; AWS costs fell; ran AWS Batch.\n"
    )
    a = analyse(text, job_skills=["AWS"])

    assert "Amazon Web Services" in a.skill_names
    assert "missing_job_skill" not in [s.code for s in a.suggestions]


def test_skills_from_lists_inline_text_and_tables():
    text = (
        "Summary\nEngineer building pipelines with Python and Kafka.\n"
        "Skills\n• Docker\nTerraform\tKubernetes\nTools: Git · Jira\n"
    )

    assert set(analyse(text).skill_names) == {
        "Python", "Apache Kafka", "Docker", "Terraform", "Kubernetes", "Git", "Jira"
    }  # fmt: skip


@pytest.mark.parametrize(
    "text, region, phone",
    [
        # The resume's own place says the country: a UK national number.
        ("Hannah Clarke\nLeeds, UK | 020 7946 0018\n", "", "+442079460018"),
        ("Jonas Becker\nBerlin, Germany | 030 12345678\n", "", "+493012345678"),
        # No place: the email's country domain, then the user's country.
        ("Liam Byrne\nliam@example.ie | 087 123 4567\n", "", "+353871234567"),
        ("Oliver Bennett\n07911 123456\n", "GB", "+447911123456"),
        ("Maya Lopez\n(415) 555-0132\n", "", "+14155550132"),  # default: US
        ("Arjun Mehta\nBengaluru, India | +44 20 7946 0018\n", "", "+442079460018"),
    ],
)
def test_phone_region_comes_from_the_resume_then_the_user(text, region, phone):
    assert analyse(text, region=region).phone == phone


def test_name_and_location_from_the_header():
    a = analyse(
        "Curriculum Vitae\nDr Eleanor Hughes\nYork, United Kingdom\n"
        "e.hughes@example.ac.uk · +44 113 496 0000\n"
    )

    assert (a.name, a.location, a.country, a.phone_region) == (
        "Eleanor Hughes", "York, United Kingdom", "GB", "GB"
    )  # fmt: skip
    assert analyse("Location: Austin, TX\nRACHEL GREEN\n").name == "Rachel Green"
    zip_code = analyse("DENISE OKORO\nSt. Louis, MO 63110 | 314.555.0177\n")
    assert (zip_code.location, zip_code.phone) == ("St. Louis, MO", "+13145550177")


@pytest.mark.parametrize(
    "place, parts",
    [
        ("Austin, TX", ("Austin", "TX", "US")),
        ("Leeds, UK", ("Leeds", "", "GB")),
        ("Edinburgh, Scotland", ("Edinburgh", "Scotland", "GB")),
        ("Toronto, ON", ("Toronto", "ON", "CA")),
        ("London", ("London", "", "GB")),
        ("Somewhere", ("Somewhere", "", "")),
    ],
)
def test_location_parts(place, parts):
    found = location_parts(place)

    assert (found["city"], found["region"], found["country"]) == parts


def test_fill_proposal_has_title_location_experience_and_education():
    a = analyse(
        "Oliver Bennett\nLondon, United Kingdom | 020 7946 0018\n"
        "Experience\nSenior Software Engineer | Stripeway Inc.\n2019-03 – Present\n"
        "Education\nBSc Computer Science, University of Leeds, 2016\n"
    )

    proposal = profile_suggestions(a, {"headline": "", "skills": []})

    assert proposal["headline"] == "Senior Software Engineer"
    assert proposal["location"] == {
        "city": "London", "region": "", "country": "GB"
    }  # fmt: skip
    assert proposal["experience_entries"] == [
        {"title": "Senior Software Engineer", "company": "Stripeway Inc.",
         "start": "2019-03-01", "end": None}
    ]  # fmt: skip
    assert proposal["education_entries"] == [
        {"school": "University of Leeds", "degree": "BSc",
         "field": "Computer Science", "end_year": 2016}
    ]  # fmt: skip
    kept = profile_suggestions(
        a, {"headline": "Engineer", "city": "Paris", "education": [
            ("BSc", "University of Leeds")]},
    )  # fmt: skip
    assert (kept["headline"], kept["location"], kept["education_entries"]) == (
        None, None, []
    )  # fmt: skip


def test_nested_skills_table_in_a_two_column_docx():
    docx = pytest.importorskip("docx")
    extraction = pytest.importorskip("documents.extraction")
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Priya Natarajan"
    layout = document.add_table(rows=1, cols=2)
    left, right = layout.cell(0, 0), layout.cell(0, 1)
    left.paragraphs[0].text = "SKILLS"
    grid = left.add_table(rows=2, cols=2)
    for cell, name in zip(
        (c for row in grid.rows for c in row.cells),
        ["Python", "SQL", "pandas", "Tableau"],
        strict=True,
    ):
        cell.text = name
    right.paragraphs[0].text = "EXPERIENCE"
    right.add_paragraph("Data Scientist | Northwind Health")
    right.add_paragraph("04/2020 – Present")
    buffer = io.BytesIO()
    document.save(buffer)

    result = extraction.extract_docx(buffer.getvalue())
    a = analyse(result.text)

    assert result.text.splitlines()[:4] == [
        "Priya Natarajan", "SKILLS", "Python\tSQL", "pandas\tTableau"
    ]  # fmt: skip
    assert a.name == "Priya Natarajan"
    assert set(a.skill_names) >= {"Python", "SQL", "pandas", "Tableau"}
    assert [(r.title, r.company) for r in a.roles] == [
        ("Data Scientist", "Northwind Health")
    ]
