from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies import services
from companies.models import (
    Company,
    CompanyKind,
    Invitation,
    Membership,
    MembershipRole,
)
from companies.tests.images import image_bytes

pytestmark = pytest.mark.django_db

LAST_OWNER = "A company needs at least one owner: make someone else an owner first."


def roles(company):
    return dict(company.memberships.values_list("user__email", "role"))


# --- company_create ----------------------------------------------------------------


def test_employer_creates_an_employer_company_and_becomes_its_owner(olivia):
    company = services.company_create(
        user=olivia,
        name="  Umbrella Corp ",
        description='<p>Hi<script>alert(1)</script> <a href="javascript:x">x</a></p>',
        hq_country="fr",
        industry="Pharma",
    )

    assert company.kind == CompanyKind.EMPLOYER
    assert company.name == "Umbrella Corp"
    assert company.slug == "umbrella-corp"
    assert company.hq_country == "FR"
    assert (
        company.description == '<p>Hi <a rel="noopener noreferrer nofollow">x</a></p>'
    )
    assert company.is_verified is False
    assert roles(company) == {"olivia@acme.test": "owner"}


def test_recruiter_creates_an_agency(rita):
    company = services.company_create(user=rita, name="Hunt & Co")

    assert company.kind == CompanyKind.AGENCY
    assert company.slug == "hunt-co"


def test_candidate_cannot_create_a_company(alice):
    with pytest.raises(PermissionDenied):
        services.company_create(user=alice, name="Nope")

    assert Company.objects.count() == 0


def test_kind_that_contradicts_the_role_is_refused(olivia):
    with pytest.raises(ValidationError) as info:
        services.company_create(user=olivia, name="X", kind=CompanyKind.AGENCY)

    assert info.value.message_dict == {
        "kind": ["A employer account creates employer companies."]
    }


def test_slugs_are_unique_and_avoid_reserved_words(acme, eve):
    assert services.company_create(user=eve, name="Acme").slug == "acme-2"
    assert services.company_create(user=eve, name="Acme").slug == "acme-3"
    assert services.company_create(user=eve, name="New").slug == "new-company"
    assert services.company_create(user=eve, name="!!!").slug == "company"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"hq_country": "XX"},
            {
                "hq_country": [
                    "“XX” is not an ISO 3166-1 alpha-2 country code (e.g. DE, US)."
                ]
            },
        ),
        ({"website": "not a url"}, {"website": ["Enter a valid URL."]}),
        ({"size": "huge"}, {"size": ["Value 'huge' is not a valid choice."]}),
        ({"name": "   "}, {"name": ["A company needs a name."]}),
    ],
)
def test_create_with_bad_input_is_refused_and_writes_nothing(olivia, fields, errors):
    with pytest.raises(ValidationError) as info:
        services.company_create(user=olivia, **{"name": "Fine", **fields})

    assert info.value.message_dict == errors
    assert Company.objects.count() == 0
    assert Membership.objects.count() == 0


# --- company_update / verify ---------------------------------------------------------


def test_owner_updates_the_company(acme, olivia):
    services.company_update(
        user=olivia, company=acme, description="<h2>Us</h2><img src=x>", size="11-50"
    )

    acme.refresh_from_db()
    assert acme.description == "<h2>Us</h2>"
    assert acme.size == "11-50"


def test_admin_updates_the_company(acme, tom):
    Membership.objects.filter(user=tom).update(role=MembershipRole.ADMIN)

    services.company_update(user=tom, company=acme, industry="Rockets")

    assert Company.objects.get(pk=acme.pk).industry == "Rockets"


@pytest.mark.parametrize("persona", ["tom", "eve", "sam"])
def test_members_outsiders_and_staff_cannot_update(acme, globex, persona, request):
    with pytest.raises(PermissionDenied):
        services.company_update(
            user=request.getfixturevalue(persona), company=acme, industry="Hacked"
        )

    assert Company.objects.get(pk=acme.pk).industry == ""


