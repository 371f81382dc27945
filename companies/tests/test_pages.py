import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from companies import services
from companies.models import Company, CompanyKind, Invitation, Membership
from companies.tests.images import image_bytes

pytestmark = pytest.mark.django_db

LAST_OWNER = "A company needs at least one owner: make someone else an owner first."


def team(company):
    return dict(company.memberships.values_list("user__email", "role"))


def text(response):
    return response.content.decode()


# --- onboarding ---------------------------------------------------------------


def test_onboarding_creates_the_employers_company(client, eve):
    client.force_login(eve)

    assert "Create your company" in text(client.get("/companies/new/"))
    response = client.post(
        "/companies/new/",
        {"name": "Initrode", "hq_country": "GB", "industry": "Software"},
    )

    company = Company.objects.get(slug="initrode")
    assert response.status_code == 302
    assert response["Location"] == "/companies/initrode/settings/"
    assert (company.kind, company.hq_country) == (CompanyKind.EMPLOYER, "GB")
    assert team(company) == {"eve@globex.test": "owner"}


def test_onboarding_for_a_recruiter_says_agency(client, rita):
    client.force_login(rita)

    assert "Create your recruiting agency" in text(client.get("/companies/new/"))


def test_onboarding_redirects_a_user_who_already_has_a_company(client, acme, tom):
    client.force_login(tom)

    response = client.get("/companies/new/")

    assert (response.status_code, response["Location"]) == (302, "/companies/acme/")


def test_onboarding_bad_input_shows_errors_next_to_fields(client, eve):
    client.force_login(eve)

    response = client.post("/companies/new/", {"name": "", "hq_country": "XX"})

    assert response.status_code == 200
    assert "This field is required." in text(response)
    assert "Select a valid choice. XX is not one of the available choices." in text(
        response
    )
    assert Company.objects.count() == 0


