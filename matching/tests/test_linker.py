"""The one skill linker (`matching.engine.linker`), table-driven, pure (no database).

The table holds spellings as employers and candidates write them (job boards, resumes,
imports); the taxonomy is the curated file `matching/data/skills.json`.
"""

import json
from pathlib import Path

import pytest

from matching.engine.linker import (
    ALIAS,
    EXACT,
    FUZZY,
    NORMALISED,
    UNLINKED,
    clean_skill_text,
    link_skill,
    link_skills,
    split_skill_list,
)
from matching.engine.taxonomy import taxonomy_from_data

DATA = Path(__file__).resolve().parents[1] / "data" / "skills.json"


@pytest.fixture(scope="module")
def taxonomy():
    return taxonomy_from_data(json.loads(DATA.read_text()))


# spelling → canonical name (None: stays free text)
REAL_WORLD = {
    "Python 3": "Python", "python3": "Python", "PYTHON": "Python", "Java 8": "Java",
    "Java SE 11": "Java", "JavaScript (ES6)": "JavaScript", "Javascript": "JavaScript",
    "JS": "JavaScript", "Typescript": "TypeScript", "ReactJS": "React",
    "React JS": "React", "react.js": "React", "React.js": "React",
    "React Native": "React Native", "Angular 12": "Angular", "AngularJS": "AngularJS",
    "Vue": "Vue.js", "VueJS": "Vue.js", "Node": "Node.js", "NodeJS": "Node.js",
    "node.js": "Node.js", "Node.js": "Node.js", "Express.js": "Express.js",
    "Next.js": "Next.js", "Django REST Framework": "Django REST framework",
    "Flask": "Flask", "FastAPI": "FastAPI", "Spring Boot": "Spring Boot",
    "Ruby on Rails": "Ruby on Rails", "RoR": "Ruby on Rails", "Golang": "Go",
    "Go lang": "Go", "Kotlin": "Kotlin", "Objective-C": "Objective-C", "C#": "C#",
    "c#": "C#", "C++": "C++", "c++": "C++", "C Sharp": "C#", ".NET": ".NET",
    ".net": ".NET", "dotnet": ".NET", "ASP.NET": "ASP.NET", "ASP.NET Core":
    "ASP.NET Core", ".Net Core": ".NET Core", "PHP 8": "PHP", "R programming": "R",
    "R language": "R", "MATLAB": "MATLAB", "SPSS": "SPSS",
    "SQL Server": "Microsoft SQL Server", "MS SQL Server": "Microsoft SQL Server",
    "T-SQL": "T-SQL", "PL/SQL": "PL/SQL", "Postgres": "PostgreSQL",
    "Postgresql": "PostgreSQL", "Oracle DB": "Oracle Database", "Mongo": "MongoDB",
    "Elastic Search": "Elasticsearch", "DynamoDB": "Amazon DynamoDB",
    "BigQuery": "Google BigQuery", "Redshift": "Amazon Redshift",
    "AWS": "Amazon Web Services", "Amazon Web Services (AWS)": "Amazon Web Services",
    "Amazon Web Services AWS software": "Amazon Web Services",
    "Structured query language SQL": "SQL", "Structured Query Language (SQL)": "SQL",
    "EC2": "Amazon EC2", "S3": "Amazon S3", "Azure": "Microsoft Azure",
    "MS Azure": "Microsoft Azure", "Google Cloud": "Google Cloud Platform",
    "docker containers": "Docker", "K8s": "Kubernetes", "k8s": "Kubernetes",
    "HashiCorp Terraform": "Terraform", "CI/CD": "CI/CD", "CI CD": "CI/CD",
    "Atlassian Jira": "Jira", "JIRA": "Jira", "Atlassian Confluence": "Confluence",
    "Shell scripting": "Shell scripting", "Microsoft Active Directory":
    "Active Directory", "TCP/IP": "TCP/IP", "Kafka": "Apache Kafka",
    "PySpark": "Apache Spark", "Hadoop": "Apache Hadoop", "Airflow": "Apache Airflow",
    "PowerBI": "Power BI", "Microsoft Power BI": "Power BI",
    "Excel": "Microsoft Excel", "MS Excel": "Microsoft Excel",
    "Microsoft Excel": "Microsoft Excel", "Excel 2016": "Microsoft Excel",
    "Advanced Excel": "Microsoft Excel", "Excel (advanced)": "Microsoft Excel",
    "MS Office": "Microsoft Office", "Office 365": "Microsoft Office",
    "MS Word": "Microsoft Word", "PowerPoint": "Microsoft PowerPoint",
    "MS PowerPoint": "Microsoft PowerPoint", "MS Outlook": "Microsoft Outlook",
    "Salesforce CRM": "Salesforce", "SAP ERP": "SAP", "Quickbooks Online":
    "QuickBooks", "Intuit QuickBooks": "QuickBooks", "QuickBooks": "QuickBooks",
    "NetSuite": "Oracle NetSuite", "Autodesk AutoCAD": "AutoCAD",
    "AutoCAD": "AutoCAD", "Autodesk Revit": "Revit", "Solidworks": "SolidWorks",
    "Photoshop": "Adobe Photoshop", "Illustrator": "Adobe Illustrator",
    "InDesign": "Adobe InDesign", "Premiere Pro": "Adobe Premiere Pro",
    "After Effects": "Adobe After Effects", "ML": "Machine learning",
    "Tensorflow": "TensorFlow", "Pytorch": "PyTorch", "sklearn": "scikit-learn",
    "numpy": "NumPy", "NLP": "Natural language processing",
    "Data analytics": "Data analysis", "Data visualisation": "Data visualization",
    "Statistical analysis": "Statistics", "PMP": "Project Management Professional",
    "Customer Service": "Customer service", "B2B sales": "B2B sales",
    "CRM": "Customer relationship management", "SEO": "Search engine optimization",
    "SEM": "Search engine marketing", "Financial modelling": "Financial modeling",
    "GAAP": "US GAAP", "CPA": "Certified Public Accountant",
    "BLS": "Basic life support", "Basic Life Support": "Basic life support",
    "CPR": "Cardiopulmonary resuscitation", "wound care": "Wound care",
    "Wound Care": "Wound care", "EHR": "Electronic health records",
    "EMR": "Electronic health records", "Epic": "Epic Systems",
    "HIPAA": "HIPAA compliance", "MIG welding": "Welding", "TIG welding": "Welding",
    "Electrical wiring": "Electrical installation", "Forklift": "Forklift operation",
    "forklifts": "Forklift operation", "Forklift operator": "Forklift operation",
    "operate forklift": "Forklift operation", "operating forklifts":
    "Forklift operation", "Order picking": "Order picking", "CDL":
    "Commercial driving", "POS": "Point of sale", "Front desk":
    "Front desk operations", "Recruiting": "Recruitment", "Communication skills":
    "Communication", "Problem-solving": "Problem solving", "Mandarin":
    "Mandarin Chinese", "3. Python": "Python", "• SQL": "SQL",
    "attention to detail11": "Attention to detail", "experience with Docker":
    "Docker", "Kubernetes (advanced)": "Kubernetes", "Excel skills":
    "Microsoft Excel", "proficient in Tableau": "Tableau",
    "javascirpt": "JavaScript", "Kubernetis": "Kubernetes",
    # everyday words stay free text without context
    "server": None, "events": None, "contracts": None, "production": None,
    "options": None, "customer satisfaction": None, "": None,
    "basket weaving underwater": None,
}  # fmt: skip


