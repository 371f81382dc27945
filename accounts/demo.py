"""Demo accounts: one known login per role (password: `hotgigs-demo`)."""

from accounts.models import Role, User

DEMO_PASSWORD = "hotgigs-demo"

DEMO_USERS = [
    ("candidate@hotgigs.test", "Casey Candidate", Role.CANDIDATE, False),
    ("employer@hotgigs.test", "Erin Employer", Role.EMPLOYER, False),
    ("teammate@hotgigs.test", "Theo Teammate", Role.EMPLOYER, False),
    ("recruiter@hotgigs.test", "Riley Recruiter", Role.RECRUITER, False),
    ("staff@hotgigs.test", "Stacy Staff", Role.CANDIDATE, True),
]


def seed(*, options, log):
    for email, name, role, staff in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "role": role,
                "is_staff": staff,
                "is_superuser": staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    log(f"accounts: {len(DEMO_USERS)} demo users (password {DEMO_PASSWORD!r})")
