"""The client consents: an agency's engagement with an
existing employer is a proposal that the client's owner or admin accepts or
declines; the client may engage an agency itself; either side ends it, and
ending takes the agency's jobs for the client down. Services, API and pages,
per persona:

rita (agency owner) · rex (agency teammate) · olivia (client owner) ·
adam (client admin) · tom (client member) · eve (outsider employer) ·
ivan (another agency's owner) · alice (candidate) · anonymous · sam (staff)
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies.models import MembershipRole
from companies.tests.factories import MembershipFactory
from hotgigs.errors import Conflict
from jobs.models import Job
from jobs.tests.factories import JobFactory
from notifications.models import Notification
from recruiters import services
from recruiters.models import ClientEngagement

BASE = "/api/v1/recruiters"
TERMS = {"fee_type": "percent", "fee_percent": "20.00", "currency": "EUR"}


@pytest.fixture
def adam(acme):
    user = UserFactory(
        email="adam@acme.test", full_name="Adam Admin", role=Role.EMPLOYER
    )
    MembershipFactory(company=acme, user=user, role=MembershipRole.ADMIN)
    return user


@pytest.fixture
def proposal(rita, rex, agency, acme, adam, django_capture_on_commit_callbacks):
    """rita proposes to Acme (adam exists, so Acme has an owner and an admin)."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.engagement_create(
            user=rita, agency=agency, client=acme, recruiters=[rita, rex], **TERMS
        )


def _notes(kind="engagement"):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__email", "title")
    )


def _error(response):
    return response.json()["error"]


# --- services -------------------------------------------------------------------


def test_a_proposal_waits_for_the_client_and_tells_its_owners_and_admins(proposal):
    assert (proposal.status, proposal.unclaimed_client, proposal.responded_at) == (
        "proposed",
        False,
        None,
    )
    title = "Hire Partners proposes to recruit for Acme"
    assert _notes() == [("adam@acme.test", title), ("olivia@acme.test", title)]


def test_a_proposal_allows_no_jobs_and_no_submissions(proposal, rita, alice, acme):
    """Regression: the agency published jobs under any employer's
    name without the employer agreeing."""
    with pytest.raises(Conflict):
        services.job_create_for_client(
            user=rita, engagement=proposal, data={"title": "Forged job"}
        )
    job = JobFactory(company=acme, published=True)
    with pytest.raises(Conflict):
        services.submission_create(
            user=rita, engagement=proposal, job=job, candidate=alice
        )
    assert not Job.objects.filter(title="Forged job").exists()


