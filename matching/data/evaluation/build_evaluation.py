"""Generate the labelled evaluation set (candidates.json, jobs.json, grades.json).

Run from the project root: .venv/bin/python matching/data/evaluation/build_evaluation.py

Profiles and jobs are drawn (fixed seed) from occupation archetypes written below:
each archetype has its family, core skills, extra skills and the words people use to
describe the work. Grades follow the rubric in README.md and are computed from the
archetype facts (occupation, family, seniority, place, remote policy, salary) — never
from the engine's score — so the engine is judged against an independent notion of fit.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 7
LEVELS = ["junior", "mid", "senior", "lead"]
CITIES = [("Berlin", "DE"), ("Munich", "DE"), ("London", "GB"), ("Manchester", "GB"),
          ("Paris", "FR"), ("Madrid", "ES")]  # fmt: skip
CURRENCY = {"DE": "EUR", "FR": "EUR", "ES": "EUR", "GB": "GBP"}

# name: (family, required skills, optional skills, description words, base salary)
ARCHETYPES = {
    "python-backend": ("software", ["python", "django", "postgresql"],
        ["docker", "rest-apis", "celery", "redis", "amazon-web-services", "flask"],
        "backend developer building web services and APIs for a product team", 60000),
    "java-backend": ("software", ["java", "spring-boot", "sql"],
        ["microservices", "apache-kafka", "docker", "kubernetes", "hibernate"],
        "backend engineer writing services and integrations for enterprise systems",
        62000),
    "frontend": ("software", ["javascript", "react", "typescript"],
        ["css", "html", "nextjs", "redux", "jest", "figma"],
        "frontend developer building user interfaces for web applications", 55000),
    "devops": ("software", ["kubernetes", "terraform", "amazon-web-services"],
        ["docker", "linux", "cicd", "prometheus", "ansible", "python"],
        "platform engineer running infrastructure, deployments and monitoring", 65000),
    "data-scientist": ("data", ["python", "machine-learning", "sql"],
        ["pandas", "scikit-learn", "statistics", "pytorch", "tensorflow"],
        "data scientist building models and analysing data for decisions", 64000),
    "data-analyst": ("data", ["sql", "data-analysis", "tableau"],
        ["microsoft-excel", "power-bi", "python", "statistics", "dashboards"],
        "analyst producing reports, dashboards and insights for the business",
        45000),
    "icu-nurse": ("health", ["nursing", "critical-care-nursing", "patient-care"],
        ["advanced-cardiac-life-support", "basic-life-support", "iv-therapy",
         "medication-administration", "ventilator-management"],
        "nurse caring for critically ill patients on an intensive care ward", 42000),
    "er-nurse": ("health", ["nursing", "emergency-nursing", "triage"],
        ["basic-life-support", "patient-care", "wound-care", "iv-therapy"],
        "nurse in a busy emergency department assessing and treating patients",
        41000),
    "pharmacist": ("health", ["pharmacy", "pharmacology",
        "medication-administration"],
        ["patient-education", "compounding", "clinical-documentation"],
        "pharmacist dispensing medicines and advising patients", 50000),
    "accountant": ("finance", ["accounting", "month-end-close", "general-ledger"],
        ["ifrs", "xero", "quickbooks", "bank-reconciliation", "vat"],
        "accountant closing the books and preparing financial statements", 48000),
    "fin-analyst": ("finance", ["financial-analysis", "financial-modeling",
        "microsoft-excel"],
        ["budgeting", "forecasting", "power-bi", "variance-analysis"],
        "financial analyst building models, forecasts and budget reports", 55000),
    "warehouse": ("logistics", ["warehouse-management", "forklift-operation",
        "order-picking"], ["inventory-management", "shipping-and-receiving",
        "cycle-counting", "reach-truck"],
        "warehouse operative picking, packing and moving stock safely", 28000),
    "truck-driver": ("logistics", ["truck-driving", "commercial-driving",
        "route-planning"], ["delivery-driving", "hazardous-materials-handling",
        "fleet-management"], "driver delivering goods on regional routes", 34000),
    "chef": ("hospitality", ["cooking", "food-safety", "menu-planning"],
        ["kitchen-management", "food-costing", "pastry", "food-preparation"],
        "chef running a restaurant kitchen and creating seasonal menus", 33000),
    "bartender": ("hospitality", ["bartending", "point-of-sale", "customer-service"],
        ["barista", "cash-register", "food-and-beverage"],
        "bartender mixing drinks and serving guests in a busy bar", 26000),
    "electrician": ("construction", ["electrical-installation", "blueprint-reading",
        "occupational-health-and-safety"], ["electrical-maintenance",
        "fire-alarm-systems", "solar-panel-installation"],
        "electrician installing and testing wiring on building sites", 40000),
    "b2b-sales": ("sales", ["b2b-sales", "lead-generation", "negotiation"],
        ["salesforce", "cold-calling", "account-management", "hubspot"],
        "sales executive winning new business accounts and closing deals", 50000),
    "recruiter": ("hr", ["recruitment", "interviewing", "sourcing-candidates"],
        ["applicant-tracking-systems", "technical-recruiting", "onboarding",
         "employer-branding"],
        "recruiter hiring talent, screening candidates and running interviews",
        42000),
}  # fmt: skip
RELATED_ARCHETYPES = {
    frozenset({"python-backend", "java-backend"}),
    frozenset({"python-backend", "devops"}),
    frozenset({"python-backend", "data-scientist"}),
    frozenset({"data-scientist", "data-analyst"}),
    frozenset({"icu-nurse", "er-nurse"}),
    frozenset({"accountant", "fin-analyst"}),
    frozenset({"fin-analyst", "data-analyst"}),
    frozenset({"warehouse", "truck-driver"}),
    frozenset({"chef", "bartender"}),
    frozenset({"frontend", "python-backend"}),
}
LEVEL_MULTIPLIER = {"junior": 0.75, "mid": 1.0, "senior": 1.3, "lead": 1.55}
YEARS = {"junior": 1, "mid": 4, "senior": 7, "lead": 11}


def make_job(rng, job_id, arch):
    family, required, optional, words, base = ARCHETYPES[arch]
    level = rng.choice(LEVELS)
    city, country = rng.choice(CITIES)
    policy = rng.choice(["onsite", "hybrid", "hybrid", "remote"])
    nice = rng.sample(optional, k=min(2, len(optional)))
    salary = round(base * LEVEL_MULTIPLIER[level], -3)
    return {
        "id": job_id,
        "archetype": arch,
        "title": f"{level.title()} {arch.replace('-', ' ')}",
        "level": level,
        "min_years": YEARS[level],
        "city": city,
        "country": country,
        "remote_policy": policy,
        "salary": [salary * 0.9, salary * 1.15, CURRENCY[country]],
        "skills": [[s, True] for s in required] + [[s, False] for s in nice],
        "text": f"We are hiring a {level} {words}. "
        + " ".join(s.replace("-", " ") for s in required + nice),
    }


def make_candidate(rng, cand_id, arch):
    family, required, optional, words, base = ARCHETYPES[arch]
    level = rng.choice(LEVELS)
    city, country = rng.choice(CITIES)
    # Most people list most core skills; some leave one out.
    core = [s for s in required if rng.random() > 0.2]
    extra = rng.sample(optional, k=min(len(optional), rng.randint(1, 3)))
    years = YEARS[level] + rng.choice([-1, 0, 1])
    salary = round(base * LEVEL_MULTIPLIER[level] * rng.uniform(0.85, 1.2), -3)
    return {
        "id": cand_id,
        "archetype": arch,
        "level": level,
        "years": max(0, years),
        "city": city,
        "country": country,
        "remote_preference": rng.choice(["any", "any", "remote", "onsite", "hybrid"]),
        "willing_to_relocate": rng.random() < 0.3,
        "salary": [salary, None, CURRENCY[country]],
        "skills": [[s, max(1, years - rng.randint(0, 2))] for s in core + extra],
        "text": f"{level.title()} {words}. Experienced with "
        + ", ".join(s.replace("-", " ") for s in core + extra),
    }


def location_works(cand, job):
    if job["remote_policy"] == "remote":
        return True
    if cand["remote_preference"] == "remote":
        return False
    if cand["city"] == job["city"] and cand["country"] == job["country"]:
        return True
    return cand["willing_to_relocate"]


def grade(cand, job):
    """The rubric of README.md, applied to the archetype facts."""
    same = cand["archetype"] == job["archetype"]
    related = frozenset({cand["archetype"], job["archetype"]}) in RELATED_ARCHETYPES
    level_gap = abs(LEVELS.index(cand["level"]) - LEVELS.index(job["level"]))
    place = location_works(cand, job)
    pay = cand["salary"][2] != job["salary"][2] or cand["salary"][0] <= job["salary"][1]
    if same:
        fits = sum([level_gap <= 1, place, pay])
        return {3: 3, 2: 2}.get(fits, 1)
    if related:
        return 1 + (level_gap <= 1 and place)
    return 0


def main():
    rng = random.Random(SEED)
    archs = sorted(ARCHETYPES)
    jobs = [make_job(rng, i + 1, archs[i % len(archs)]) for i in range(36)]
    candidates = [
        make_candidate(rng, i + 1, archs[(i * 5) % len(archs)]) for i in range(45)
    ]
    grades = {
        str(c["id"]): {str(j["id"]): grade(c, j) for j in jobs} for c in candidates
    }
    for name, data in [("jobs", jobs), ("candidates", candidates), ("grades", grades)]:
        (HERE / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")
    print(f"{len(candidates)} candidates × {len(jobs)} jobs written")


if __name__ == "__main__":
    main()