def test_update_refuses_fields_that_are_not_editable(acme, olivia):
    with pytest.raises(ValidationError) as info:
        services.company_update(user=olivia, company=acme, is_verified=True)

    assert info.value.messages == ["Unknown company fields: is_verified."]
    assert Company.objects.get(pk=acme.pk).is_verified is False


def test_staff_verifies_and_unverifies(acme, sam):
    services.company_verify(user=sam, company=acme)
    assert Company.objects.get(pk=acme.pk).is_verified is True

    services.company_verify(user=sam, company=acme, verified=False)
    assert Company.objects.get(pk=acme.pk).is_verified is False


def test_owner_cannot_verify_their_own_company(acme, olivia):
    with pytest.raises(PermissionDenied):
        services.company_verify(user=olivia, company=acme)

    assert Company.objects.get(pk=acme.pk).is_verified is False


# --- logo ---------------------------------------------------------------------------


def test_owner_sets_a_logo_and_replacing_it_deletes_the_old_files(
    acme, olivia, media, django_capture_on_commit_callbacks
):
    def png():
        return SimpleUploadedFile("logo.png", image_bytes("PNG"), "image/png")

    services.company_set_logo(user=olivia, company=acme, upload=png())
    first = [acme.logo.name, acme.logo_large.name, acme.logo_small.name]
    assert all(name.startswith("logos/") for name in first)
    assert all((media / name).exists() for name in first)

    with django_capture_on_commit_callbacks(execute=True):
        services.company_set_logo(user=olivia, company=acme, upload=png())

    acme.refresh_from_db()
    second = [acme.logo.name, acme.logo_large.name, acme.logo_small.name]
    assert set(first).isdisjoint(second)
    assert [(media / name).exists() for name in first] == [False] * 3
    assert [(media / name).exists() for name in second] == [True] * 3


def test_bad_logo_leaves_the_company_unchanged(acme, olivia, media):
    with pytest.raises(ValidationError):
        services.company_set_logo(
            user=olivia,
            company=acme,
            upload=SimpleUploadedFile("x.png", b"nope", "image/png"),
        )

    acme.refresh_from_db()
    assert (acme.logo.name, acme.logo_small.name) == ("", "")
    assert list(media.iterdir()) == []


def test_member_cannot_set_the_logo(acme, tom, media):
    with pytest.raises(PermissionDenied):
        services.company_set_logo(
            user=tom,
            company=acme,
            upload=SimpleUploadedFile("x.png", image_bytes(), "image/png"),
        )


def test_owner_removes_the_logo(
    acme, olivia, media, django_capture_on_commit_callbacks
):
    services.company_set_logo(
        user=olivia,
        company=acme,
        upload=SimpleUploadedFile("x.png", image_bytes(), "image/png"),
    )
    name = acme.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        services.company_remove_logo(user=olivia, company=acme)

    acme.refresh_from_db()
    assert acme.logo.name == ""
    assert not (media / name).exists()


# --- invitations ----------------------------------------------------------------------


def test_owner_invites_by_email_and_the_email_has_the_link(
    acme, olivia, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            user=olivia, company=acme, email=" New@Example.COM ", role="admin"
        )

    assert invitation.email == "new@example.com"
    assert invitation.role == "admin"
    assert invitation.invited_by == olivia
    assert len(invitation.token) >= 40
    assert [m.to for m in mailoutbox] == [["new@example.com"]]
    assert mailoutbox[0].subject == "Join Acme on HotGigs"
    assert (
        f"http://127.0.0.1:8000/invitations/{invitation.token}/" in mailoutbox[0].body
    )
    assert "Olivia Owner invited you to join Acme on HotGigs as admin." in (
        mailoutbox[0].body
    )


