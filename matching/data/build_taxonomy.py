"""Build matching/data/skills.json from the curated lists beside this file.

Run from the project root:  .venv/bin/python matching/data/build_taxonomy.py

The lists (taxonomy_*.py) hold one skill a line, `Name|alias|alias…`, in themed
`## groups`. This script adds systematic, real variants of those spellings, checks
that every spelling belongs to one skill, derives related skills and writes the
versioned JSON file that the `matching` data migration and `load_skills` load.

Alias variants added (each kept only when it is a new spelling):
* British/American spellings: -ise/-ize, -isation/-ization, -yse/-yze, colour/color,
  behaviour/behavior, labour/labor, centre/center, licence/license, programme/program,
  paediatric/pediatric, anaesthesia/anesthesia, haematology/hematology,
  modelling/modeling,
  fulfilment/fulfillment, defence/defense, catalogue/catalog, orthopaedic/orthopedic.
* "&" written as "and" and the reverse ("Food & Beverage" / "Food and Beverage").
* "… management" also written "… mgmt".
* Programming languages and frameworks: "<name> developer" ("Python developer").
* Spoken languages: "<name> speaker", "native <name>", "fluent <name>",
  "<name> language".
* Soft skills: "<name> skills".
* Certifications with an acronym: "<ACRONYM> certified", "<ACRONYM> certification".

Related skills (weights are the share of credit a related skill gives, 0–1):
* curated pairs in RELATED_PAIRS below, both directions;
* neighbours in the same themed group get 0.3 (the groups are ordered so that
  neighbours are alternatives or companions: MySQL/MariaDB, Jest/Mocha…), except in
  groups where neighbours are not substitutes (spoken languages, soft skills,
  certifications).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from django.utils.text import slugify  # noqa: E402

from matching.data import (  # noqa: E402
    taxonomy_business,
    taxonomy_more,
    taxonomy_tech,
    taxonomy_trades,
)
from matching.engine.taxonomy import skill_key  # noqa: E402

VERSION = "2026.1"
OUTPUT = HERE / "skills.json"

SOURCES = [
    ("technology", taxonomy_tech.TECHNOLOGY),
    ("data", taxonomy_tech.DATA),
    ("design", taxonomy_trades.DESIGN),
    ("healthcare", taxonomy_trades.HEALTHCARE),
    ("finance", taxonomy_trades.FINANCE),
    ("sales", taxonomy_business.SALES),
    ("marketing", taxonomy_business.MARKETING),
    ("logistics", taxonomy_business.LOGISTICS),
    ("hospitality", taxonomy_business.HOSPITALITY),
    ("construction", taxonomy_business.CONSTRUCTION),
    ("engineering", taxonomy_more.ENGINEERING),
    ("manufacturing", taxonomy_more.MANUFACTURING),
    ("legal", taxonomy_more.LEGAL),
    ("education", taxonomy_more.EDUCATION),
    ("hr", taxonomy_more.HR),
    ("customer_service", taxonomy_more.CUSTOMER_SERVICE),
    ("management", taxonomy_more.MANAGEMENT),
    ("language", taxonomy_more.LANGUAGE),
    ("soft", taxonomy_more.SOFT),
    ("certification", taxonomy_more.CERTIFICATION),
]

NO_NEIGHBOUR_GROUPS = {"spoken languages", "soft skills", "certifications"}
DEVELOPER_GROUPS = {"programming languages", "back-end frameworks", "mobile"}
DEVELOPER_EXTRA = {
    "React", "Angular", "AngularJS", "Vue.js", "Svelte", "Next.js", "Nuxt.js",
    "Ember.js", "jQuery", "Gatsby",
}  # fmt: skip
NOT_DEVELOPER = {
    "HTML", "CSS", "Sass", "Less", "XML", "JSON", "YAML", "Markdown", "LaTeX",
    "Regular expressions", "REST APIs", "SOAP", "OpenAPI", "WebSockets",
    "Microservices", "Event-driven architecture", "Domain-driven design",
    "Serverless", "Protocol Buffers", "Web Components", "Zsh", "Celery",
    "SQLAlchemy", "Pydantic", "Hibernate", "Jakarta Servlets", "gRPC",
    "Entity Framework", "Core Data", "Xcode", "Android Studio", "Firebase", "UIKit",
    "Akka",
}  # fmt: skip
NEIGHBOUR_WEIGHT = 0.3

# (a, b, weight): knowing one gives this share of credit for the other.
RELATED_PAIRS = """
JavaScript|TypeScript|0.8
JavaScript|Node.js|0.6
JavaScript|React|0.5
JavaScript|Vue.js|0.5
JavaScript|Angular|0.4
React|Next.js|0.6
React|React Native|0.6
React|Vue.js|0.5
React|Angular|0.4
React|Preact|0.8
React|Redux|0.6
Angular|AngularJS|0.6
Vue.js|Nuxt.js|0.6
Svelte|SvelteKit|0.7
Node.js|Express.js|0.7
Node.js|NestJS|0.6
Node.js|Deno|0.7
Python|Django|0.5
Python|Flask|0.5
Python|FastAPI|0.5
Python|pandas|0.4
Django|Flask|0.5
Django|FastAPI|0.5
Django|Django REST framework|0.8
Flask|FastAPI|0.7
Java|Kotlin|0.6
Java|Spring Boot|0.5
Java|Scala|0.5
Java|C#|0.5
Spring|Spring Boot|0.8
C|C++|0.6
C++|C#|0.4
C++|Rust|0.4
C#|.NET|0.6
.NET|.NET Core|0.8
ASP.NET|ASP.NET Core|0.8
Go|Rust|0.3
Ruby|Ruby on Rails|0.6
PHP|Laravel|0.6
PHP|Symfony|0.6
Laravel|Symfony|0.5
Swift|Objective-C|0.6
Swift|SwiftUI|0.6
iOS|Swift|0.6
Android|Kotlin|0.6
Flutter|Dart|0.7
Flutter|React Native|0.5
PostgreSQL|MySQL|0.6
PostgreSQL|SQL|0.6
MySQL|SQL|0.6
MySQL|MariaDB|0.9
Microsoft SQL Server|T-SQL|0.7
Oracle Database|PL/SQL|0.7
MongoDB|Couchbase|0.4
Docker|Kubernetes|0.6
Docker|Podman|0.8
Kubernetes|OpenShift|0.7
Kubernetes|Helm|0.6
Terraform|Pulumi|0.6
Terraform|AWS CloudFormation|0.6
Ansible|Chef|0.5
Ansible|Puppet|0.5
Amazon Web Services|Microsoft Azure|0.5
Amazon Web Services|Google Cloud Platform|0.5
Microsoft Azure|Google Cloud Platform|0.5
Jenkins|GitLab CI|0.6
GitHub Actions|GitLab CI|0.7
Git|GitHub|0.7
Git|GitLab|0.7
Apache Kafka|RabbitMQ|0.5
Selenium|Cypress|0.6
Cypress|Playwright|0.7
Jest|Vitest|0.8
Jest|Mocha|0.6
pytest|unittest|0.7
JUnit|TestNG|0.7
Machine learning|Deep learning|0.7
Machine learning|Data science|0.7
TensorFlow|PyTorch|0.7
TensorFlow|Keras|0.8
pandas|NumPy|0.7
Tableau|Power BI|0.7
Power BI|Looker|0.5
Apache Spark|Apache Hadoop|0.6
Apache Spark|Databricks|0.7
Snowflake|Google BigQuery|0.6
Amazon Redshift|Snowflake|0.6
Apache Airflow|Dagster|0.7
Apache Airflow|Prefect|0.7
Figma|Sketch|0.8
Figma|Adobe XD|0.8
Adobe Photoshop|Adobe Illustrator|0.6
Adobe Premiere Pro|Final Cut Pro|0.8
Adobe Premiere Pro|DaVinci Resolve|0.7
AutoCAD|Revit|0.6
SolidWorks|CATIA|0.7
SolidWorks|Autodesk Inventor|0.7
SolidWorks|Siemens NX|0.6
SolidWorks|Creo|0.7
Accounting|Bookkeeping|0.6
Accounts payable|Accounts receivable|0.6
IFRS|US GAAP|0.7
QuickBooks|Xero|0.8
Sage|QuickBooks|0.7
Financial planning and analysis|Financial analysis|0.7
Financial modeling|Valuation|0.6
Nursing|Patient care|0.7
Critical care nursing|Emergency nursing|0.6
Basic life support|Advanced cardiac life support|0.7
Advanced cardiac life support|Pediatric advanced life support|0.6
Cardiopulmonary resuscitation|First aid|0.7
Epic Systems|Cerner|0.7
Electronic health records|Epic Systems|0.6
Medical coding|Medical billing|0.7
ICD-10|CPT coding|0.8
Physical therapy|Occupational therapy|0.5
Sales|B2B sales|0.7
Account management|Customer success|0.6
Lead generation|Cold calling|0.6
Salesforce|HubSpot|0.6
Salesforce|Salesforce administration|0.7
Search engine optimization|Search engine marketing|0.6
Content marketing|Copywriting|0.6
Google Ads|Facebook Ads|0.6
Email marketing|Marketing automation|0.6
Warehouse management|Inventory management|0.6
Forklift operation|Reach truck|0.8
Forklift operation|Pallet jack|0.6
Truck driving|Commercial driving|0.9
Procurement|Strategic sourcing|0.7
Supply chain management|Logistics|0.7
Cooking|Food preparation|0.8
Sous chef|Head chef|0.7
Chef de partie|Sous chef|0.7
Bartending|Barista|0.4
Waiting tables|Front of house|0.7
Food safety|Food preparation|0.5
Carpentry|Cabinet making|0.7
Electrical installation|Electrical maintenance|0.8
Plumbing|Gas fitting|0.6
HVAC|Refrigeration|0.7
Welding|Fabrication|0.7
CNC machining|Machining|0.8
CNC machining|Milling|0.7
CNC machining|G-code|0.7
Lean manufacturing|Six Sigma|0.6
Lean manufacturing|Kaizen|0.7
ISO 9001|Quality management systems|0.8
Recruitment|Technical recruiting|0.7
Recruitment|Sourcing candidates|0.7
HR information systems|Workday|0.6
Teaching|Lesson planning|0.7
Curriculum development|Instructional design|0.6
Customer service|Call center|0.6
Project management|Program management|0.7
Agile|Scrum|0.8
Scrum|Scrum master|0.8
Scrum|Kanban|0.5
Business analysis|Requirements gathering|0.7
Project Management Professional|Project management|0.7
Certified Information Systems Security Professional|Cybersecurity|0.6
Cisco Certified Network Associate|Computer networking|0.7
AWS Certified Solutions Architect|Amazon Web Services|0.8
Certified Kubernetes Administrator|Kubernetes|0.8
Certified Public Accountant|Accounting|0.7
ACCA|Accounting|0.7
Chartered Financial Analyst|Portfolio management|0.6
Registered Nurse license|Nursing|0.9
"""

SPELLING_SWAPS = [
    (r"isation\b", "ization"), (r"ization\b", "isation"),
    (r"ise\b", "ize"), (r"ize\b", "ise"), (r"yse\b", "yze"), (r"yze\b", "yse"),
    (r"colour", "color"), (r"color", "colour"),
    (r"behaviour", "behavior"), (r"behavior", "behaviour"),
    (r"labour", "labor"), (r"labor", "labour"),
    (r"centre\b", "center"), (r"center\b", "centre"),
    (r"licence\b", "license"), (r"license\b", "licence"),
    (r"programme\b", "program"), (r"program\b", "programme"),
    (r"paediatric", "pediatric"), (r"pediatric", "paediatric"),
    (r"anaesthe", "anesthe"), (r"anesthe", "anaesthe"),
    (r"haemat", "hemat"), (r"hemat", "haemat"),
    (r"modelling", "modeling"), (r"modeling", "modelling"),
    (r"fulfilment", "fulfillment"), (r"fulfillment", "fulfilment"),
    (r"defence\b", "defense"), (r"defense\b", "defence"),
    (r"catalogue\b", "catalog"), (r"catalog\b", "catalogue"),
    (r"orthopaedic", "orthopedic"), (r"orthopedic", "orthopaedic"),
]  # fmt: skip
# Words where -ise/-ize is not a spelling variant.
NO_ISE = {"enterprise", "expertise", "exercise", "premise", "franchise", "precise",
          "size", "prize", "wise", "noise", "raise", "advise",
          "merchandise"}  # fmt: skip


def parse(category: str, text: str) -> list[dict]:
    skills, group = [], ""
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            group = line[3:].strip()
            continue
        name, *aliases = [part.strip() for part in line.split("|")]
        skills.append(
            {"name": name, "category": category, "group": group, "aliases": aliases}
        )
    return skills


def slug_for(name: str) -> str:
    text = name.replace("++", " plus plus ").replace("+", " plus ")
    text = text.replace("#", " sharp ").replace("&", " and ")
    if text.startswith("."):
        text = "dot " + text[1:]
    return slugify(text)


def spelling_variants(form: str) -> set[str]:
    out = set()
    for pattern, repl in SPELLING_SWAPS:
        words = form.split(" ")
        changed = False
        for i, word in enumerate(words):
            low = word.lower()
            if low in NO_ISE:
                continue
            new = re.sub(pattern, repl, low)
            if new != low:
                words[i] = word[0] + new[1:] if word[:1].isupper() else new
                changed = True
        if changed:
            out.add(" ".join(words))
    if " & " in form:
        out.add(form.replace(" & ", " and "))
    if " and " in form:
        out.add(form.replace(" and ", " & "))
    if form.lower().endswith(" management"):
        out.add(form[: -len("management")] + "mgmt")
    return out


def generated_aliases(skill: dict) -> set[str]:
    name, group, category = skill["name"], skill["group"], skill["category"]
    out: set[str] = set()
    for form in [name, *skill["aliases"]]:
        out |= spelling_variants(form)
    in_developer_group = group in DEVELOPER_GROUPS and name not in NOT_DEVELOPER
    if in_developer_group or name in DEVELOPER_EXTRA:
        out.add(f"{name} developer")
    if category == "language":
        out |= {f"{name} speaker", f"native {name}", f"fluent {name}"}
        out.add(f"{name} language")
    if category == "soft" and not name.lower().endswith("skills"):
        out.add(f"{name} skills")
    if category == "certification":
        acronyms = [
            a for a in skill["aliases"] if re.fullmatch(r"[A-Z][A-Z0-9-]{1,7}", a)
        ]
        for acronym in acronyms[:1]:
            out |= {f"{acronym} certified", f"{acronym} certification"}
    return out


def build() -> dict:
    skills = [s for category, text in SOURCES for s in parse(category, text)]
    by_name = {}
    for s in skills:
        if s["name"] in by_name:
            raise SystemExit(f"duplicate skill name: {s['name']}")
        by_name[s["name"]] = s
        s["slug"] = slug_for(s["name"])
    slugs = [s["slug"] for s in skills]
    if len(set(slugs)) != len(slugs):
        dupes = sorted({x for x in slugs if slugs.count(x) > 1})
        raise SystemExit(f"duplicate slugs: {dupes}")

    # Every compact key belongs to one skill: canonical names first, then aliases.
    owner: dict[str, str] = {}
    for s in skills:
        key = skill_key(s["name"])
        if key in owner:
            raise SystemExit(f"{s['name']!r} collides with {owner[key]!r}")
        owner[key] = s["name"]
    alias_keys: dict[str, set[str]] = {}
    candidates: dict[str, dict[str, str]] = {}
    for s in skills:
        forms = list(dict.fromkeys([*s["aliases"], *sorted(generated_aliases(s))]))
        for form in forms:
            key = skill_key(form)
            if not key or key in owner:
                continue
            alias_keys.setdefault(key, set()).add(s["name"])
            candidates.setdefault(s["name"], {}).setdefault(key, form)
    dropped = {k for k, names in alias_keys.items() if len(names) > 1}
    for s in skills:
        s["aliases"] = [
            form
            for key, form in candidates.get(s["name"], {}).items()
            if key not in dropped
        ]

    related: dict[tuple[str, str], float] = {}

    def link(a: str, b: str, weight: float) -> None:
        for x, y in ((a, b), (b, a)):
            related[(x, y)] = max(related.get((x, y), 0.0), weight)

    for line in RELATED_PAIRS.strip().splitlines():
        a, b, weight = line.split("|")
        for n in (a, b):
            if n not in by_name:
                raise SystemExit(f"related pair names an unknown skill: {n!r}")
        link(a, b, float(weight))
    for prev, cur in zip(skills, skills[1:], strict=False):
        same_group = (
            prev["group"] == cur["group"] and prev["category"] == cur["category"]
        )
        if same_group and cur["group"] not in NO_NEIGHBOUR_GROUPS:
            link(prev["name"], cur["name"], NEIGHBOUR_WEIGHT)

    return {
        "version": VERSION,
        "license": "CC0-1.0; curated by the HotGigs team, see README.md",
        "skills": [
            {
                "slug": s["slug"],
                "name": s["name"],
                "category": s["category"],
                "aliases": s["aliases"],
            }
            for s in skills
        ],
        "related": [
            [by_name[a]["slug"], by_name[b]["slug"], w]
            for (a, b), w in sorted(related.items())
        ],
        "dropped_aliases": sorted(dropped),
    }


def main() -> None:
    data = build()
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n")
    n_alias = sum(len(s["aliases"]) for s in data["skills"])
    print(
        f"version {data['version']}: {len(data['skills'])} skills, {n_alias} aliases, "
        f"{len(data['related'])} related links, "
        f"{len(data['dropped_aliases'])} ambiguous aliases dropped"
    )


if __name__ == "__main__":
    main()
