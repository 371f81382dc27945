"""Resumes as text dumps and broken text layers (pure): sections run together on
one line, inline bullets, "label - value" pairs of a job-site export, experience
stated in words, and a headline that is a job title even without dated roles.
Every resume here is written for the test."""

import json
from datetime import date
from functools import cache

import pytest

from matching.engine.resume import analyze_resume, profile_suggestions
from matching.engine.resume_layout import label_of, split_run_on, stated_years
from matching.engine.taxonomy import taxonomy_from_data
from matching.services import TAXONOMY_FILE

TODAY = date(2026, 11, 1)

# A job-site export: skills run into the education heading on one long line,
# the wished-for title, then "Title - Company", per-skill months, and each job
# as "company - …" / "description - <dates> …".
EXPORT = (
    "Skills • Python • SQL • Tableau • Power BI • Statistics • Forecasting • "
    "Stakeholder reporting Education Details \n"
    "May 2014 to April 2017 B.Sc. Statistics Kolkata, West Bengal Presidency College\n"
    "Data Analyst \n"
    "\n"
    "Data Analyst - Brightwave Analytics\n"
    "Skill Details \n"
    "Python- Exprience - 30 months\n"
    "SQL- Exprience - 18 monthsCompany Details \n"
    "company - Brightwave Analytics\n"
    "description - March 2019 to Present\n"
    "Built weekly sales dashboards for 40 stores.\n"
    "Position: Data Analyst\n"
    "company - Lotus Retail Pvt Ltd\n"
    "description - Kolkata June 2017 to Feb 2019\n"
    "Role: Junior Analyst\n"
    "Cleaned point-of-sale data every week.\n"
)


@cache
def taxonomy():
    return taxonomy_from_data(json.loads(TAXONOMY_FILE.read_text()))


def analyse(text):
    return analyze_resume(text, taxonomy=taxonomy(), today=TODAY)


def test_a_run_on_line_gets_its_headings_and_bullets_back():
    line = (
        "TECHNICAL SKILLS: • Excel • Tally • SAP FICO • GST returns • Payroll "
        "KEY STRENGTHS: ➢ Quick learner ➢ Team player Education Details "
    )

    assert split_run_on(line) == [
        "TECHNICAL SKILLS", "• Excel", "• Tally", "• SAP FICO", "• GST returns",
        "• Payroll", "KEY STRENGTHS", "➢ Quick learner", "➢ Team player",
        "Education Details ",
    ]  # fmt: skip
    # A heading glued to the word before it is split off in any line.
    assert split_run_on("Excel- Exprience - 6 monthsCompany Details") == [
        "Excel- Exprience - 6 months", "Company Details"
    ]  # fmt: skip
    # A short line keeps its separators: "•" between contact parts.
    assert split_run_on("Leeds, UK • ana@example.com • 0113 496 0000") == [
        "Leeds, UK • ana@example.com • 0113 496 0000"
    ]


def test_an_export_gives_roles_years_headline_and_sections():
    a = analyse(EXPORT)

    assert a.sections == ("skills", "education", "experience")
    assert [(r.title, r.company, r.start_label, r.end_label) for r in a.roles] == [
        ("Data Analyst", "Brightwave Analytics", "2019-03", None),
        ("Junior Analyst", "Lotus Retail Pvt Ltd", "2017-06", "2019-02"),
    ]
    assert a.total_years == 9.3  # 20 + 92 months (2017-06 to 2019-02, 2019-03 on)
    assert a.headline == "Data Analyst"
    assert [(e.degree, e.year) for e in a.education] == [("B.Sc.", 2017)]
    assert {"Python", "SQL", "Tableau", "Power BI"} <= set(a.skill_names)


def test_labels_name_the_company_and_title_not_the_role():
    assert label_of("company - Brightwave Analytics") == (
        "company", "Brightwave Analytics"
    )  # fmt: skip
    assert label_of("Designation: Store Manager") == ("designation", "Store Manager")
    assert label_of("Duration :- 2016 to 2018") == ("duration", "2016 to 2018")
    assert label_of("Store Manager - Harbour Foods") is None


