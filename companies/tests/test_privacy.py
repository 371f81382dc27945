import pytest

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies import privacy, services
from companies.models import Company, Invitation, Membership, MembershipRole

pytestmark = pytest.mark.django_db


def team(company):
    return dict(company.memberships.values_list("user__email", "role"))


def test_export_lists_memberships_and_invitations(acme, globex, olivia, tom, eve):
    services.invitation_create(user=eve, company=globex, email="tom@acme.test")

    data = privacy.export(tom)

    assert [
        (m["company"], m["company_slug"], m["role"]) for m in data["memberships"]
    ] == [("Acme", "acme", "member")]
    assert [
        (i["company"], i["role"], i["accepted_at"])
        for i in data["invitations_received"]
    ] == [("Globex", "member", None)]


def test_erasing_a_member_removes_the_membership_and_their_invitations(
    acme, globex, olivia, tom, eve
):
    services.invitation_create(user=eve, company=globex, email="TOM@acme.test")

    privacy.erase(tom)

    assert team(acme) == {"olivia@acme.test": "owner"}
    assert Invitation.objects.count() == 0


def test_erasing_the_last_owner_hands_the_company_to_the_longest_standing_admin(
    acme, olivia, tom
):
    carol = UserFactory(email="carol@acme.test", role=Role.EMPLOYER)
    Membership.objects.create(company=acme, user=carol, role=MembershipRole.ADMIN)

    privacy.erase(olivia)

    assert team(acme) == {"tom@acme.test": "member", "carol@acme.test": "owner"}


def test_erasing_the_last_owner_without_admins_promotes_the_oldest_member(
    acme, olivia, tom
):
    privacy.erase(olivia)

    assert team(acme) == {"tom@acme.test": "owner"}


def test_erasing_one_of_two_owners_promotes_nobody(acme, olivia, tom):
    Membership.objects.filter(user=tom).update(role=MembershipRole.OWNER)
    carol = UserFactory(email="carol@acme.test", role=Role.EMPLOYER)
    Membership.objects.create(company=acme, user=carol, role=MembershipRole.ADMIN)

    privacy.erase(olivia)

    assert team(acme) == {"tom@acme.test": "owner", "carol@acme.test": "admin"}


def test_erasing_a_sole_member_leaves_the_company_intact_and_ownerless(globex, eve):
    privacy.erase(eve)

    assert Company.objects.filter(slug="globex").exists()
    assert team(globex) == {}
