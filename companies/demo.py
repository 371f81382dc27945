"""Demo companies (idempotent). Other apps' demo data relies on these slugs:
northwind-labs, globex-health, initech-finance (employers), talentbridge (agency).
"""

from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from companies.models import Company, CompanyKind, Membership, MembershipRole
from hotgigs.richtext import sanitize_html

COMPANIES = [
    {
        "slug": "northwind-labs",
        "name": "Northwind Labs",
        "kind": CompanyKind.EMPLOYER,
        "industry": "Software",
        "size": "51-200",
        "hq_city": "Berlin",
        "hq_country": "DE",
        "website": "https://northwind.example",
        "is_verified": True,
        "description": "<p>Northwind Labs builds <strong>logistics software</strong> "
        "for mid-sized retailers.</p><ul><li>Remote-friendly</li>"
        "<li>Four-day week</li></ul>",
        "owner": "employer@hotgigs.test",
        "members": ["teammate@hotgigs.test"],
    },
    {
        "slug": "globex-health",
        "name": "Globex Health",
        "kind": CompanyKind.EMPLOYER,
        "industry": "Healthcare",
        "size": "1001-5000",
        "hq_city": "Boston",
        "hq_region": "Massachusetts",
        "hq_country": "US",
        "website": "https://globex-health.example",
        "is_verified": False,
        "description": "<p>Digital health records and telemedicine.</p>",
        "owner": "owner@globex-health.test",
        "owner_name": "Gloria Globex",
        "members": [],
    },
    {
        "slug": "initech-finance",
        "name": "Initech Finance",
        "kind": CompanyKind.EMPLOYER,
        "industry": "Finance",
        "size": "201-1000",
        "hq_city": "London",
        "hq_country": "GB",
        "website": "https://initech.example",
        "is_verified": False,
        "description": "<p>Payments infrastructure for banks.</p>",
        "owner": "owner@initech-finance.test",
        "owner_name": "Ian Initech",
        "members": [],
    },
    {
        "slug": "talentbridge",
        "name": "TalentBridge Partners",
        "kind": CompanyKind.AGENCY,
        "industry": "Recruiting",
        "size": "11-50",
        "hq_city": "Amsterdam",
        "hq_country": "NL",
        "website": "https://talentbridge.example",
        "is_verified": True,
        "description": "<p>Tech recruiting for scale-ups across Europe.</p>",
        "owner": "recruiter@hotgigs.test",
        "members": [],
    },
]


def _user(email, name, role):
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "role": role}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed(*, options, log):
    for spec in COMPANIES:
        spec = dict(spec)
        owner_email = spec.pop("owner")
        owner_name = spec.pop("owner_name", None)
        member_emails = spec.pop("members")
        role = Role.RECRUITER if spec["kind"] == CompanyKind.AGENCY else Role.EMPLOYER
        owner = _user(owner_email, owner_name or owner_email.split("@")[0], role)
        spec["description"] = sanitize_html(spec["description"])
        company, _ = Company.objects.update_or_create(
            slug=spec.pop("slug"), defaults=spec
        )
        Membership.objects.get_or_create(
            company=company, user=owner, defaults={"role": MembershipRole.OWNER}
        )
        for email in member_emails:
            member = _user(email, email.split("@")[0], Role.EMPLOYER)
            Membership.objects.get_or_create(
                company=company, user=member, defaults={"role": MembershipRole.MEMBER}
            )
    log(f"companies: {len(COMPANIES)} demo companies")