def test_a_title_written_beside_its_company_names_an_undated_title():
    text = (
        "Operations Lead - Harbour Freight Co\n"
        "Company Details\n"
        "company - Harbour Freight Co\n"
        "description - Jan 2018 to Present\n"
        "Ran the night shift of a cross-dock warehouse.\n"
    )
    a = analyse(text)

    assert [(r.title, r.company) for r in a.roles] == [
        ("Operations Lead", "Harbour Freight Co")
    ]
    assert a.headline == "Operations Lead"


def test_a_projects_heading_inside_a_job_does_not_hide_the_next_job():
    text = (
        "Company Details\n"
        "company - Orbit Controls\n"
        "description - Period: 4th May 2018 to 30th June 2020.\n"
        "Projects:\n"
        "Panel wiring for a water plant.\n"
        "company - Delta Switchgear\n"
        "description - Period: 1st Aug 2015 to 15th Apr 2018.\n"
    )

    assert [(r.company, r.start_label, r.end_label) for r in analyse(text).roles] == [
        ("Orbit Controls", "2018-05", "2020-06"),
        ("Delta Switchgear", "2015-08", "2018-04"),
    ]


@pytest.mark.parametrize(
    "text, years",
    [
        ("Accountant with 6 years of experience in audit.", 6.0),
        ("Total experience: 4 years 6 months", 4.5),
        ("Experience:- 1 Year 3 Months", 1.2),
        ("Java- Exprience - 30 months\nSQL- Exprience - 6 months", 2.5),
        ("SQL- Exprience - Less than 1 year months", 0.0),
        ("Working as a tester for the past 3years.", 3.0),
        ("Eager to gain experience in sales.", 0.0),
    ],
)
def test_experience_stated_in_words(text, years):
    assert stated_years(text) == years


def test_stated_years_count_when_the_roles_have_no_dates():
    text = (
        "Skill Details\n"
        "Network security- Exprience - 43 months\n"
        "Company Details\n"
        "company - Redline Networks\n"
        "description - Firewall changes for 30 branch offices.\n"
    )

    a = analyse(text)
    assert (a.roles, a.total_years) == ((), 3.6)
    assert profile_suggestions(a, {})["years_experience"] == 3.6


def test_the_headline_is_never_a_field_school_or_award():
    text = (
        "Education Details\n"
        "June 2016 B.E. Mechanical Pune, Maharashtra Sinhgad College of Engineering\n"
        "Mechanical engineering\n"
        "Winner, State Robotics Competition 2015-2016\n"
        "Skill Details\n"
        "AutoCAD- Exprience - 6 months\n"
    )
    a = analyse(text)

    assert (a.headline, a.roles) == ("", ())


def test_a_stated_title_line_is_the_headline_without_roles():
    text = (
        "Education Details\n"
        "January 2015 MCA Pune, Maharashtra Pune University\n"
        "Oracle Database Administrator\n"
        "\n"
        "DATABASE ADMINISTRATOR WITH 4 YEARS EXPERIENCE.\n"
        "Skill Details\n"
        "ORACLE- Exprience - 48 months\n"
    )
    a = analyse(text)

    assert (a.headline, a.total_years) == ("Oracle Database Administrator", 4.0)


def test_location_from_a_labelled_place_anywhere_never_a_school():
    school_town = (
        "Education Details\nMay 2012 B.Com Nagpur, Maharashtra Nagpur University\n"
    )
    declaration = school_town + "Declaration\nDate: 02/03/2019\nPlace: PUNE\n"
    address = (
        "Permanent Address: 14 Lake View Colony, Kothrud, Pune, Maharashtra 411038"
    )

    assert analyse(school_town).location == ""
    assert analyse(declaration).location == "Pune"
    assert (analyse(address).location, analyse(address).country) == (
        "Pune, Maharashtra", "IN"
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t\n",
        "•" * 50_000,
        "Skills • " * 20_000 + "Education Details" * 5_000,
        "company - " * 10_000 + "\ndescription - Jan 2019 to Present\n" * 2_000,
        "\x00\x01\ufffd%PDF-1.7 \x89PNG" * 5_000,
        "Experience - " + "9" * 5_000 + " months",
    ],
)
def test_bad_input_never_raises(text):
    a = analyse(text)

    assert a.total_years <= 50
    assert isinstance(a.headline, str)
