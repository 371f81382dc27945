"""Project-wide fixtures: the personas every protected endpoint is tested with.

alice  — candidate (owner of her own profile, documents, applications)
bob    — another candidate
olivia — employer, owner of company Acme        (see companies/tests/factories)
tom    — employer, member ("teammate") of Acme
eve    — employer at another company (outsider)
rita   — recruiter
sam    — staff
"""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import Role
from accounts.tests.factories import UserFactory
from hotgigs.testing import THROTTLE_CLOCK

pytest_plugins = ["hotgigs.testing.deployed", "hotgigs.testing.browser"]


def pytest_runtest_setup(item):
    """Skip a test marked `postgres` on another database, saying why."""
    from django.conf import settings

    marker = item.get_closest_marker("postgres")
    engine = settings.DATABASES["default"]["ENGINE"]
    if marker and not engine.endswith("postgresql"):
        reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
        pytest.skip(f"needs PostgreSQL{': ' + reason if reason else ''}")


@pytest.fixture(autouse=True)
def _throttle_clock(monkeypatch):
    """API throttle windows never roll over in the middle of a test."""
    monkeypatch.setattr("hotgigs.api.throttling.now", lambda: THROTTLE_CLOCK)


@pytest.fixture(autouse=True)
def still_ratelimit_clock(monkeypatch):
    """django-ratelimit counts in fixed windows: a slow test crossing a window's
    end would start counting afresh (a signup test failed so under load). Hold
    its clock still in every test."""
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(
        django_ratelimit.core, "time", SimpleNamespace(time=lambda: now)
    )


@pytest.fixture(autouse=True)
def _clear_cache():
    from jobs.ranking.builders import kept_jobs
    from matching.process_state import forget_process_state

    cache.clear()
    # Per-process copies of database rows (the taxonomy index, the idf table,
    # the kept JobData) are keyed by version tokens and stamps a rolled-back
    # test leaves as they were (SQLite reuses ids, a frozen clock stamps).
    forget_process_state()
    kept_jobs.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", full_name="Alice Candidate")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", full_name="Bob Candidate")


@pytest.fixture
def olivia(db):
    return UserFactory(
        email="olivia@acme.test", full_name="Olivia Owner", role=Role.EMPLOYER
    )


@pytest.fixture
def tom(db):
    return UserFactory(
        email="tom@acme.test", full_name="Tom Teammate", role=Role.EMPLOYER
    )


@pytest.fixture
def eve(db):
    return UserFactory(
        email="eve@globex.test", full_name="Eve Outsider", role=Role.EMPLOYER
    )


@pytest.fixture
def rita(db):
    return UserFactory(
        email="rita@agency.test", full_name="Rita Recruiter", role=Role.RECRUITER
    )


@pytest.fixture
def sam(db):
    return UserFactory(
        email="sam@hotgigs.test",
        full_name="Sam Staff",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def api():
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def api_as():
    """`api_as(user)` → an API client authenticated with a real JWT access token."""

    def make(user):
        client = APIClient()
        token = RefreshToken.for_user(user).access_token
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make


@pytest.fixture
def acme(olivia, tom):
    """Employer company Acme: olivia is its owner, tom a member (teammate)."""
    from companies.models import MembershipRole
    from companies.tests.factories import CompanyFactory, MembershipFactory

    company = CompanyFactory(name="Acme", slug="acme")
    MembershipFactory(company=company, user=olivia, role=MembershipRole.OWNER)
    MembershipFactory(company=company, user=tom, role=MembershipRole.MEMBER)
    return company


@pytest.fixture
def globex(eve):
    """Another employer: eve owns it, so she is an outsider to Acme."""
    from companies.models import MembershipRole
    from companies.tests.factories import CompanyFactory, MembershipFactory

    company = CompanyFactory(name="Globex", slug="globex")
    MembershipFactory(company=company, user=eve, role=MembershipRole.OWNER)
    return company


@pytest.fixture
def agency(rita):
    """Recruiting agency: rita is its owner."""
    from companies.models import CompanyKind, MembershipRole
    from companies.tests.factories import CompanyFactory, MembershipFactory

    company = CompanyFactory(
        name="Hire Partners", slug="hire-partners", kind=CompanyKind.AGENCY
    )
    MembershipFactory(company=company, user=rita, role=MembershipRole.OWNER)
    return company