def test_reinviting_refreshes_the_pending_invitation(acme, olivia):
    first = services.invitation_create(user=olivia, company=acme, email="x@y.test")
    old_token = first.token

    second = services.invitation_create(
        user=olivia, company=acme, email="X@y.test", role="admin"
    )

    assert second.pk == first.pk
    assert second.token != old_token
    assert Invitation.objects.filter(company=acme).count() == 1
    assert Invitation.objects.get().role == "admin"


def test_admin_cannot_invite_an_owner(acme, tom):
    Membership.objects.filter(user=tom).update(role=MembershipRole.ADMIN)

    with pytest.raises(PermissionDenied):
        services.invitation_create(
            user=tom, company=acme, email="x@y.test", role="owner"
        )

    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("persona", ["tom", "eve", "sam"])
def test_members_outsiders_and_staff_cannot_invite(acme, globex, persona, request):
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            user=request.getfixturevalue(persona), company=acme, email="x@y.test"
        )

    assert Invitation.objects.count() == 0


@pytest.mark.parametrize(
    ("email", "role", "errors"),
    [
        ("not-an-email", "member", {"email": ["Enter a valid email address."]}),
        (
            "TOM@acme.test",
            "member",
            {"email": ["tom@acme.test is already on the team."]},
        ),
        ("x@y.test", "boss", {"role": ["Unknown role “boss”."]}),
    ],
)
def test_bad_invitations_are_refused(acme, olivia, email, role, errors):
    with pytest.raises(ValidationError) as info:
        services.invitation_create(user=olivia, company=acme, email=email, role=role)

    assert info.value.message_dict == errors
    assert Invitation.objects.count() == 0


def test_invited_user_accepts_and_joins_with_the_role(acme, olivia, bob):
    invitation = services.invitation_create(
        user=olivia, company=acme, email="BOB@example.com", role="admin"
    )

    membership = services.invitation_accept(user=bob, invitation=invitation)

    assert (membership.company, membership.user, membership.role) == (
        acme,
        bob,
        "admin",
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == bob
    assert invitation.accepted_at is not None


def test_someone_else_cannot_accept(acme, olivia, bob, alice):
    invitation = services.invitation_create(
        user=olivia, company=acme, email="bob@example.com"
    )

    with pytest.raises(PermissionDenied) as info:
        services.invitation_accept(user=alice, invitation=invitation)

    assert str(info.value) == (
        "This invitation is for bob@example.com; you are signed in as "
        "alice@example.com."
    )
    assert roles(acme) == {"olivia@acme.test": "owner", "tom@acme.test": "member"}


def test_expired_or_used_invitations_cannot_be_accepted(acme, olivia, bob):
    invitation = services.invitation_create(
        user=olivia, company=acme, email="bob@example.com"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as info:
        services.invitation_accept(user=bob, invitation=invitation)
    assert info.value.messages == [
        "This invitation has expired. Ask the company for a new one."
    ]

    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=1), accepted_at=timezone.now()
    )
    with pytest.raises(ValidationError) as info:
        services.invitation_accept(user=bob, invitation=invitation)
    assert info.value.messages == ["This invitation was already used."]
    assert not Membership.objects.filter(user=bob).exists()


def test_owner_revokes_a_pending_invitation(acme, olivia):
    invitation = services.invitation_create(user=olivia, company=acme, email="x@y.test")

    services.invitation_revoke(user=olivia, invitation=invitation)

    assert Invitation.objects.count() == 0


# --- roles and the last owner ---------------------------------------------------


def test_last_owner_cannot_be_demoted(acme, olivia):
    membership = Membership.objects.get(user=olivia)

    with pytest.raises(ValidationError) as info:
        services.membership_change_role(
            user=olivia, membership=membership, role="admin"
        )

    assert info.value.code == "last_owner"
    assert info.value.messages == [LAST_OWNER]
    assert roles(acme)["olivia@acme.test"] == "owner"