def test_candidates_and_anonymous_cannot_onboard(client, alice):
    response = client.get("/companies/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    client.force_login(alice)
    assert client.post("/companies/new/", {"name": "X"}).status_code == 403
    assert Company.objects.count() == 0


# --- public page --------------------------------------------------------------


def test_public_page_shows_the_company(client, acme, django_assert_max_num_queries):
    acme.description = '<p>Rockets <script>alert("x")</script><em>and more</em></p>'
    acme.is_verified = True
    acme.industry = "Aerospace"
    acme.hq_city = "Munich"
    acme.save()

    with django_assert_max_num_queries(4):
        response = client.get("/companies/acme/")

    body = text(response)
    assert response.status_code == 200
    assert "<title>Acme — HotGigs</title>" in body
    assert "<p>Rockets <em>and more</em></p>" in body
    assert "<script>alert" not in body
    assert "Verified" in body
    assert "Munich, DE" in body
    assert "Acme has no open jobs right now." in body
    assert "/companies/acme/settings/" not in body


def test_public_page_links_settings_for_managers_and_team_for_members(
    client, acme, olivia, tom
):
    client.force_login(olivia)
    assert "/companies/acme/settings/" in text(client.get("/companies/acme/"))

    client.force_login(tom)
    body = text(client.get("/companies/acme/"))
    assert "/companies/acme/team/" in body
    assert "/companies/acme/settings/" not in body


def test_unknown_company_page_is_404(client):
    assert client.get("/companies/nope/").status_code == 404


# --- settings -----------------------------------------------------------------


def test_owner_edits_the_profile(client, acme, olivia):
    client.force_login(olivia)

    assert client.get("/companies/acme/settings/").status_code == 200
    response = client.post(
        "/companies/acme/settings/",
        {"action": "profile", "name": "Acme Corp", "hq_country": "AT"},
    )

    assert response.status_code == 302
    acme.refresh_from_db()
    assert (acme.name, acme.hq_country, acme.slug) == ("Acme Corp", "AT", "acme")


def test_settings_bad_input_is_400_and_changes_nothing(client, acme, olivia):
    client.force_login(olivia)

    response = client.post(
        "/companies/acme/settings/",
        {"action": "profile", "name": "Acme", "website": "not a url"},
    )

    assert response.status_code == 400
    assert "Enter a valid URL." in text(response)
    assert Company.objects.get(pk=acme.pk).website == ""


def test_settings_unknown_action_is_400(client, acme, olivia):
    client.force_login(olivia)

    assert client.post("/companies/acme/settings/", {"action": "x"}).status_code == 400


def test_owner_uploads_a_logo_and_the_page_shows_it(client, acme, olivia, media):
    client.force_login(olivia)

    response = client.post(
        "/companies/acme/settings/",
        {
            "action": "logo",
            "file": SimpleUploadedFile("l.jpg", image_bytes("JPEG"), "image/jpeg"),
        },
    )

    assert response.status_code == 302
    acme.refresh_from_db()
    assert acme.logo_large.name.endswith("-256.jpg")
    assert f'src="/media/{acme.logo_large.name}"' in text(
        client.get("/companies/acme/")
    )


def test_bad_logo_shows_the_error_on_the_field(client, acme, olivia, media):
    client.force_login(olivia)

    response = client.post(
        "/companies/acme/settings/",
        {"action": "logo", "file": SimpleUploadedFile("l.png", b"text", "image/png")},
    )

    assert response.status_code == 400
    assert "Upload a PNG, JPEG or WebP image; this file is not one." in text(response)
    assert Company.objects.get(pk=acme.pk).logo.name == ""


@pytest.mark.parametrize(
    ("persona", "status"), [("tom", 403), ("eve", 403), ("sam", 403)]
)
def test_others_cannot_open_settings(client, acme, globex, persona, status, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/companies/acme/settings/").status_code == status
    response = client.post(
        "/companies/acme/settings/", {"action": "profile", "name": "Hacked"}
    )
    assert response.status_code == status
    assert Company.objects.get(pk=acme.pk).name == "Acme"


def test_anonymous_settings_redirects_to_login(client, acme):
    response = client.get("/companies/acme/settings/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/companies/acme/settings/"


# --- team ---------------------------------------------------------------------


def test_owner_sees_the_team_with_manage_controls(
    client, acme, olivia, django_assert_max_num_queries
):
    services.invitation_create(user=olivia, company=acme, email="new@acme.test")
    client.force_login(olivia)

    with django_assert_max_num_queries(8):
        response = client.get("/companies/acme/team/")

    body = text(response)
    assert response.status_code == 200
    assert "tom@acme.test" in body
    assert "new@acme.test" in body
    assert "Send invitation" in body
    assert 'for="id_email"' in body


def test_member_sees_the_team_without_manage_controls(client, acme, tom):
    client.force_login(tom)

    body = text(client.get("/companies/acme/team/"))

    assert "olivia@acme.test" in body
    assert "Send invitation" not in body
    assert "Remove…" not in body
    assert "Leave Acme…" in body


@pytest.mark.parametrize("persona", ["eve", "sam"])
def test_outsiders_and_staff_cannot_see_the_team(
    client, acme, globex, persona, request
):
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/companies/acme/team/").status_code == 403


def test_owner_invites_from_the_team_page(
    client, acme, olivia, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(olivia)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/companies/acme/team/", {"email": "new@acme.test", "role": "member"}
        )

    assert response.status_code == 302
    assert Invitation.objects.get().email == "new@acme.test"
    assert [m.to for m in mailoutbox] == [["new@acme.test"]]


def test_bad_invite_shows_the_error(client, acme, olivia):
    client.force_login(olivia)

    response = client.post(
        "/companies/acme/team/", {"email": "tom@acme.test", "role": "member"}
    )

    assert response.status_code == 400
    assert "tom@acme.test is already on the team." in text(response)
    assert Invitation.objects.count() == 0


def test_member_cannot_invite_from_the_team_page(client, acme, tom):
    client.force_login(tom)

    response = client.post("/companies/acme/team/", {"email": "x@y.test"})

    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_owner_changes_a_role_and_the_last_owner_rule_shows(client, acme, olivia, tom):
    client.force_login(olivia)
    tom_m = Membership.objects.get(user=tom)
    olivia_m = Membership.objects.get(user=olivia)

    client.post(f"/companies/acme/team/{tom_m.pk}/role/", {"role": "admin"})
    response = client.post(
        f"/companies/acme/team/{olivia_m.pk}/role/", {"role": "member"}, follow=True
    )

    assert team(acme) == {"olivia@acme.test": "owner", "tom@acme.test": "admin"}
    assert LAST_OWNER in text(response)


def test_role_change_with_bad_input_changes_nothing(client, acme, olivia, tom):
    client.force_login(olivia)
    tom_m = Membership.objects.get(user=tom)

    client.post(f"/companies/acme/team/{tom_m.pk}/role/", {"role": "king"})

    assert team(acme)["tom@acme.test"] == "member"


def test_removal_asks_for_confirmation_then_removes(client, acme, olivia, tom):
    client.force_login(olivia)
    url = f"/companies/acme/team/{Membership.objects.get(user=tom).pk}/remove/"

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Remove Tom Teammate?" in text(confirm)
    assert len(team(acme)) == 2

    response = client.post(url)
    assert response.status_code == 302
    assert team(acme) == {"olivia@acme.test": "owner"}


def test_member_cannot_remove_the_owner(client, acme, olivia, tom):
    client.force_login(tom)
    url = f"/companies/acme/team/{Membership.objects.get(user=olivia).pk}/remove/"

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert len(team(acme)) == 2


def test_member_leaves_after_confirming(client, acme, tom):
    client.force_login(tom)

    confirm = client.get("/companies/acme/team/leave/", follow=True)
    assert "Leave Acme?" in text(confirm)
    url = confirm.redirect_chain[-1][0]
    response = client.post(url)

    assert (response.status_code, response["Location"]) == (302, "/dashboard/")
    assert team(acme) == {"olivia@acme.test": "owner"}


def test_last_owner_cannot_leave_from_the_page(client, acme, olivia):
    client.force_login(olivia)
    url = f"/companies/acme/team/{Membership.objects.get(user=olivia).pk}/remove/"

    response = client.post(url, follow=True)

    assert LAST_OWNER in text(response)
    assert team(acme)["olivia@acme.test"] == "owner"


def test_owner_revokes_an_invitation(client, acme, olivia, tom):
    invitation = services.invitation_create(user=olivia, company=acme, email="x@y.test")
    url = f"/companies/acme/invitations/{invitation.pk}/revoke/"

    client.force_login(tom)
    assert client.post(url).status_code == 403
    client.force_login(olivia)
    assert client.post(url).status_code == 302
    assert Invitation.objects.count() == 0


# --- invitation page ----------------------------------------------------------


@pytest.fixture
def bob_invited(acme, olivia):
    return services.invitation_create(
        user=olivia, company=acme, email="bob@example.com", role="admin"
    )


def test_anonymous_sees_the_invitation_and_is_asked_to_log_in(client, bob_invited):
    url = f"/invitations/{bob_invited.token}/"

    body = text(client.get(url))
    assert "Olivia Owner invited <strong>bob@example.com</strong>" in body
    assert "Log in to accept" in body

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_invited_user_accepts(client, acme, bob, bob_invited):
    client.force_login(bob)

    response = client.post(f"/invitations/{bob_invited.token}/")

    assert (response.status_code, response["Location"]) == (
        302,
        "/companies/acme/team/",
    )
    assert team(acme)["bob@example.com"] == "admin"


def test_wrong_user_cannot_accept(client, acme, alice, bob_invited):
    client.force_login(alice)
    url = f"/invitations/{bob_invited.token}/"

    assert "Log in as bob@example.com to accept it." in text(client.get(url))
    response = client.post(url)

    assert response.status_code == 400
    assert "This invitation is for bob@example.com" in text(response)
    assert "alice@example.com" not in team(acme)


def test_unknown_invitation_is_404(client):
    assert client.get("/invitations/not-a-token/").status_code == 404


def test_public_page_lists_only_open_jobs(client, acme, django_assert_max_num_queries):
    factories = pytest.importorskip("jobs.tests.factories")
    factories.JobFactory(
        company=acme, title="Rocket Engineer", slug="rocket", published=True
    )
    factories.JobFactory(company=acme, title="Secret Draft", slug="draft")

    with django_assert_max_num_queries(4):
        body = text(client.get("/companies/acme/"))

    assert "Rocket Engineer" in body
    assert "Secret Draft" not in body
