import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from companies import services
from companies.models import Company, CompanyKind, Invitation, Membership
from companies.tests.factories import CompanyFactory
from companies.tests.images import image_bytes

pytestmark = pytest.mark.django_db

LIST = "/api/v1/companies/"
LAST_OWNER = "A company needs at least one owner: make someone else an owner first."


def detail(company):
    return f"/api/v1/companies/{company.pk}/"


def members(company, suffix=""):
    return f"/api/v1/companies/{company.pk}/members/{suffix}"


def member_url(company, user):
    return members(company, f"{Membership.objects.get(company=company, user=user).pk}/")


def team(company):
    return dict(company.memberships.values_list("user__email", "role"))


# --- directory (public) ------------------------------------------------------------


def test_anyone_lists_companies_with_the_public_shape(api, acme):
    response = api.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"] == [
        {
            "id": acme.pk,
            "slug": "acme",
            "name": "Acme",
            "kind": "employer",
            "description": "",
            "website": "",
            "industry": "",
            "size": "",
            "hq_city": "",
            "hq_region": "",
            "hq_country": "DE",
            "is_verified": False,
            "logo": {"original": None, "large": None, "small": None},
            "url": "/companies/acme/",
            "created_at": acme.created_at.isoformat().replace("+00:00", "Z"),
        }
    ]


@pytest.fixture
def directory(db):
    CompanyFactory(name="Alpha Robotics", slug="alpha", industry="Robotics")
    CompanyFactory(
        name="Beta Search", slug="beta", kind=CompanyKind.AGENCY, hq_country="US"
    )
    CompanyFactory(
        name="Gamma Robotics", slug="gamma", industry="robotics", is_verified=True
    )


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("", ["alpha", "beta", "gamma"]),
        ("?kind=agency", ["beta"]),
        ("?kind=employer", ["alpha", "gamma"]),
        ("?industry=ROBOTICS", ["alpha", "gamma"]),
        ("?country=us", ["beta"]),
        ("?verified=true", ["gamma"]),
        ("?verified=false", ["alpha", "beta"]),
        ("?search=robot", ["alpha", "gamma"]),
        ("?search=robot&verified=true", ["gamma"]),
        ("?search=nothing-like-this", []),
    ],
)
def test_directory_filters(api, directory, query, slugs):
    response = api.get(LIST + query)

    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == slugs


@pytest.mark.parametrize(
    "query",
    ["?kind=bogus", "?verified=perhaps", "?country=USA", "?search=" + "x" * 101],
)
def test_directory_bad_filters_are_400(api, directory, query):
    response = api.get(LIST + query)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("n", [3, 30])
def test_directory_query_count_does_not_grow(api, n, django_assert_max_num_queries):
    for i in range(n):
        CompanyFactory(name=f"Company {i:02}", slug=f"c-{i}")

    with django_assert_max_num_queries(2):
        response = api.get(LIST + "?page_size=50")

    assert len(response.json()["results"]) == n


def test_anyone_retrieves_a_company(api, acme):
    response = api.get(detail(acme))

    assert response.status_code == 200
    assert response.json()["slug"] == "acme"


def test_unknown_company_is_404(api):
    response = api.get("/api/v1/companies/999999/")

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "fields": {}}
    }


# --- create -------------------------------------------------------------------------


def test_employer_creates_a_company(api_as, olivia):
    response = api_as(olivia).post(
        LIST,
        {"name": "Umbrella", "hq_country": "fr", "is_verified": True},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["slug"], body["kind"], body["hq_country"], body["is_verified"]) == (
        "umbrella",
        "employer",
        "FR",
        False,
    )
    assert team(Company.objects.get(slug="umbrella")) == {"olivia@acme.test": "owner"}


def test_recruiter_creates_an_agency(api_as, rita):
    response = api_as(rita).post(LIST, {"name": "Hunters"}, format="json")

    assert response.status_code == 201
    assert response.json()["kind"] == "agency"


