import pytest

from accounts import demo as accounts_demo
from companies import demo
from companies.models import Company

pytestmark = pytest.mark.django_db


def test_demo_companies_are_seeded_idempotently():
    accounts_demo.seed(options={}, log=lambda message: None)

    demo.seed(options={}, log=lambda message: None)
    demo.seed(options={}, log=lambda message: None)

    rows = {
        c.slug: (
            c.kind,
            c.is_verified,
            sorted(c.memberships.values_list("user__email", "role")),
        )
        for c in Company.objects.all()
    }
    assert rows == {
        "northwind-labs": (
            "employer",
            True,
            [("employer@hotgigs.test", "owner"), ("teammate@hotgigs.test", "member")],
        ),
        "globex-health": ("employer", False, [("owner@globex-health.test", "owner")]),
        "initech-finance": (
            "employer",
            False,
            [("owner@initech-finance.test", "owner")],
        ),
        "talentbridge": ("agency", True, [("recruiter@hotgigs.test", "owner")]),
    }
