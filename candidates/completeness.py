"""Profile completeness: a pure function over plain data, 0–100 with what is missing.

Weights (they add up to 100) reflect how much each part helps an employer decide:

=================  ======  ==========================================
part               weight  complete when
=================  ======  ==========================================
skills             25      at least 3 skills
experience         20      at least one work experience
headline           15      a headline
summary            10      a summary of at least 100 characters
location           10      a city and a country
preferences        10      experience level and a desired salary
education          5       at least one education entry
links              5       a portfolio, GitHub or LinkedIn link
=================  ======  ==========================================

The next step is the missing part with the highest weight (ties: table order).
"""

from dataclasses import dataclass, field

WEIGHTS = {
    "skills": 25,
    "experience": 20,
    "headline": 15,
    "summary": 10,
    "location": 10,
    "preferences": 10,
    "education": 5,
    "links": 5,
}

LABELS = {
    "skills": "Add at least 3 skills",
    "experience": "Add your work experience",
    "headline": "Write a headline",
    "summary": "Write a summary (100 characters or more)",
    "location": "Add your city and country",
    "preferences": "Set your experience level and desired salary",
    "education": "Add your education",
    "links": "Add a portfolio, GitHub or LinkedIn link",
}

MIN_SKILLS = 3
MIN_SUMMARY = 100


@dataclass(frozen=True)
class ProfileFacts:
    headline: str = ""
    summary: str = ""
    city: str = ""
    country: str = ""
    experience_level: str = ""
    has_salary: bool = False
    skill_count: int = 0
    experience_count: int = 0
    education_count: int = 0
    has_link: bool = False


@dataclass(frozen=True)
class Completeness:
    score: int
    missing: list[str] = field(default_factory=list)  # part keys, by weight
    next_step: str | None = None  # part key

    @property
    def missing_labels(self):
        return [LABELS[key] for key in self.missing]

    @property
    def next_step_label(self):
        return LABELS[self.next_step] if self.next_step else None


def compute_completeness(facts: ProfileFacts) -> Completeness:
    done = {
        "skills": facts.skill_count >= MIN_SKILLS,
        "experience": facts.experience_count >= 1,
        "headline": bool(facts.headline.strip()),
        "summary": len(facts.summary.strip()) >= MIN_SUMMARY,
        "location": bool(facts.city.strip() and facts.country.strip()),
        "preferences": bool(facts.experience_level and facts.has_salary),
        "education": facts.education_count >= 1,
        "links": facts.has_link,
    }
    score = sum(WEIGHTS[key] for key, ok in done.items() if ok)
    missing = sorted(
        (key for key, ok in done.items() if not ok),
        key=lambda key: -WEIGHTS[key],
    )
    return Completeness(
        score=score, missing=missing, next_step=missing[0] if missing else None
    )