def test_candidate_cannot_create(api_as, alice):
    response = api_as(alice).post(LIST, {"name": "Nope"}, format="json")

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Only employer and recruiter accounts can create a company."
    )
    assert Company.objects.count() == 0


def test_anonymous_cannot_create(api):
    assert api.post(LIST, {"name": "Nope"}, format="json").status_code == 401


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, {"name": ["This field is required."]}),
        (
            {"name": "X", "hq_country": "XX"},
            {
                "hq_country": [
                    "“XX” is not an ISO 3166-1 alpha-2 country code (e.g. DE)."
                ]
            },
        ),
        ({"name": "X", "website": "nope"}, {"website": ["Enter a valid URL."]}),
        ({"name": "X", "size": "huge"}, {"size": ['"huge" is not a valid choice.']}),
        (
            {"name": "X", "kind": "agency"},
            {"kind": ["A employer account creates employer companies."]},
        ),
        (
            {"name": "x" * 201},
            {"name": ["Ensure this field has no more than 200 characters."]},
        ),
    ],
)
def test_create_bad_input_is_400(api_as, olivia, payload, fields):
    response = api_as(olivia).post(LIST, payload, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == fields
    assert Company.objects.count() == 0


# --- update -------------------------------------------------------------------------


def test_owner_updates(api_as, acme, olivia):
    response = api_as(olivia).patch(
        detail(acme),
        {
            "description": "<p>We <b>build</b><script>x</script></p>",
            "industry": "Space",
        },
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["description"] == "<p>We <b>build</b></p>"
    assert response.json()["industry"] == "Space"


@pytest.mark.parametrize(
    ("persona", "status"), [("tom", 403), ("eve", 403), ("sam", 403)]
)
def test_others_cannot_update(api_as, acme, globex, persona, status, request):
    client = api_as(request.getfixturevalue(persona))

    response = client.patch(detail(acme), {"industry": "Hacked"}, format="json")

    assert response.status_code == status
    assert Company.objects.get(pk=acme.pk).industry == ""


def test_anonymous_cannot_update(api, acme):
    assert api.patch(detail(acme), {"industry": "X"}, format="json").status_code == 401


def test_staff_verifies_and_owner_cannot(api_as, acme, olivia, sam):
    response = api_as(olivia).patch(detail(acme), {"is_verified": True}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only staff can verify companies."
    assert Company.objects.get(pk=acme.pk).is_verified is False

    response = api_as(sam).patch(detail(acme), {"is_verified": True}, format="json")
    assert response.status_code == 200
    assert response.json()["is_verified"] is True


def test_kind_cannot_change(api_as, acme, olivia):
    response = api_as(olivia).patch(detail(acme), {"kind": "agency"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "kind": ["The kind of a company cannot change."]
    }


def test_update_bad_country_is_400_and_changes_nothing(api_as, acme, olivia):
    response = api_as(olivia).patch(
        detail(acme), {"hq_country": "ZZ", "industry": "Space"}, format="json"
    )

    assert response.status_code == 400
    acme.refresh_from_db()
    assert (acme.hq_country, acme.industry) == ("DE", "")


def test_delete_is_not_offered(api_as, acme, olivia):
    response = api_as(olivia).delete(detail(acme))

    assert response.status_code == 405
    assert Company.objects.filter(pk=acme.pk).exists()


# --- members ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["olivia", "tom"])
def test_members_see_the_team(
    api_as, acme, persona, request, django_assert_max_num_queries
):
    client = api_as(request.getfixturevalue(persona))

    with django_assert_max_num_queries(6):
        response = client.get(members(acme))

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["user"]["email"], r["role"]) for r in rows] == [
        ("olivia@acme.test", "owner"),
        ("tom@acme.test", "member"),
    ]
    assert set(rows[0]) == {"id", "user", "role", "joined_at"}


@pytest.mark.parametrize(("persona", "status"), [("eve", 403), ("sam", 403)])
def test_outsiders_and_staff_do_not_see_the_team(
    api_as, acme, globex, persona, status, request
):
    response = api_as(request.getfixturevalue(persona)).get(members(acme))

    assert response.status_code == status
    assert response.json()["error"]["message"] == (
        "Only members of this company can see its team."
    )


def test_anonymous_does_not_see_the_team(api, acme):
    assert api.get(members(acme)).status_code == 401


def test_owner_invites_by_email(
    api_as, acme, olivia, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(olivia).post(
            members(acme), {"email": "New@Example.com", "role": "admin"}, format="json"
        )

    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["role"], body["invited_by"]) == (
        "new@example.com",
        "admin",
        "olivia@acme.test",
    )
    assert "token" not in body
    assert [m.to for m in mailoutbox] == [["new@example.com"]]


def test_member_cannot_invite(api_as, acme, tom):
    response = api_as(tom).post(members(acme), {"email": "x@y.test"}, format="json")

    assert response.status_code == 403
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"email": "nope"}, {"email": ["Enter a valid email address."]}),
        (
            {"email": "x@y.test", "role": "boss"},
            {"role": ['"boss" is not a valid choice.']},
        ),
        (
            {"email": "tom@acme.test"},
            {"email": ["tom@acme.test is already on the team."]},
        ),
    ],
)
def test_bad_invitations_are_400(api_as, acme, olivia, payload, fields):
    response = api_as(olivia).post(members(acme), payload, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == fields
    assert Invitation.objects.count() == 0


def test_owner_changes_a_role(api_as, acme, olivia, tom):
    response = api_as(olivia).patch(
        member_url(acme, tom), {"role": "admin"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["role"] == "admin"
    assert team(acme)["tom@acme.test"] == "admin"


def test_demoting_the_last_owner_is_409(api_as, acme, olivia):
    response = api_as(olivia).patch(
        member_url(acme, olivia), {"role": "member"}, format="json"
    )

    assert response.status_code == 409
    assert response.json() == {
        "error": {"code": "conflict", "message": LAST_OWNER, "fields": {}}
    }
    assert team(acme)["olivia@acme.test"] == "owner"


def test_member_cannot_change_roles(api_as, acme, olivia, tom):
    response = api_as(tom).patch(
        member_url(acme, tom), {"role": "owner"}, format="json"
    )

    assert response.status_code == 403
    assert team(acme)["tom@acme.test"] == "member"


def test_bad_role_is_400(api_as, acme, olivia, tom):
    response = api_as(olivia).patch(
        member_url(acme, tom), {"role": "god"}, format="json"
    )

    assert response.status_code == 400


def test_membership_of_another_company_is_404(api_as, acme, globex, olivia, eve):
    response = api_as(olivia).delete(
        member_url(globex, eve).replace(f"/{globex.pk}/", f"/{acme.pk}/")
    )

    assert response.status_code == 404
    assert team(globex) == {"eve@globex.test": "owner"}


def test_owner_removes_a_member(api_as, acme, olivia, tom):
    response = api_as(olivia).delete(member_url(acme, tom))

    assert response.status_code == 204
    assert team(acme) == {"olivia@acme.test": "owner"}


def test_member_leaves_by_deleting_their_own_membership(api_as, acme, tom):
    response = api_as(tom).delete(member_url(acme, tom))

    assert response.status_code == 204
    assert team(acme) == {"olivia@acme.test": "owner"}


def test_member_cannot_remove_the_owner(api_as, acme, olivia, tom):
    response = api_as(tom).delete(member_url(acme, olivia))

    assert response.status_code == 403
    assert len(team(acme)) == 2


def test_last_owner_cannot_leave(api_as, acme, olivia):
    response = api_as(olivia).delete(member_url(acme, olivia))

    assert response.status_code == 409
    assert response.json()["error"]["message"] == LAST_OWNER


# --- invitations --------------------------------------------------------------------


def test_owner_lists_and_revokes_invitations(api_as, acme, olivia, tom):
    invitation = services.invitation_create(user=olivia, company=acme, email="x@y.test")

    assert api_as(tom).get(f"{detail(acme)}invitations/").status_code == 403
    response = api_as(olivia).get(f"{detail(acme)}invitations/")
    assert [row["email"] for row in response.json()["results"]] == ["x@y.test"]

    response = api_as(olivia).delete(f"{detail(acme)}invitations/{invitation.pk}/")
    assert response.status_code == 204
    assert Invitation.objects.count() == 0


def test_invited_user_accepts_through_the_api(api_as, acme, olivia, bob, alice):
    invitation = services.invitation_create(
        user=olivia, company=acme, email="bob@example.com"
    )
    url = f"/api/v1/invitations/{invitation.token}/accept/"

    assert api_as(alice).post(url).status_code == 403
    response = api_as(bob).post(url)
    assert response.status_code == 201
    assert response.json()["role"] == "member"
    assert team(acme)["bob@example.com"] == "member"
    assert api_as(bob).post(url).status_code == 400


def test_unknown_invitation_token_is_404(api_as, bob):
    assert api_as(bob).post("/api/v1/invitations/nope/accept/").status_code == 404


# --- logo ---------------------------------------------------------------------------


def logo_url(company):
    return f"{detail(company)}logo/"


def test_owner_uploads_a_logo(api_as, acme, olivia, media):
    upload = SimpleUploadedFile("logo.webp", image_bytes("WEBP"), "image/webp")

    response = api_as(olivia).post(logo_url(acme), {"file": upload}, format="multipart")

    assert response.status_code == 200
    logo = response.json()["logo"]
    assert logo["small"].startswith("/media/logos/")
    assert logo["small"].endswith("-64.webp")
    assert logo["large"].endswith("-256.webp")
    assert logo["original"].endswith(".webp")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "x.png",
            b"plain text",
            "Upload a PNG, JPEG or WebP image; this file is not one.",
        ),
        (
            "x.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "Upload a PNG, JPEG or WebP image; this file is not one.",
        ),
    ],
)
def test_bad_logo_is_400(api_as, acme, olivia, media, name, data, message):
    upload = SimpleUploadedFile(name, data, "image/png")

    response = api_as(olivia).post(logo_url(acme), {"file": upload}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"file": [message]}
    assert Company.objects.get(pk=acme.pk).logo.name == ""