@pytest.mark.parametrize("spelling,expected", sorted(REAL_WORLD.items()))
def test_real_world_spellings(taxonomy, spelling, expected):
    link = link_skill(spelling, taxonomy)
    assert (link.skill.name if link.skill else None) == expected, link.reason


VARIANTS = {
    "list number": "1. {}",
    "bullet": "• {}",
    "level note": "{} (advanced)",
    "filler": "experience with {}",
    "upper case": "{!u}",
    "skills suffix": "{} skills",
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_curated_name_survives_list_marks_filler_and_case(taxonomy, variant):
    """Each of the ~1 900 curated names, written the way lists and resumes do."""
    pattern = VARIANTS[variant]
    wrong = []
    for slug, name, _ in taxonomy.forms():
        if link_skill(name, taxonomy).skill.slug != slug:
            continue  # a name shared with another skill's alias: not this test's case
        spelling = name.upper() if pattern == "{!u}" else pattern.format(name)
        link = link_skill(spelling, taxonomy)
        if link.method == EXACT:
            continue  # the variant is another skill's own name ("Sales skills")
        if link.skill is None or link.skill.slug != slug:
            wrong.append((spelling, link.reason))
    assert wrong == []


def test_methods_and_reasons(taxonomy):
    assert link_skill("python", taxonomy).method == EXACT
    golang = link_skill("Golang", taxonomy)
    assert (golang.method, golang.reason) == (
        ALIAS,
        "'Golang' is another name for Go",
    )
    sql = link_skill("Structured query language SQL", taxonomy)
    assert sql.method == NORMALISED
    assert sql.reason == (
        "'Structured query language SQL' read as SQL (took the trailing acronym 'SQL')"
    )
    typo = link_skill("javascirpt", taxonomy)
    assert typo.method == FUZZY
    assert typo.reason == (
        "'javascirpt' taken for JavaScript (1 edit from 'javascript', no other "
        "skill as close)"
    )
    assert typo.confidence == 0.9


def test_unlinked_text_is_kept(taxonomy):
    link = link_skill("  2) Basket weaving underwater; ", taxonomy)
    assert (link.text, link.skill, link.method) == (
        "Basket weaving underwater",
        None,
        UNLINKED,
    )
    assert not link.linked


def test_fuzzy_is_conservative(taxonomy):
    # short words never fuzzy-link; two edits only from ten letters
    assert link_skill("pythn", taxonomy).skill is None
    assert link_skill("Jaav", taxonomy).skill is None
    assert link_skill("Kubrnetis", taxonomy).skill is None


def test_common_word_links_with_context(taxonomy):
    alone = link_skill("server", taxonomy)
    assert alone.skill is None
    assert alone.reason == (
        "'server' is an everyday word; not linked to Waiting tables without a "
        "related skill in the context"
    )
    waiter = link_skill("server", taxonomy, context="Bartending, food safety")
    assert waiter.skill.name == "Waiting tables"
    front_end = link_skill("server", taxonomy, context="React, TypeScript, CSS")
    assert front_end.skill is None


def test_common_aliases_are_not_found_in_text(taxonomy):
    text = "Front-end developer: React, server side, events, contracts."
    names = [hit.skill.name for hit in taxonomy.extract(text)]
    assert names == ["React"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # phrases from real public-sector postings that used to link (round 11)
        ("to make up a total of five years of experience", []),
        ("personnel administration, position classification, labor relations",
         ["Labor relations"]),
        ("a permanent civil service title", []),
        ("programmatic and fiscal oversight", []),
        ("the library's special collections", []),
        ("records retention schedules", []),
        ("Principal Administrative Associate", []),
        ("a pilot program for schools", []),
        ("disease surveillance and outbreak response", []),
        ("performance measurement", []),
        # the skills' own names are still found
        ("Civil engineering, supervised learning, CCTV monitoring",
         ["Civil engineering", "Supervised learning", "CCTV monitoring"]),
    ],
)  # fmt: skip
def test_everyday_words_of_real_postings_are_not_skills_in_text(taxonomy, text, names):
    assert [hit.skill.name for hit in taxonomy.extract(text)] == names


