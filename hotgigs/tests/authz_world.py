"""The objects the authorisation matrix requests, one of each kind, owned by the
conftest personas (see hotgigs/tests/authz_matrix.py for who is who)."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies.models import CompanyKind, MembershipRole
from companies.tests.factories import CompanyFactory, MembershipFactory


def build_personas():
    """The conftest personas and their companies (conftest.py's fixtures, same
    fields), for a world built outside a test function (test_fuzz_api.py)."""
    alice = UserFactory(email="alice@example.com", full_name="Alice Candidate")
    bob = UserFactory(email="bob@example.com", full_name="Bob Candidate")
    olivia = UserFactory(
        email="olivia@acme.test", full_name="Olivia Owner", role=Role.EMPLOYER
    )
    tom = UserFactory(
        email="tom@acme.test", full_name="Tom Teammate", role=Role.EMPLOYER
    )
    eve = UserFactory(
        email="eve@globex.test", full_name="Eve Outsider", role=Role.EMPLOYER
    )
    rita = UserFactory(
        email="rita@agency.test", full_name="Rita Recruiter", role=Role.RECRUITER
    )
    sam = UserFactory(
        email="sam@hotgigs.test",
        full_name="Sam Staff",
        is_staff=True,
        is_superuser=True,
    )
    acme = CompanyFactory(name="Acme", slug="acme")
    MembershipFactory(company=acme, user=olivia, role=MembershipRole.OWNER)
    MembershipFactory(company=acme, user=tom, role=MembershipRole.MEMBER)
    globex = CompanyFactory(name="Globex", slug="globex")
    MembershipFactory(company=globex, user=eve, role=MembershipRole.OWNER)
    agency = CompanyFactory(
        name="Hire Partners", slug="hire-partners", kind=CompanyKind.AGENCY
    )
    MembershipFactory(company=agency, user=rita, role=MembershipRole.OWNER)
    return {
        "alice": alice,
        "bob": bob,
        "olivia": olivia,
        "tom": tom,
        "eve": eve,
        "rita": rita,
        "sam": sam,
        "acme": acme,
        "globex": globex,
        "agency": agency,
    }


def build_world(*, alice, bob, olivia, tom, eve, rita, sam, acme, globex, agency):
    from candidates import services as candidate_services
    from candidates.models import Education, SavedCandidateSearch, WorkExperience
    from candidates.tests.factories import make_profile
    from companies.models import Invitation, Membership
    from jobs.models import SavedSearch
    from jobs.services.applications import application_transition, saved_job_add
    from jobs.services.interviews import interview_schedule
    from jobs.tests.applications.conftest import make_application, make_document
    from jobs.tests.factories import JobFactory
    from matching.models import Occupation
    from matching.tests.factories import SkillFactory
    from notifications.messaging import conversation_start_for_application
    from notifications.models import Notification
    from notifications.services import unsubscribe_token
    from recruiters import services as recruiter_services

    ivan = UserFactory(
        email="ivan@other.test", full_name="Ivan Other", role=Role.RECRUITER
    )
    other_agency = CompanyFactory(
        name="Other Agency", slug="other-agency", kind=CompanyKind.AGENCY
    )
    MembershipFactory(company=other_agency, user=ivan, role=MembershipRole.OWNER)

    skill = SkillFactory(name="Python", slug="python")
    occupation = Occupation.objects.create(
        code="15-1252.00", title="Software Developers", field="tech"
    )
    alice_profile = make_profile(alice, headline="Backend developer")
    bob_profile = make_profile(bob, headline="Data analyst")
    candidate_services.candidate_skill_save(
        profile=alice_profile, name="Python", level=4, years=3
    )
    alice_skill = alice_profile.skills.get()
    experience = WorkExperience.objects.create(
        profile=alice_profile,
        title="Engineer",
        employer_name="Initech",
        start_date=datetime.date(2020, 1, 1),
    )
    education = Education.objects.create(profile=alice_profile, school="TU Berlin")

    engagement = recruiter_services.engagement_create(
        user=rita,
        agency=agency,
        client=acme,
        fee_type="percent",
        fee_percent="20.00",
        currency="EUR",
        guarantee_days=90,
        contact_name="Olivia Owner",
        contact_email="olivia@acme.test",
        recruiters=[rita],
    )
    engagement = recruiter_services.engagement_accept(
        user=olivia, engagement=engagement
    )
    job = JobFactory(
        company=acme,
        agency=agency,
        posted_by=olivia,
        title="Backend Engineer",
        slug="backend-engineer",
        published=True,
        openings=3,
    )
    placed_job = JobFactory(
        company=acme, agency=agency, posted_by=rita, slug="placed-role", published=True
    )
    pending_job = JobFactory(
        company=acme, agency=agency, posted_by=rita, slug="pending-role", published=True
    )
    globex_job = JobFactory(company=globex, slug="globex-analyst", published=True)

    document = make_document(alice, is_default=True, name="Alice CV")
    document.extracted_text = "Alice Candidate\nSkills: Python, Django\n"
    document.save(update_fields=["extracted_text"])
    # The bytes behind the row, so that an authorised download answers 200.
    from django.core.files.base import ContentFile

    from documents.services import private_storage

    private_storage().save(document.blob.storage_name, ContentFile(b"%PDF-1.4\n"))
    application = make_application(job, alice)
    interview = interview_schedule(
        application=application,
        actor=olivia,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        interviewers=[olivia],
        video_url="https://meet.example.com/x",
    )
    saved_job = saved_job_add(user=alice, job=globex_job)
    saved_search = SavedSearch.objects.create(
        user=alice, name="Python jobs", query={"q": "python"}, query_key="k" * 64
    )
    saved_candidate_search = SavedCandidateSearch.objects.create(
        owner=olivia, name="Pythonistas", params={"q": "python"}
    )
    notification = Notification.objects.create(
        recipient=alice, kind="stage_changed", title="Your application moved"
    )
    conversation = conversation_start_for_application(
        user=olivia,
        application=application,
        body="Hello Alice",
    )
    invitation = Invitation.objects.create(
        company=acme, email="new@acme.test", role="member", invited_by=olivia
    )
    tom_membership = Membership.objects.get(company=acme, user=tom)

    pool_entry = recruiter_services.talent_pool_add(
        user=rita, agency=agency, candidate=alice, notes="Strong backend"
    )
    placed = recruiter_services.submission_create(
        user=rita, engagement=engagement, job=placed_job, candidate=alice, pitch="Yes"
    )
    placed = recruiter_services.submission_accept(user=alice, submission=placed)
    application_transition(
        application=placed.application, to_stage="hired", actor=olivia
    )
    hired_application = placed.application
    hired_application.refresh_from_db()
    placement = recruiter_services.placement_create_from_application(
        user=rita,
        application=hired_application,
        agreed_annual_salary="85000.00",
        start_date=datetime.date(2026, 1, 5),
    )
    # The other tenant's rows: bob applied to Globex; eve saved a search.
    bob_application = make_application(globex_job, bob)
    bob_document = make_document(bob, name="Bob CV")
    bob_saved_search = SavedSearch.objects.create(
        user=bob, name="Data jobs", query={"q": "data"}, query_key="b" * 64
    )
    eve_saved_candidate_search = SavedCandidateSearch.objects.create(
        owner=eve, name="Analysts", params={"q": "sql"}
    )
    bob_notification = Notification.objects.create(
        recipient=bob, kind="stage_changed", title="Moved"
    )
    pending_submission = recruiter_services.submission_create(
        user=rita, engagement=engagement, job=pending_job, candidate=alice, pitch="Hi"
    )
    # ivan's agency proposes to Acme: waiting for Acme's owner or admin.
    proposal = recruiter_services.engagement_create(
        user=ivan,
        agency=other_agency,
        client=acme,
        fee_type="flat",
        flat_fee="5000.00",
        currency="EUR",
    )
    return SimpleNamespace(
        ivan=ivan,
        other_agency=other_agency,
        proposal=proposal,
        skill=skill,
        occupation=occupation,
        alice_profile=alice_profile,
        bob_profile=bob_profile,
        alice_skill=alice_skill,
        experience=experience,
        education=education,
        engagement=engagement,
        job=job,
        globex_job=globex_job,
        document=document,
        application=application,
        interview=interview,
        saved_job=saved_job,
        saved_search=saved_search,
        saved_candidate_search=saved_candidate_search,
        notification=notification,
        conversation=conversation,
        invitation=invitation,
        tom_membership=tom_membership,
        pool_entry=pool_entry,
        placed_submission=placed,
        hired_application=hired_application,
        placement=placement,
        pending_submission=pending_submission,
        bob_application=bob_application,
        bob_document=bob_document,
        bob_saved_search=bob_saved_search,
        eve_saved_candidate_search=eve_saved_candidate_search,
        bob_notification=bob_notification,
        unsubscribe_token=unsubscribe_token(user_id=alice.pk, kind="stage_changed"),
        acme=acme,
        globex=globex,
        agency=agency,
    )
