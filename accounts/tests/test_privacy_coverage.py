"""Every model holding a user or candidate-profile key is either exported or
erased by a privacy module (`EXPORTED` / `ERASED` in accounts/privacy.py and
each app's privacy.py), or excused below with the reason.

A new model with such a key fails here until its app's privacy.py claims it."""

from django.apps import apps
from django.contrib.auth import get_user_model

from accounts.privacy import all_claims
from candidates.models import CandidateProfile

# Keys that neither the export nor the erasure needs to handle, and why.
ALLOWED = {
    # Authorship of a company's own record: SET_NULL cuts the link when the
    # author's account goes, and the row keeps no copy of their name.
    "companies.Invitation.invited_by": "who sent the company's invitation",
    "jobs.Job.posted_by": "who posted the company's job",
    "jobs.Application.submitted_by": "the recruiter who applied for a candidate",
    "jobs.ApplicationEvent.actor": "who moved an application (stage history)",
    "jobs.Interview.created_by": "who scheduled the company's interview",
    "recruiters.TalentPoolEntry.added_by": "who added a pool entry",
    "recruiters.Placement.created_by": "who recorded the agency's placement",
    "recruiters.ClientEngagement.responded_by": "who accepted or declined for a client",
    "recruiters.ClientEngagement.ended_by": "who ended an engagement",
}


def personal_keys() -> set[str]:
    targets = (get_user_model(), CandidateProfile)
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                continue
            if field.related_model in targets:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_user_or_profile_key_is_exported_or_erased_or_excused():
    exported, erased = all_claims()

    unhandled = personal_keys() - exported - erased - set(ALLOWED)

    assert unhandled == set(), (
        "Add these to EXPORTED/ERASED in the app's privacy.py (and handle them in "
        f"export()/erase()), or to ALLOWED here with the reason: {sorted(unhandled)}"
    )


def test_no_claim_or_excuse_names_a_key_that_does_not_exist():
    exported, erased = all_claims()

    stale = (exported | erased | set(ALLOWED)) - personal_keys()

    assert stale == set()


def test_the_walk_sees_the_known_keys():
    # Guards the walk itself: a broken walk would make the first test pass.
    keys = personal_keys()

    assert {
        "jobs.Application.candidate",
        "candidates.WorkExperience.profile",
        "notifications.Notification.actor",
        "token_blacklist.OutstandingToken.user",
    } <= keys
    assert len(keys) >= 40
