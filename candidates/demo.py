"""Demo candidates: a rich public profile for candidate@hotgigs.test, ~30 generated
ones, and `seed_demo --candidates N` for a large, bulk-created set."""

import random

from django.db import transaction
from django.utils.text import slugify

from accounts.models import Role, User
from candidates import search, services
from candidates.models import (
    Availability,
    CandidateProfile,
    CandidateSkill,
    ExperienceLevel,
    RemotePreference,
    Visibility,
)
from matching.models import Skill

SKILLS = [
    "Python",
    "Django",
    "PostgreSQL",
    "Go",
    "React",
    "TypeScript",
    "Kubernetes",
    "AWS",
    "Java",
    "Rust",
    "SQL",
    "Figma",
]
CITIES = [
    ("Berlin", "DE"),
    ("Paris", "FR"),
    ("London", "GB"),
    ("Madrid", "ES"),
    ("Amsterdam", "NL"),
    ("Warsaw", "PL"),
    ("Lisbon", "PT"),
]
TITLES = [
    "Backend Engineer",
    "Frontend Developer",
    "Data Engineer",
    "SRE",
    "Product Designer",
    "Full-stack Developer",
]
BATCH = 2000


def _skills():
    return [
        Skill.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in SKILLS
    ]


def _fields(rng, n):
    city, country = rng.choice(CITIES)
    years = rng.randint(0, 20)
    low = rng.randrange(30000, 110000, 5000)
    return {
        "headline": f"{rng.choice(TITLES)} with {years} years",
        "summary": "Generated demo candidate.",
        "city": city,
        "country": country,
        "years_experience": years,
        "experience_level": rng.choice(ExperienceLevel.values),
        "remote_preference": rng.choice(RemotePreference.values),
        "availability": rng.choice(Availability.values),
        "visibility": rng.choice(Visibility.values),
        "willing_to_relocate": n % 3 == 0,
        "desired_salary_min": low,
        "desired_salary_max": low + 20000,
        "desired_salary_min_yearly": low,
        "desired_salary_max_yearly": low + 20000,
    }


def seed(*, options, log):
    rng = random.Random(options.get("seed", 42))
    skills = _skills()
    demo = User.objects.filter(email="candidate@hotgigs.test").first()
    if demo and not CandidateProfile.objects.filter(user=demo).exists():
        profile = services.profile_get_or_create(user=demo)
        for name, value in {
            "headline": "Senior Python developer, Django and PostgreSQL",
            "summary": "Ten years building web platforms; I like clean data models, "
            "fast queries and teams that ship small changes often.",
            "city": "Berlin",
            "country": "DE",
            "years_experience": 10,
            "experience_level": ExperienceLevel.SENIOR,
            "remote_preference": RemotePreference.HYBRID,
            "desired_salary_min": 80000,
            "desired_salary_max": 95000,
            "availability": Availability.OPEN_TO_OFFERS,
            "visibility": Visibility.PUBLIC,
            "github_url": "https://github.com/casey-candidate",
        }.items():
            setattr(profile, name, value)
        services.profile_save(profile=profile)
        for name in ("Python", "Django", "PostgreSQL"):
            services.candidate_skill_save(profile=profile, name=name, level=5, years=8)
    for n in range(30):
        email = f"demo-candidate-{n}@hotgigs.test"
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": f"Demo Candidate {n}"}
        )
        if not created:
            continue
        profile = services.profile_get_or_create(user=user)
        for name, value in _fields(rng, n).items():
            setattr(profile, name, value)
        services.profile_save(profile=profile)
        for skill in rng.sample(skills, 3):
            services.candidate_skill_save(
                profile=profile, name=skill.name, level=rng.randint(1, 5), years=2
            )
    log("candidates: demo profiles ready")
    extra = options.get("candidates") or 0
    if extra:
        _bulk(extra, rng, skills, log)


def _bulk(count, rng, skills, log):
    from tqdm import tqdm

    start = User.objects.filter(email__startswith="bulk-candidate-").count()
    for first in tqdm(range(start, start + count, BATCH), desc="candidates"):
        size = min(BATCH, start + count - first)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=f"bulk-candidate-{first + i}@hotgigs.test",
                    full_name=f"Bulk Candidate {first + i}",
                    role=Role.CANDIDATE,
                    password="!",
                )
                for i in range(size)
            )
            profiles = CandidateProfile.objects.bulk_create(
                CandidateProfile(user=user, **_fields(rng, first + i))
                for i, user in enumerate(users)
            )
            rows = []
            for profile in profiles:
                for skill in rng.sample(skills, 3):
                    rows.append(
                        CandidateSkill(
                            profile=profile,
                            skill=skill,
                            name=skill.name,
                            level=rng.randint(1, 5),
                            years=rng.randint(0, 10),
                        )
                    )
                profile.search_document = search.search_document_for(
                    headline=profile.headline,
                    summary=profile.summary,
                    skills=[r.name for r in rows[-3:]],
                    titles=[],
                )
            CandidateSkill.objects.bulk_create(rows)
            CandidateProfile.objects.bulk_update(profiles, ["search_document"])
    search.update_all_search_vectors()  # one UPDATE on PostgreSQL
    search.bump_search_version()
    log(f"candidates: {count} bulk profiles")