def test_link_skills_drops_repeats_and_uses_the_list_as_context(taxonomy):
    links = link_skills(
        ["Python", "python3", "MS Excel", "Excel", "server", "Bartending", "Foo"],
        taxonomy,
    )
    assert [(lk.text, lk.skill.name if lk.skill else None) for lk in links] == [
        ("Python", "Python"),
        ("MS Excel", "Microsoft Excel"),
        ("server", "Waiting tables"),
        ("Bartending", "Bartending"),
        ("Foo", None),
    ]


@pytest.mark.parametrize(
    "raw,cleaned",
    [
        ("1. Python", "Python"),
        ("(2) SQL", "SQL"),
        ("a) Excel", "Excel"),
        ("• Wound care", "Wound care"),
        ("- - Forklift", "Forklift"),
        ("attention to detail11", "attention to detail"),
        ("python3", "python3"),
        (".NET", ".NET"),
        ("C++.", "C++"),
        ('"Node.js",', "Node.js"),
        ("   ", ""),
    ],
)
def test_clean_skill_text(raw, cleaned):
    assert clean_skill_text(raw) == cleaned


def test_split_skill_list():
    assert split_skill_list(
        "Python, SQL; Excel\n1. attention to detail11\n• CI/CD | TCP/IP / DNS\npython"
    ) == ["Python", "SQL", "Excel", "attention to detail", "CI/CD", "TCP/IP", "DNS"]