@pytest.mark.parametrize("persona", ["olivia", "adam"])
def test_the_clients_owner_or_admin_accepts(
    request, proposal, persona, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(persona)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.engagement_accept(user=user, engagement=proposal)
    engagement.refresh_from_db()
    assert (engagement.status, engagement.responded_by) == ("active", user)
    assert engagement.responded_at is not None
    accepted = [n for n in _notes() if n[1] == "Acme accepted your engagement"]
    # The agency's owner and its recruiters on the engagement hear of it.
    assert accepted == [
        ("rex@agency.test", "Acme accepted your engagement"),
        ("rita@agency.test", "Acme accepted your engagement"),
    ]
    job = services.job_create_for_client(
        user=engagement.created_by, engagement=engagement, data={"title": "Real job"}
    )
    assert (job.company.slug, job.agency.slug) == ("acme", "hire-partners")


@pytest.mark.parametrize("persona", ["tom", "rita", "rex", "eve", "ivan", "alice"])
def test_nobody_else_answers_a_proposal(request, proposal, persona):
    user = request.getfixturevalue(persona)
    for service in (services.engagement_accept, services.engagement_decline):
        with pytest.raises(PermissionDenied):
            service(user=user, engagement=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_staff_answer_from_the_admin(proposal, sam):
    assert services.engagement_accept(user=sam, engagement=proposal).status == "active"


def test_decline_then_a_new_proposal(
    proposal, olivia, rita, agency, acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        declined = services.engagement_decline(user=olivia, engagement=proposal)
    assert (declined.status, declined.responded_by) == ("declined", olivia)
    assert ("rita@agency.test", "Acme declined your engagement") in _notes()
    with pytest.raises(Conflict):
        services.engagement_accept(user=olivia, engagement=declined)
    with pytest.raises(Conflict):
        services.engagement_update(user=rita, engagement=declined, guarantee_days=10)
    again = services.engagement_create(user=rita, agency=agency, client=acme, **TERMS)
    assert again.status == "proposed"


def test_one_open_proposal_per_agency_and_client(proposal, rita, agency, acme):
    with pytest.raises(Conflict):
        services.engagement_create(user=rita, agency=agency, client=acme, **TERMS)


def test_answering_twice_is_a_conflict(proposal, olivia, adam):
    services.engagement_accept(user=olivia, engagement=proposal)
    with pytest.raises(Conflict):
        services.engagement_accept(user=adam, engagement=proposal)
    with pytest.raises(Conflict):
        services.engagement_decline(user=adam, engagement=proposal)


def test_a_proposals_terms_are_fixed_but_its_recruiters_are_not(proposal, rita):
    with pytest.raises(Conflict):
        services.engagement_update(user=rita, engagement=proposal, fee_percent="30")
    with pytest.raises(Conflict):
        services.engagement_update(user=rita, engagement=proposal, status="active")
    services.engagement_update(user=rita, engagement=proposal, recruiters=[rita])
    proposal.refresh_from_db()
    assert (proposal.status, [u.email for u in proposal.recruiters.all()]) == (
        "proposed",
        ["rita@agency.test"],
    )


def test_the_agency_withdraws_a_proposal(
    proposal, rita, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ended = services.engagement_end(user=rita, engagement=proposal)
    assert (ended.status, ended.ended_by) == ("ended", rita)
    assert (
        "olivia@acme.test",
        "Hire Partners withdrew its proposal to recruit for Acme",
    ) in _notes()


def _agency_jobs(engagement):
    kinds = {}
    for status in ("draft", "published", "paused"):
        kinds[status] = JobFactory(
            company=engagement.client,
            agency=engagement.agency,
            title=f"{status} job",
            published=status != "draft",
        )
    kinds["paused"].status = "paused"
    kinds["paused"].save(update_fields=["status"])
    return kinds


@pytest.mark.parametrize("persona", ["olivia", "adam"])
def test_the_client_ends_it_and_the_agencys_jobs_close(
    request, engagement, persona, acme, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(persona)
    jobs = _agency_jobs(engagement)
    own_job = JobFactory(company=acme, title="Acme's own job", published=True)
    with django_capture_on_commit_callbacks(execute=True):
        ended = services.engagement_end(user=user, engagement=engagement)
    assert (ended.status, ended.ended_by) == ("ended", user)
    statuses = dict(
        Job.objects.filter(
            pk__in=[j.pk for j in jobs.values()] + [own_job.pk]
        ).values_list("title", "status")
    )
    assert statuses == {
        "draft job": "draft",
        "published job": "closed",
        "paused job": "closed",
        "Acme's own job": "published",
    }
    assert (
        "rita@agency.test",
        "Acme ended the engagement with Hire Partners",
    ) in _notes()
    with pytest.raises(Conflict):
        services.engagement_end(user=user, engagement=ended)


def test_the_agency_ends_it_and_the_client_hears_of_it(
    engagement, rita, django_capture_on_commit_callbacks
):
    _agency_jobs(engagement)
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_end(user=rita, engagement=engagement)
    notes = [n for n in _notes() if "ended its engagement" in n[1]]
    # The client's owner and admin hear of it, not its plain member (tom).
    assert notes == [
        ("adam@acme.test", "Hire Partners ended its engagement with Acme"),
        ("olivia@acme.test", "Hire Partners ended its engagement with Acme"),
    ]
    body = Notification.objects.get(
        recipient__email="olivia@acme.test", title__contains="ended"
    ).body
    assert body == "2 job(s) the agency ran for the client are closed."


def test_staff_end_it_and_both_sides_hear_of_it(
    engagement, sam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_end(user=sam, engagement=engagement)
    title = "HotGigs ended the engagement of Hire Partners with Acme"
    assert [n for n in _notes() if n[1] == title] == [
        ("adam@acme.test", title),
        ("olivia@acme.test", title),
        ("rex@agency.test", title),
        ("rita@agency.test", title),
    ]


@pytest.mark.parametrize("persona", ["tom", "rex", "eve", "ivan", "alice"])
def test_nobody_else_ends_it(request, engagement, persona):
    with pytest.raises(PermissionDenied):
        services.engagement_end(
            user=request.getfixturevalue(persona), engagement=engagement
        )


def test_a_company_the_agency_lists_itself_is_active_at_once(rita, agency, ivan):
    listed = services.engagement_create(
        user=rita, agency=agency, client_name="Initech", **TERMS
    )
    assert (listed.status, listed.unclaimed_client) == ("active", True)
    services.engagement_end(user=rita, engagement=listed)
    # Still nobody to ask: the same agency may work for it again at once…
    again = services.engagement_create(
        user=rita, agency=agency, client=listed.client, **TERMS
    )
    assert (again.status, again.unclaimed_client) == ("active", True)
    # …but another agency may not act for a company it did not list.
    other = services.engagement_create(
        user=ivan, agency=ivan.companies.get(), client=listed.client, **TERMS
    )
    assert (other.status, other.unclaimed_client) == ("proposed", False)


def test_a_listed_company_that_gets_members_is_asked(rita, agency, olivia):
    listed = services.engagement_create(
        user=rita, agency=agency, client_name="Initech", **TERMS
    )
    services.engagement_end(user=rita, engagement=listed)
    MembershipFactory(company=listed.client, user=olivia, role=MembershipRole.OWNER)
    again = services.engagement_create(
        user=rita, agency=agency, client=listed.client, **TERMS
    )
    assert again.status == "proposed"


def test_the_client_engages_an_agency_itself(
    olivia, rita, rex, agency, acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.engagement_create_by_client(
            user=olivia, client=acme, agency=agency, **TERMS
        )
    assert (engagement.status, engagement.responded_by, engagement.created_by) == (
        "active",
        olivia,
        olivia,
    )
    # The agency's owners and admins hear of it (rex is a plain member).
    assert _notes() == [
        ("rita@agency.test", "Acme engaged Hire Partners as a recruiting agency")
    ]


@pytest.mark.parametrize("persona", ["tom", "rita", "eve", "alice"])
def test_only_the_clients_owner_or_admin_engages(request, persona, agency, acme):
    with pytest.raises(PermissionDenied):
        services.engagement_create_by_client(
            user=request.getfixturevalue(persona), client=acme, agency=agency, **TERMS
        )


def test_the_client_engages_only_an_agency(olivia, acme, globex):
    with pytest.raises(ValidationError) as exc:
        services.engagement_create_by_client(
            user=olivia, client=acme, agency=globex, **TERMS
        )
    assert exc.value.message_dict == {"agency": ["Choose a recruiting agency."]}


# --- API: the agency's side ---------------------------------------------------


def test_api_agency_proposal_is_201_proposed_and_unusable(
    api_as, rita, agency, acme, olivia
):
    """Regression: POST /recruiters/clients/ answered 201 with an
    active engagement, without the employer agreeing."""
    response = api_as(rita).post(
        f"{BASE}/clients/", {"client": "acme", **TERMS}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "proposed"
    engagement = ClientEngagement.objects.get()
    assert not services.permissions.can_act_for_engagement(rita, engagement)


@pytest.mark.parametrize(
    ("client_slug", "field", "message"),
    [
        ("no-such-company", "client", "No company has this slug."),
        ("hire-partners", "client", "A client is an employer company."),
        ("acme\x00x", "client", None),
        ("", "client", "This field may not be blank."),
    ],
)
def test_api_agency_proposal_bad_client(
    api_as, rita, agency, acme, client_slug, field, message
):
    response = api_as(rita).post(
        f"{BASE}/clients/", {"client": client_slug, **TERMS}, format="json"
    )
    assert response.status_code == 400
    fields = _error(response)["fields"]
    assert list(fields) == [field]
    if message:
        assert fields[field] == [message]


def test_api_recruiters_of_unknown_id_and_outsider_answer_alike(
    api_as, rita, engagement, olivia
):
    url = f"{BASE}/clients/{engagement.pk}/"
    missing = api_as(rita).patch(url, {"recruiters": [987654]}, format="json")
    outsider = api_as(rita).patch(url, {"recruiters": [olivia.pk]}, format="json")
    assert (missing.status_code, outsider.status_code) == (400, 400)
    assert _error(missing) == _error(outsider)


def test_api_agency_cannot_edit_a_proposals_terms(api_as, rita, proposal):
    response = api_as(rita).patch(
        f"{BASE}/clients/{proposal.pk}/", {"fee_percent": "35.00"}, format="json"
    )
    assert response.status_code == 409


def test_api_agency_withdraws_a_proposal(api_as, rita, proposal):
    assert api_as(rita).delete(f"{BASE}/clients/{proposal.pk}/").status_code == 204
    proposal.refresh_from_db()
    assert proposal.status == "ended"


# --- API: the client's side -----------------------------------------------------


def _engagement_list(client):
    response = client.get(f"{BASE}/agency-engagements/")
    assert response.status_code == 200
    return [(e["agency"]["slug"], e["status"]) for e in response.json()["results"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("olivia", [("hire-partners", "proposed")]),
        ("adam", [("hire-partners", "proposed")]),
        ("tom", [("hire-partners", "proposed")]),
        ("eve", []),
        ("rita", []),
        ("rex", []),
        ("ivan", []),
        ("alice", []),
        ("sam", []),
    ],
)
def test_api_client_side_list_per_persona(
    request, api_as, proposal, globex, persona, expected
):
    assert _engagement_list(api_as(request.getfixturevalue(persona))) == expected


def test_api_client_side_anonymous(api, proposal):
    assert api.get(f"{BASE}/agency-engagements/").status_code == 401
    for action in ("accept", "decline", "end"):
        url = f"{BASE}/agency-engagements/{proposal.pk}/{action}/"
        assert api.post(url).status_code == 401


def test_api_client_side_detail_shape(api_as, olivia, proposal):
    body = api_as(olivia).get(f"{BASE}/agency-engagements/{proposal.pk}/").json()
    assert (body["agency"], body["client"]["slug"], body["status"]) == (
        {"id": proposal.agency_id, "name": "Hire Partners", "slug": "hire-partners"},
        "acme",
        "proposed",
    )
    assert (body["fee_type"], body["fee_percent"], body["guarantee_days"]) == (
        "percent",
        "20.00",
        90,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("olivia", 200),
        ("adam", 200),
        ("tom", 403),
        ("eve", 404),
        ("rita", 404),
        ("rex", 404),
        ("ivan", 404),
        ("alice", 404),
        ("sam", 404),
    ],
)
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_api_answer_per_persona(request, api_as, proposal, persona, status, action):
    user = request.getfixturevalue(persona)
    response = api_as(user).post(f"{BASE}/agency-engagements/{proposal.pk}/{action}/")
    assert response.status_code == status
    proposal.refresh_from_db()
    expected = {"accept": "active", "decline": "declined"}[action]
    assert proposal.status == (expected if status == 200 else "proposed")
    if status == 200:
        assert response.json()["status"] == expected


def test_api_answer_wrong_state_is_409(api_as, olivia, engagement, proposal):
    # `engagement` is accepted already; `proposal` is the same row here.
    for action in ("accept", "decline"):
        response = api_as(olivia).post(
            f"{BASE}/agency-engagements/{engagement.pk}/{action}/"
        )
        assert response.status_code == 409
        assert _error(response)["message"] == (
            "This proposal has already been answered or withdrawn."
        )


@pytest.mark.parametrize("pk", ["0", "987654", "999999999999999999"])
def test_api_missing_engagement_is_404(api_as, olivia, proposal, pk):
    response = api_as(olivia).post(f"{BASE}/agency-engagements/{pk}/accept/")
    assert response.status_code == 404


def test_api_bad_pk_shapes_are_404(api_as, olivia, proposal):
    for pk in ("abc", "-1", "1" * 30):
        response = api_as(olivia).post(f"{BASE}/agency-engagements/{pk}/accept/")
        assert response.status_code == 404, pk
    # A NUL anywhere in the address is refused before routing.
    response = api_as(olivia).post(f"{BASE}/agency-engagements/1%00/accept/")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("persona", "status"),
    [("olivia", 200), ("adam", 200), ("tom", 403), ("eve", 404), ("rita", 404)],
)
def test_api_client_ends_per_persona(
    request, api_as, engagement, client_job, persona, status
):
    response = api_as(request.getfixturevalue(persona)).post(
        f"{BASE}/agency-engagements/{engagement.pk}/end/"
    )
    assert response.status_code == status
    client_job.refresh_from_db()
    engagement.refresh_from_db()
    if status == 200:
        assert (response.json()["status"], client_job.status) == ("ended", "closed")
    else:
        assert (engagement.status, client_job.status) == ("active", "published")


def test_api_end_twice_is_409(api_as, olivia, engagement):
    url = f"{BASE}/agency-engagements/{engagement.pk}/end/"
    assert api_as(olivia).post(url).status_code == 200
    response = api_as(olivia).post(url)
    assert response.status_code == 409
    assert _error(response)["message"] == "This engagement has already ended."


@pytest.mark.parametrize("persona", ["olivia", "adam"])
def test_api_client_creates_an_active_engagement(
    request, api_as, agency, acme, persona
):
    response = api_as(request.getfixturevalue(persona)).post(
        f"{BASE}/agency-engagements/",
        {"agency": "hire-partners", **TERMS, "guarantee_days": 60},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (
        body["agency"]["slug"],
        body["client"]["slug"],
        body["status"],
        body["guarantee_days"],
        body["recruiters"],
    ) == ("hire-partners", "acme", "active", 60, [])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("tom", 403),
        ("rita", 403),
        ("rex", 403),
        ("ivan", 403),
        ("alice", 403),
        ("sam", 403),
    ],
)
def test_api_client_create_refused(request, api_as, agency, acme, persona, status):
    response = api_as(request.getfixturevalue(persona)).post(
        f"{BASE}/agency-engagements/",
        {"agency": "hire-partners", **TERMS},
        format="json",
    )
    assert response.status_code == status
    assert not ClientEngagement.objects.exists()


def test_api_client_create_anonymous(api, agency):
    response = api.post(f"{BASE}/agency-engagements/", {"agency": "hire-partners"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, {"agency": ["This field is required."]}),
        (
            {"agency": "no-such-agency"},
            {"agency": ["No recruiting agency has this slug."]},
        ),
        ({"agency": "globex"}, {"agency": ["No recruiting agency has this slug."]}),
        (
            {"agency": "hire-partners", "client": "globex"},
            {"client": ["You do not manage this company."]},
        ),
        (
            {"agency": "hire-partners", "client": "no-such"},
            {"client": ["You do not manage this company."]},
        ),
        (
            {"agency": "hire-partners", "fee_type": "flat"},
            {"flat_fee": ["Give the flat fee."]},
        ),
        ({"agency": "hire-partners", "fee_percent": "101"}, None),
        ({"agency": "hire-partners", "currency": "EURO"}, None),
        ({"agency": "hire\x00partners"}, None),
        ({"agency": "hire-partners", "client": "acme\x00"}, None),
        ({"agency": "hire-partners", "contact_name": "Olivia\x00"}, None),
        ({"agency": ["hire-partners"]}, None),
    ],
)
def test_api_client_create_bad_input(
    api_as, olivia, acme, agency, globex, payload, fields
):
    body = {**TERMS, **payload} if payload else {}
    response = api_as(olivia).post(f"{BASE}/agency-engagements/", body, format="json")
    assert response.status_code == 400
    if fields is not None:
        assert _error(response)["fields"] == fields
    assert not ClientEngagement.objects.exists()


def test_api_client_create_twice_is_409(api_as, olivia, agency, acme, proposal):
    response = api_as(olivia).post(
        f"{BASE}/agency-engagements/", {"agency": "hire-partners", **TERMS}
    )
    assert response.status_code == 409
    assert _error(response)["message"] == (
        "Hire Partners already has an open engagement with Acme."
    )


# --- pages ----------------------------------------------------------------------


def _page(client, user):
    client.force_login(user)
    return client


def test_page_client_lists_proposals_with_buttons(client, olivia, proposal):
    response = _page(client, olivia).get("/agency-engagements/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Proposals waiting for you" in html
    assert f'action="/agency-engagements/{proposal.pk}/accept/"' in html
    assert f'action="/agency-engagements/{proposal.pk}/decline/"' in html
    assert "20.00% of first-year salary" in html


def test_page_member_sees_but_cannot_answer(client, tom, proposal):
    response = _page(client, tom).get("/agency-engagements/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hire Partners" in html
    assert "/accept/" not in html
    assert (
        _page(client, tom)
        .post(f"/agency-engagements/{proposal.pk}/accept/")
        .status_code
        == 403
    )


@pytest.mark.parametrize("persona", ["eve", "rita", "ivan", "alice"])
def test_page_others_see_nothing(client, request, proposal, persona):
    user = request.getfixturevalue(persona)
    response = _page(client, user).get("/agency-engagements/")
    assert response.status_code == 200
    assert "Hire Partners" not in response.content.decode()
    response = client.post(f"/agency-engagements/{proposal.pk}/accept/")
    assert response.status_code == 404


def test_page_anonymous_is_sent_to_login(client, proposal):
    assert client.get("/agency-engagements/").status_code == 302
    assert client.post(f"/agency-engagements/{proposal.pk}/accept/").status_code == 302
    assert client.get("/agency-engagements/new/").status_code == 302


@pytest.mark.parametrize(
    ("action", "status"), [("accept", "active"), ("decline", "declined")]
)
def test_page_owner_answers(client, olivia, proposal, action, status):
    response = _page(client, olivia).post(
        f"/agency-engagements/{proposal.pk}/{action}/", follow=True
    )
    assert response.redirect_chain == [("/agency-engagements/", 302)]
    proposal.refresh_from_db()
    assert proposal.status == status


def test_page_answer_twice_shows_the_conflict(client, olivia, proposal):
    _page(client, olivia).post(f"/agency-engagements/{proposal.pk}/accept/")
    response = client.post(f"/agency-engagements/{proposal.pk}/decline/", follow=True)
    assert "This proposal has already been answered or withdrawn." in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.status == "active"


def test_page_unknown_action_is_404(client, olivia, proposal):
    response = _page(client, olivia).post(f"/agency-engagements/{proposal.pk}/nope/")
    assert response.status_code == 404
    assert client.get(f"/agency-engagements/{proposal.pk}/accept/").status_code == 405


def test_page_owner_ends_and_jobs_close(client, olivia, engagement, client_job):
    response = _page(client, olivia).post(f"/agency-engagements/{engagement.pk}/end/")
    assert response.status_code == 302
    client_job.refresh_from_db()
    engagement.refresh_from_db()
    assert (engagement.status, client_job.status) == ("ended", "closed")


def test_page_engage_an_agency(client, olivia, agency, acme):
    page = _page(client, olivia).get("/agency-engagements/new/")
    assert page.status_code == 200
    response = client.post(
        "/agency-engagements/new/",
        {
            "client": acme.pk,
            "agency": "Hire-Partners ",
            "fee_type": "percent",
            "fee_percent": "15",
            "currency": "EUR",
            "guarantee_days": 30,
            "payment_terms_days": 14,
        },
    )
    assert response.status_code == 302
    engagement = ClientEngagement.objects.get()
    assert (engagement.status, engagement.fee_percent, engagement.created_by) == (
        "active",
        15,
        olivia,
    )


@pytest.mark.parametrize(
    ("agency_value", "error"),
    [
        ("no-such", "No recruiting agency has this address."),
        ("globex", "No recruiting agency has this address."),
        ("hire\x00partners", "Null characters are not allowed."),
        ("", "This field is required."),
    ],
)
def test_page_engage_bad_agency(
    client, olivia, agency, acme, globex, agency_value, error
):
    response = _page(client, olivia).post(
        "/agency-engagements/new/",
        {
            "client": acme.pk,
            "agency": agency_value,
            "fee_type": "percent",
            "fee_percent": "15",
            "currency": "EUR",
            "guarantee_days": 30,
            "payment_terms_days": 14,
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ClientEngagement.objects.exists()


def test_page_engage_another_company_is_refused(client, olivia, agency, acme, globex):
    response = _page(client, olivia).post(
        "/agency-engagements/new/",
        {
            "client": globex.pk,
            "agency": "hire-partners",
            "fee_type": "percent",
            "fee_percent": "15",
            "currency": "EUR",
            "guarantee_days": 30,
            "payment_terms_days": 14,
        },
    )
    assert response.status_code == 200
    assert not ClientEngagement.objects.exists()


@pytest.mark.parametrize("persona", ["tom", "rita", "alice", "sam"])
def test_page_engage_refused(client, request, agency, acme, persona):
    response = _page(client, request.getfixturevalue(persona)).get(
        "/agency-engagements/new/"
    )
    assert response.status_code == 403


def test_agency_page_cannot_post_jobs_for_a_proposal(client, rita, proposal):
    _page(client, rita)
    url = f"/recruiter/clients/{proposal.pk}/jobs/new/"
    response = client.post(url, {"title": "Forged"}, follow=True)
    assert response.redirect_chain == [(f"/recruiter/clients/{proposal.pk}/", 302)]
    assert not Job.objects.exists()
    detail = client.get(f"/recruiter/clients/{proposal.pk}/").content.decode()
    assert "must accept this proposal" in detail
    assert "Post a job for Acme" not in detail


def test_agency_page_proposal_message(client, rita, agency, acme):
    response = _page(client, rita).post(
        "/recruiter/clients/new/",
        {
            "client": "acme",
            "fee_type": "percent",
            "fee_percent": "20",
            "currency": "EUR",
            "guarantee_days": 90,
            "payment_terms_days": 30,
            "recruiters": [rita.pk],
        },
        follow=True,
    )
    assert "Your proposal is sent to Acme." in response.content.decode()
    assert ClientEngagement.objects.get().status == "proposed"


def test_admin_answers_proposals(client, sam, proposal):
    client.force_login(sam)
    response = client.post(
        "/admin/recruiters/clientengagement/",
        {"action": "accept_proposals", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.responded_by) == ("active", sam)
