"""company_create_unclaimed: agencies' recruiters create client companies with no
members; everyone else is refused; bad names are 400s that write nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from companies.models import Company, CompanyKind, Membership
from companies.services import company_create_unclaimed

pytestmark = pytest.mark.django_db


def test_agency_recruiter_creates_an_unclaimed_employer(rita, agency):
    company = company_create_unclaimed(
        agency_user=rita, name="  Initech  ", hq_country="de"
    )
    assert (company.name, company.slug, company.kind) == (
        "Initech",
        "initech",
        CompanyKind.EMPLOYER,
    )
    assert company.hq_country == "DE"
    assert company.is_verified is False
    assert not Membership.objects.filter(company=company).exists()


def test_slugs_stay_unique(rita, agency, acme):
    first = company_create_unclaimed(agency_user=rita, name="Initech")
    second = company_create_unclaimed(agency_user=rita, name="Initech")
    clash = company_create_unclaimed(agency_user=rita, name=acme.name)
    assert (first.slug, second.slug) == ("initech", "initech-2")
    assert clash.slug == f"{acme.slug}-2"


@pytest.mark.parametrize("persona", ["alice", "olivia", "tom", "sam"])
def test_others_cannot_create_unclaimed_companies(request, agency, persona):
    before = Company.objects.count()
    with pytest.raises(PermissionDenied):
        company_create_unclaimed(agency_user=request.getfixturevalue(persona), name="X")
    assert Company.objects.count() == before


def test_recruiter_without_an_agency_is_refused(agency):
    from accounts.models import Role
    from accounts.tests.factories import UserFactory

    loner = UserFactory(email="loner@example.com", role=Role.RECRUITER)
    with pytest.raises(PermissionDenied):
        company_create_unclaimed(agency_user=loner, name="Initech")


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Initech", "website": "not a url"}, "website"),
        ({"name": "Initech", "logo": "x.png"}, None),
    ],
)
def test_bad_input_writes_nothing(rita, agency, fields, key):
    before = Company.objects.count()
    with pytest.raises(ValidationError) as info:
        company_create_unclaimed(agency_user=rita, **fields)
    if key is None:  # unknown fields: a plain error naming them
        assert info.value.messages == ["Unknown company fields: logo."]
    else:
        assert key in info.value.message_dict
    assert Company.objects.count() == before
