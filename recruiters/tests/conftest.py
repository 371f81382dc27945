"""Recruiters personas, on top of the root ones:

rita   — recruiter, owner of the agency "Hire Partners"
rex    — recruiter, member of the same agency (teammate)
ivan   — recruiter, owner of another agency (outsider)
olivia — owner of Acme, the agency's client; tom — Acme member
eve    — owner of Globex, an unrelated employer
alice  — candidate who gets submitted; bob — another candidate (both with a
         profile visible to recruiters, contact details shown)
sam    — staff
"""

import datetime

import pytest

from accounts.models import Role
from accounts.tests.factories import UserFactory
from candidates.models import Visibility
from candidates.tests.factories import make_profile
from companies.models import CompanyKind, MembershipRole
from companies.tests.factories import CompanyFactory, MembershipFactory
from jobs.tests.factories import JobFactory
from recruiters import services


@pytest.fixture
def alice(alice):
    """alice with a profile recruiters may see, contact details shown."""
    make_profile(
        alice,
        visibility=Visibility.EMPLOYERS_AND_RECRUITERS,
        show_contact_details=True,
        headline="Backend developer",
    )
    return alice


@pytest.fixture
def bob(bob):
    """bob with a profile recruiters may see, contact details shown."""
    make_profile(
        bob,
        visibility=Visibility.EMPLOYERS_AND_RECRUITERS,
        show_contact_details=True,
        headline="Data analyst",
    )
    return bob


@pytest.fixture
def rex(agency):
    user = UserFactory(
        email="rex@agency.test", full_name="Rex Teammate", role=Role.RECRUITER
    )
    MembershipFactory(company=agency, user=user, role=MembershipRole.MEMBER)
    return user


@pytest.fixture
def ivan(db):
    user = UserFactory(
        email="ivan@other.test", full_name="Ivan Other", role=Role.RECRUITER
    )
    other = CompanyFactory(
        name="Other Agency", slug="other-agency", kind=CompanyKind.AGENCY
    )
    MembershipFactory(company=other, user=user, role=MembershipRole.OWNER)
    return user


@pytest.fixture
def other_agency(ivan):
    return ivan.companies.get()


@pytest.fixture
def proposal(rita, rex, agency, acme):
    """rita's proposal to Acme, not answered yet."""
    return services.engagement_create(
        user=rita,
        agency=agency,
        client=acme,
        fee_type="percent",
        fee_percent="20.00",
        currency="EUR",
        guarantee_days=90,
        contact_name="Olivia Owner",
        contact_email="olivia@acme.test",
        recruiters=[rita, rex],
    )


@pytest.fixture
def engagement(proposal, olivia):
    """The proposal, accepted by Acme's owner: an active engagement."""
    return services.engagement_accept(user=olivia, engagement=proposal)


@pytest.fixture
def client_job(engagement, rita):
    """A published Acme job the agency runs."""
    return JobFactory(
        company=engagement.client,
        agency=engagement.agency,
        posted_by=rita,
        title="Backend Engineer",
        slug="backend-engineer",
        published=True,
        openings=2,
    )


@pytest.fixture
def submission(engagement, client_job, rita, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.submission_create(
            user=rita,
            engagement=engagement,
            job=client_job,
            candidate=alice,
            pitch="Great",
        )


@pytest.fixture
def hired(submission, alice, olivia):
    """alice accepted and was hired by Acme."""
    from jobs.services.applications import application_transition

    accepted = services.submission_accept(user=alice, submission=submission)
    application_transition(
        application=accepted.application, to_stage="hired", actor=olivia
    )
    accepted.application.refresh_from_db()
    return accepted.application


@pytest.fixture
def placement(hired, rita, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.placement_create_from_application(
            user=rita,
            application=hired,
            agreed_annual_salary="85000.00",
            start_date=datetime.date(2026, 1, 5),
        )