def test_owner_promotes_then_steps_down(acme, olivia, tom):
    services.membership_change_role(
        user=olivia, membership=Membership.objects.get(user=tom), role="owner"
    )
    services.membership_change_role(
        user=olivia, membership=Membership.objects.get(user=olivia), role="member"
    )

    assert roles(acme) == {"olivia@acme.test": "member", "tom@acme.test": "owner"}


def test_admin_manages_members_but_not_owners(acme, olivia, tom):
    Membership.objects.filter(user=tom).update(role=MembershipRole.ADMIN)
    carol = UserFactory(email="carol@acme.test", role=Role.EMPLOYER)
    carol_m = Membership.objects.create(company=acme, user=carol)

    services.membership_change_role(user=tom, membership=carol_m, role="admin")
    assert roles(acme)["carol@acme.test"] == "admin"

    with pytest.raises(PermissionDenied):
        services.membership_change_role(user=tom, membership=carol_m, role="owner")
    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            user=tom, membership=Membership.objects.get(user=olivia), role="member"
        )
    with pytest.raises(PermissionDenied):
        services.membership_remove(
            user=tom, membership=Membership.objects.get(user=olivia)
        )
    assert roles(acme) == {
        "olivia@acme.test": "owner",
        "tom@acme.test": "admin",
        "carol@acme.test": "admin",
    }


@pytest.mark.parametrize("persona", ["tom", "eve", "sam"])
def test_members_outsiders_and_staff_cannot_change_roles(
    acme, globex, persona, request
):
    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            user=request.getfixturevalue(persona),
            membership=Membership.objects.get(user__email="tom@acme.test"),
            role="admin",
        )

    assert roles(acme)["tom@acme.test"] == "member"


def test_owner_removes_a_member(acme, olivia, tom):
    services.membership_remove(user=olivia, membership=Membership.objects.get(user=tom))

    assert roles(acme) == {"olivia@acme.test": "owner"}


def test_member_cannot_remove_anyone(acme, olivia, tom):
    with pytest.raises(PermissionDenied):
        services.membership_remove(
            user=tom, membership=Membership.objects.get(user=olivia)
        )

    assert len(roles(acme)) == 2


def test_owner_removes_another_owner_but_never_the_last(acme, olivia, tom):
    Membership.objects.filter(user=tom).update(role=MembershipRole.OWNER)

    services.membership_remove(user=olivia, membership=Membership.objects.get(user=tom))
    with pytest.raises(ValidationError) as info:
        services.membership_remove(
            user=olivia, membership=Membership.objects.get(user=olivia)
        )

    assert info.value.code == "last_owner"
    assert roles(acme) == {"olivia@acme.test": "owner"}


def test_member_leaves(acme, tom):
    services.membership_leave(user=tom, company=acme)

    assert roles(acme) == {"olivia@acme.test": "owner"}


def test_last_owner_cannot_leave(acme, olivia):
    with pytest.raises(ValidationError) as info:
        services.membership_leave(user=olivia, company=acme)

    assert info.value.messages == [LAST_OWNER]
    assert roles(acme)["olivia@acme.test"] == "owner"


def test_outsider_cannot_leave_a_company_they_are_not_in(acme, eve):
    with pytest.raises(ValidationError) as info:
        services.membership_leave(user=eve, company=acme)

    assert info.value.messages == ["You are not a member of this company."]


def test_pending_invitations_are_capped(acme, olivia, monkeypatch):
    monkeypatch.setattr(services, "MAX_PENDING_INVITATIONS", 2)
    services.invitation_create(user=olivia, company=acme, email="a@y.test")
    services.invitation_create(user=olivia, company=acme, email="b@y.test")

    with pytest.raises(ValidationError) as info:
        services.invitation_create(user=olivia, company=acme, email="c@y.test")

    assert info.value.messages == [
        "Acme has 2 pending invitations; revoke some or wait for them to be accepted."
    ]
    # Refreshing an existing invitation is still allowed.
    services.invitation_create(user=olivia, company=acme, email="a@y.test")
    assert Invitation.objects.count() == 2