def test_logo_upload_without_a_file_is_400(api_as, acme, olivia, media):
    response = api_as(olivia).post(logo_url(acme), {}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"file": ["No file was submitted."]}


@pytest.mark.parametrize("persona", ["tom", "eve", "sam"])
def test_others_cannot_upload_a_logo(api_as, acme, globex, media, persona, request):
    upload = SimpleUploadedFile("logo.png", image_bytes(), "image/png")

    response = api_as(request.getfixturevalue(persona)).post(
        logo_url(acme), {"file": upload}, format="multipart"
    )

    assert response.status_code == 403
    assert Company.objects.get(pk=acme.pk).logo.name == ""


def test_anonymous_cannot_upload_a_logo(api, acme, media):
    upload = SimpleUploadedFile("logo.png", image_bytes(), "image/png")

    assert (
        api.post(logo_url(acme), {"file": upload}, format="multipart").status_code
        == 401
    )


def test_owner_removes_the_logo(api_as, acme, olivia, media):
    client = api_as(olivia)
    client.post(
        logo_url(acme),
        {"file": SimpleUploadedFile("l.png", image_bytes(), "image/png")},
        format="multipart",
    )

    response = client.delete(logo_url(acme))

    assert response.status_code == 200
    assert response.json()["logo"] == {"original": None, "large": None, "small": None}
