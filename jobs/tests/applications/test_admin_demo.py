"""Admin pages of applications and the idempotent demo data."""

from jobs.models import Application, ApplicationEvent, Stage
from jobs.tests.applications.conftest import make_application


def test_admin_lists_filters_and_shows_history(
    client, sam, alice, alice_application, acme
):
    client.force_login(sam)
    response = client.get(
        f"/admin/jobs/application/?stage=applied&job__company__id__exact={acme.pk}"
    )
    assert response.status_code == 200
    assert "alice@example.com" in response.content.decode()
    change = client.get(f"/admin/jobs/application/{alice_application.pk}/change/")
    assert change.status_code == 200
    assert "Application events" in change.content.decode()
    for url in (
        "/admin/jobs/interview/",
        "/admin/jobs/applicationnote/",
        "/admin/jobs/savedjob/",
    ):
        assert client.get(url).status_code == 200


def test_admin_action_moves_through_the_service(client, sam, acme_job, alice, bob):
    a = make_application(acme_job, alice)
    hired = make_application(acme_job, bob, stage=Stage.HIRED)
    client.force_login(sam)
    client.post(
        "/admin/jobs/application/",
        {"action": "move_to_screening", "_selected_action": [a.pk, hired.pk]},
    )
    assert dict(Application.objects.values_list("pk", "stage")) == {
        a.pk: "screening",
        hired.pk: "hired",
    }
    event = ApplicationEvent.objects.filter(application=a).last()
    assert (event.from_stage, event.to_stage, event.actor_id) == (
        "applied",
        "screening",
        sam.pk,
    )


def test_non_staff_cannot_use_the_admin(client, olivia):
    client.force_login(olivia)
    assert client.get("/admin/jobs/application/").status_code == 302


def test_demo_seeds_every_stage_once(db):
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = sorted(
        Application.objects.values_list("candidate__email", "job_id", "stage")
    )
    assert {stage for _, _, stage in first} == set(Stage.values)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        sorted(Application.objects.values_list("candidate__email", "job_id", "stage"))
        == first
    )


def test_event_titles_read_as_stage_labels():
    first = ApplicationEvent(from_stage="", to_stage=Stage.APPLIED)
    move = ApplicationEvent(from_stage=Stage.SCREENING, to_stage=Stage.INTERVIEW)

    assert (str(first), str(move)) == ("Applied", "Screening → Interview")
