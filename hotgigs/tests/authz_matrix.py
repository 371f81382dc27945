"""Who may do what: the authorisation matrix of every API endpoint and object
page (checked by hotgigs/tests/test_authz_matrix.py).

Personas (the conftest ones, plus ivan) and the world of hotgigs/tests/authz_world.py:

    anon    not signed in
    alice   candidate A: owns the profile, documents, applications, saved items;
            the candidate of the agency's submissions and placement
    bob     candidate B: another candidate, owns nothing here
    olivia  owner of employer Acme (the jobs, the pipeline, the conversation)
    tom     member (teammate) of Acme
    eve     owner of Globex, another employer
    rita    recruiter, owner of agency Hire Partners, engaged by Acme (Acme's
            owner accepted; the pool entry, the submissions, the placement)
    ivan    recruiter, owner of another agency whose proposal to Acme waits
    sam     staff (staff use the admin; the API and pages give them no extra data)

Each row: URL name → {method: the statuses of the personas in the order above}.
Requests send an empty body (`{}`): a 400 means "allowed, then validated"; a
method that nobody may use (405 for all) is left out and checked to stay so.
"""

PERSONAS = ("anon", "alice", "bob", "olivia", "tom", "eve", "rita", "ivan", "sam")

# URL keyword → where its value comes from in the world, per row (rows without
# parameters need no entry). "x.y" reads world.x.y; "=text" is a literal.
KWARGS = {
    # pages
    "accounts:password_reset_confirm": {"uidb64": "=MQ", "token": "=bad-token"},
    "accounts:signup_confirm": {"token": "=bad-token"},
    "companies:detail": {"slug": "acme.slug"},
    "companies:settings": {"slug": "acme.slug"},
    "companies:team": {"slug": "acme.slug"},
    "companies:leave": {"slug": "acme.slug"},
    "companies:member-role": {
        "slug": "acme.slug",
        "membership_id": "tom_membership.pk",
    },
    "companies:member-remove": {
        "slug": "acme.slug",
        "membership_id": "tom_membership.pk",
    },
    "companies:invitation-revoke": {
        "slug": "acme.slug",
        "invitation_id": "invitation.pk",
    },
    "companies:invitation": {"token": "invitation.token"},
    "companies:invitation-mine": {"pk": "invitation.pk"},
    "candidates:detail": {"pk": "alice_profile.pk"},
    "candidates:message": {"pk": "alice_profile.pk"},
    "candidates:profile-section": {"section": "=basics"},
    "jobs:candidate-invite": {"pk": "alice_profile.pk"},
    "candidates:saved-search-delete": {"pk": "saved_candidate_search.pk"},
    "jobs:detail": {"slug": "job.slug"},
    "jobs:edit": {"slug": "job.slug"},
    "jobs:status": {"slug": "job.slug"},
    "jobs:alert-delete": {"pk": "saved_search.pk"},
    "jobs:apply": {"slug": "job.slug"},
    "jobs:save-job": {"slug": "job.slug"},
    "jobs:pipeline": {"slug": "job.slug"},
    "jobs:pipeline-bulk": {"slug": "job.slug"},
    "jobs:application-detail": {"pk": "application.pk"},
    "jobs:application-withdraw": {"pk": "application.pk"},
    "jobs:application-move": {"pk": "application.pk"},
    "jobs:application-note": {"pk": "application.pk"},
    "jobs:application-rating": {"pk": "application.pk"},
    "jobs:interview-new": {"pk": "application.pk"},
    "jobs:interview-edit": {"pk": "application.pk", "interview_pk": "interview.pk"},
    "jobs:interview-cancel": {
        "pk": "application.pk",
        "interview_pk": "interview.pk",
    },
    "jobs:interview-ics": {"pk": "application.pk", "interview_pk": "interview.pk"},
    "documents:download": {"pk": "document.pk"},
    "documents:rename": {"pk": "document.pk"},
    "documents:default": {"pk": "document.pk"},
    "documents:replace": {"pk": "document.pk"},
    "documents:delete": {"pk": "document.pk"},
    "ranking:job-match": {"slug": "job.slug"},
    "ranking:ranked": {"slug": "job.slug"},
    "ranking:advice": {"slug": "job.slug"},
    "ranking:resume-fill": {"pk": "document.pk"},
    "notifications:unsubscribe": {"token": "unsubscribe_token"},
    "notifications:conversation": {"pk": "conversation.pk"},
    "notifications:block": {"pk": "conversation.pk"},
    "notifications:start-application": {"application_id": "application.pk"},
    "analytics:job": {"pk": "job.pk"},
    "analytics:export": {"table": "=funnel"},
    "recruiters:client_detail": {"pk": "engagement.pk"},
    "recruiters:agency_engagement_action": {"pk": "proposal.pk", "action": "=accept"},
    "recruiters:client_edit": {"pk": "engagement.pk"},
    "recruiters:client_end": {"pk": "engagement.pk"},
    "recruiters:client_job_new": {"pk": "engagement.pk"},
    "recruiters:job_edit": {"pk": "job.pk"},
    "recruiters:job_status": {"pk": "job.pk"},
    "recruiters:pool_edit": {"pk": "pool_entry.pk"},
    "recruiters:pool_remove": {"pk": "pool_entry.pk"},
    "recruiters:submission_withdraw": {"pk": "pending_submission.pk"},
    "recruiters:placement_record": {"application_id": "hired_application.pk"},
    "recruiters:placement_detail": {"pk": "placement.pk"},
    "recruiters:request_answer": {"pk": "pending_submission.pk", "answer": "=accept"},
    # API
    "company-detail": {"pk": "acme.pk"},
    "company-invitations": {"pk": "acme.pk"},
    "company-invitation": {"pk": "acme.pk", "invitation_id": "invitation.pk"},
    "company-logo": {"pk": "acme.pk"},
    "company-members": {"pk": "acme.pk"},
    "company-member": {"pk": "acme.pk", "membership_id": "tom_membership.pk"},
    "invitation-accept": {"token": "invitation.token"},
    "candidate-me-skill-detail": {"pk": "alice_skill.pk"},
    "candidate-me-experience-detail": {"pk": "experience.pk"},
    "candidate-me-education-detail": {"pk": "education.pk"},
    "candidate-detail": {"pk": "alice_profile.pk"},
    "saved-candidate-search-detail": {"pk": "saved_candidate_search.pk"},
    "job-apply": {"pk": "job.pk"},
    "job-detail": {"pk": "job.pk"},
    "job-invite": {"pk": "job.pk"},
    "job-set-status": {"pk": "job.pk"},
    "application-detail": {"pk": "application.pk"},
    "application-interviews": {"pk": "application.pk"},
    "application-notes": {"pk": "application.pk"},
    "application-rating": {"pk": "application.pk"},
    "application-transition": {"pk": "application.pk"},
    "application-withdraw": {"pk": "application.pk"},
    "interview-detail": {"pk": "interview.pk"},
    "interview-cancel": {"pk": "interview.pk"},
    "saved-job-detail": {"pk": "saved_job.pk"},
    "saved-search-detail": {"pk": "saved_search.pk"},
    "document-detail": {"pk": "document.pk"},
    "document-download": {"pk": "document.pk"},
    "document-replace": {"pk": "document.pk"},
    "skill-detail": {"slug": "skill.slug"},
    "occupation-detail": {"code": "occupation.code"},
    "ai-job-candidates": {"pk": "job.pk"},
    "notification-read": {"pk": "notification.pk"},
    "notification-preference-detail": {"kind": "=stage_changed"},
    "conversation-detail": {"pk": "conversation.pk"},
    "conversation-messages": {"pk": "conversation.pk"},
    "conversation-read": {"pk": "conversation.pk"},
    "analytics-job": {"pk": "job.pk"},
    "recruiter-client-detail": {"pk": "engagement.pk"},
    "agency-engagement-detail": {"pk": "engagement.pk"},
    "agency-engagement-accept": {"pk": "proposal.pk"},
    "agency-engagement-decline": {"pk": "proposal.pk"},
    "agency-engagement-end": {"pk": "engagement.pk"},
    "recruiter-pool-detail": {"pk": "pool_entry.pk"},
    "recruiter-submission-detail": {"pk": "pending_submission.pk"},
    "recruiter-submission-accept": {"pk": "pending_submission.pk"},
    "recruiter-submission-decline": {"pk": "pending_submission.pk"},
    "recruiter-submission-withdraw": {"pk": "pending_submission.pk"},
    "recruiter-placement-detail": {"pk": "placement.pk"},
    "recruiter-placement-fee": {"pk": "placement.pk"},
    "recruiter-placement-splits": {"pk": "placement.pk"},
    "recruiter-placement-terms": {"pk": "placement.pk"},
    "recruiter-placement-transition": {"pk": "placement.pk"},
}


def url_kwargs(name: str, world) -> dict:
    spec = KWARGS.get(name, {})
    kwargs = {}
    for key, path in spec.items():
        if path.startswith("="):  # a literal value
            kwargs[key] = path[1:]
            continue
        value = world
        for part in path.split("."):
            value = getattr(value, part)
        kwargs[key] = value
    return kwargs


MATRIX = {
    # persona order:  anon alice bob olivia tom eve rita ivan sam
    # --- API ----------------------------------------------------------------
    "ai-job-advice": {  # /api/v1/ai/job-advice/
        "POST": "401 403 403 400 400 400 400 400 403",
    },
    "ai-job-candidates": {  # /api/v1/ai/jobs/1/candidates/
        "GET": "401 403 403 200 200 404 404 404 404",
    },
    "ai-match": {  # /api/v1/ai/match/
        "GET": "401 400 400 400 400 400 400 400 400",
    },
    "ai-recommendations": {  # /api/v1/ai/recommendations/
        "GET": "401 200 200 403 403 403 403 403 200",
    },
    "ai-resume-analysis": {  # /api/v1/ai/resume-analysis/
        "POST": "401 400 400 403 403 403 403 403 400",
    },
    "ai-target-jobs": {  # /api/v1/ai/target-jobs/ (without ?q=: 400)
        "GET": "401 400 400 400 400 400 400 400 400",
    },
    "analytics-dashboard": {  # /api/v1/analytics/dashboard/
        "GET": "401 200 200 200 200 200 200 200 200",
    },
    "analytics-job": {  # /api/v1/analytics/jobs/1/
        "GET": "401 404 404 200 200 404 200 404 404",
    },
    "analytics-platform": {  # /api/v1/analytics/platform/
        "GET": "401 403 403 403 403 403 403 403 200",
        "POST": "401 403 403 403 403 403 403 403 405",
        "PUT": "401 403 403 403 403 403 403 403 405",
        "PATCH": "401 403 403 403 403 403 403 403 405",
        "DELETE": "401 403 403 403 403 403 403 403 405",
    },
    "application-detail": {  # /api/v1/applications/1/
        "GET": "401 200 404 200 200 404 404 404 404",
    },
    "application-interviews": {  # /api/v1/applications/1/interviews/
        "GET": "401 200 404 200 200 404 404 404 404",
        "POST": "401 403 404 400 400 404 404 404 404",
    },
    "application-list": {  # /api/v1/applications/
        "GET": "401 200 200 200 200 200 200 200 200",
    },
    "application-notes": {  # /api/v1/applications/1/notes/
        "GET": "401 403 404 200 200 404 404 404 404",
        "POST": "401 403 404 400 400 404 404 404 404",
    },
    "application-rating": {  # /api/v1/applications/1/rating/
        "PUT": "401 403 404 400 400 404 404 404 404",
    },
    "application-transition": {  # /api/v1/applications/1/transition/
        "POST": "401 403 404 400 400 404 404 404 404",
    },
    "application-withdraw": {  # /api/v1/applications/1/withdraw/
        "POST": "401 200 404 403 403 404 404 404 404",
    },
    "auth-logout": {  # /api/v1/auth/logout/
        "POST": "400 400 400 400 400 400 400 400 400",
    },
    "auth-register": {  # /api/v1/auth/register/
        "POST": "400 400 400 400 400 400 400 400 400",
    },
    "auth-register-confirm": {  # /api/v1/auth/register/confirm/
        "POST": "400 400 400 400 400 400 400 400 400",
    },
    "candidate-detail": {  # /api/v1/candidates/1/
        "GET": "200 200 403 200 200 200 200 200 200",
    },
    "candidate-list": {  # /api/v1/candidates/
        "GET": "401 403 403 200 200 200 200 200 200",
    },
    "candidate-me": {  # /api/v1/candidates/me/
        "GET": "401 200 200 403 403 403 403 403 200",
        "PATCH": "401 200 200 403 403 403 403 403 200",
    },
    "candidate-me-education-detail": {  # /api/v1/candidates/me/education/1/
        "GET": "401 200 404 403 403 403 403 403 404",
        "POST": "401 405 405 403 403 403 403 403 405",
        "PUT": "401 400 404 403 403 403 403 403 404",
        "PATCH": "401 200 404 403 403 403 403 403 404",
        "DELETE": "401 204 404 403 403 403 403 403 404",
    },
    "candidate-me-education-list": {  # /api/v1/candidates/me/education/
        "GET": "401 200 200 403 403 403 403 403 200",
        "POST": "401 400 400 403 403 403 403 403 400",
        "PUT": "401 405 405 403 403 403 403 403 405",
        "PATCH": "401 405 405 403 403 403 403 403 405",
        "DELETE": "401 405 405 403 403 403 403 403 405",
    },
    "candidate-me-experience-detail": {  # /api/v1/candidates/me/experience/1/
        "GET": "401 200 404 403 403 403 403 403 404",
        "POST": "401 405 405 403 403 403 403 403 405",
        "PUT": "401 400 404 403 403 403 403 403 404",
        "PATCH": "401 200 404 403 403 403 403 403 404",
        "DELETE": "401 204 404 403 403 403 403 403 404",
    },
    "candidate-me-experience-list": {  # /api/v1/candidates/me/experience/
        "GET": "401 200 200 403 403 403 403 403 200",
        "POST": "401 400 400 403 403 403 403 403 400",
        "PUT": "401 405 405 403 403 403 403 403 405",
        "PATCH": "401 405 405 403 403 403 403 403 405",
        "DELETE": "401 405 405 403 403 403 403 403 405",
    },
    "candidate-me-skill-detail": {  # /api/v1/candidates/me/skills/1/
        "GET": "401 200 404 403 403 403 403 403 404",
        "POST": "401 405 405 403 403 403 403 403 405",
        "PUT": "401 400 404 403 403 403 403 403 404",
        "PATCH": "401 200 404 403 403 403 403 403 404",
        "DELETE": "401 204 404 403 403 403 403 403 404",
    },
    "candidate-me-skill-list": {  # /api/v1/candidates/me/skills/
        "GET": "401 200 200 403 403 403 403 403 200",
        "POST": "401 400 400 403 403 403 403 403 400",
        "PUT": "401 405 405 403 403 403 403 403 405",
        "PATCH": "401 405 405 403 403 403 403 403 405",
        "DELETE": "401 405 405 403 403 403 403 403 405",
    },
    "company-detail": {  # /api/v1/companies/1/
        "GET": "200 200 200 200 200 200 200 200 200",
        "PUT": "401 403 403 200 403 403 403 403 200",
        "PATCH": "401 403 403 200 403 403 403 403 200",
    },
    "company-invitation": {  # /api/v1/companies/1/invitations/1/
        "DELETE": "401 403 403 204 403 403 403 403 403",
    },
    "company-invitations": {  # /api/v1/companies/1/invitations/
        "GET": "401 403 403 200 403 403 403 403 403",
    },
    "company-job-list": {  # /api/v1/company-jobs/
        "GET": "401 200 200 200 200 200 200 200 200",
    },
    "company-list": {  # /api/v1/companies/
        "GET": "200 200 200 200 200 200 200 200 200",
        "POST": "401 403 403 400 400 400 400 400 403",
    },
    "company-logo": {  # /api/v1/companies/1/logo/
        "POST": "401 403 403 415 403 403 403 403 403",
        "DELETE": "401 403 403 200 403 403 403 403 403",
    },
    "company-member": {  # /api/v1/companies/1/members/2/
        "PATCH": "401 403 403 400 400 403 403 403 403",
        "DELETE": "401 403 403 204 204 403 403 403 403",
    },
    "company-members": {  # /api/v1/companies/1/members/
        "GET": "401 403 403 200 200 403 403 403 403",
        "POST": "401 403 403 400 400 403 403 403 403",
    },
    "conversation-detail": {  # /api/v1/conversations/1/
        "GET": "401 200 404 200 200 404 404 404 404",
    },
    "conversation-list": {  # /api/v1/conversations/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "conversation-messages": {  # /api/v1/conversations/1/messages/
        "GET": "401 200 404 200 200 404 404 404 404",
        "POST": "401 400 404 400 400 404 404 404 404",
    },
    "conversation-read": {  # /api/v1/conversations/1/read/
        "POST": "401 204 404 204 204 404 404 404 404",
    },
    "document-detail": {  # /api/v1/documents/1/
        "GET": "401 200 404 404 404 404 404 404 404",
        "PATCH": "401 200 404 404 404 404 404 404 404",
        "DELETE": "401 204 404 404 404 404 404 404 404",
    },
    "document-download": {  # /api/v1/documents/1/download/
        "GET": "401 200 404 404 404 404 404 404 404",
    },
    "document-list": {  # /api/v1/documents/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "document-replace": {  # /api/v1/documents/1/replace/
        "POST": "401 400 404 404 404 404 404 404 404",
    },
    "interview-cancel": {  # /api/v1/interviews/1/cancel/
        "POST": "401 403 404 200 200 404 404 404 404",
    },
    "interview-detail": {  # /api/v1/interviews/1/
        "GET": "401 200 404 200 200 404 404 404 404",
        "PATCH": "401 403 404 200 200 404 404 404 404",
    },
    "invitation-accept": {  # /api/v1/invitations/<token>/accept/
        "POST": "401 403 403 403 403 403 403 403 403",
    },
    "job-apply": {  # /api/v1/jobs/1/apply/
        "POST": "401 409 201 400 400 400 400 400 201",
    },
    "job-autocomplete": {  # /api/v1/jobs/autocomplete/ (public; no prefix: 400)
        "GET": "400 400 400 400 400 400 400 400 400",
    },
    "job-detail": {  # /api/v1/jobs/1/
        "GET": "200 200 200 200 200 200 200 200 200",
        "PUT": "401 403 403 400 400 403 403 403 403",
        "PATCH": "401 403 403 200 200 403 403 403 403",
    },
    "job-list": {  # /api/v1/jobs/
        "GET": "200 200 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "job-set-status": {  # /api/v1/jobs/1/status/
        "POST": "401 403 403 400 400 403 403 403 403",
    },
    "me": {  # /api/v1/me/
        "GET": "401 200 200 200 200 200 200 200 200",
        "PATCH": "401 200 200 200 200 200 200 200 200",
    },
    "me-delete": {  # /api/v1/me/delete/
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "me-export": {  # /api/v1/me/export/
        "GET": "401 200 200 200 200 200 200 200 200",
    },
    "me-password": {  # /api/v1/me/password/
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "notification-list": {  # /api/v1/notifications/
        "GET": "401 200 200 200 200 200 200 200 200",
    },
    "notification-preference-detail": {  # /api/v1/<token>/stage_changed/
        "PATCH": "401 200 200 200 200 200 200 200 200",
    },
    "notification-preference-list": {  # /api/v1/<token>/
        "GET": "401 200 200 200 200 200 200 200 200",
    },
    "notification-read": {  # /api/v1/notifications/1/read/
        "POST": "401 200 404 404 404 404 404 404 404",
    },
    "notification-read-all": {  # /api/v1/notifications/read-all/
        "POST": "401 200 200 200 200 200 200 200 200",
    },
    "notification-unread-count": {  # /api/v1/notifications/unread-count/
        "GET": "401 200 200 200 200 200 200 200 200",
    },
    # The client's side of engagements: Acme's team sees them, its owner
    # (olivia) answers and ends them, a member (tom) may not (403).
    "agency-engagement-accept": {  # /api/v1/recruiters/agency-engagements/2/accept/
        "POST": "401 404 404 200 403 404 404 404 404",
    },
    "agency-engagement-decline": {  # /api/v1/recruiters/agency-engagements/2/decline/
        "POST": "401 404 404 200 403 404 404 404 404",
    },
    "agency-engagement-detail": {  # /api/v1/recruiters/agency-engagements/1/
        "GET": "401 404 404 200 200 404 404 404 404",
    },
    "agency-engagement-end": {  # /api/v1/recruiters/agency-engagements/1/end/
        "POST": "401 404 404 200 403 404 404 404 404",
    },
    "agency-engagement-list": {  # /api/v1/recruiters/agency-engagements/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 403 403 400 403 400 403 403 403",
    },
    "recruiter-client-detail": {  # /api/v1/recruiters/clients/1/
        "GET": "401 404 404 404 404 404 200 404 404",
        "PATCH": "401 404 404 404 404 404 200 404 404",
        "DELETE": "401 404 404 404 404 404 204 404 404",
    },
    "recruiter-client-list": {  # /api/v1/recruiters/clients/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 403 403 403 403 403 400 400 403",
    },
    "recruiter-placement-detail": {  # /api/v1/recruiters/placements/1/
        "GET": "401 404 404 404 404 404 200 404 404",
    },
    "recruiter-placement-fee": {  # /api/v1/recruiters/placements/1/fee/
        "POST": "401 404 404 404 404 404 400 404 404",
    },
    "recruiter-placement-list": {  # /api/v1/recruiters/placements/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "recruiter-placement-splits": {  # /api/v1/recruiters/placements/1/splits/
        "PUT": "401 404 404 404 404 404 400 404 404",
    },
    "recruiter-placement-terms": {  # /api/v1/recruiters/placements/1/terms/
        "POST": "401 404 404 404 404 404 200 404 404",
    },
    "recruiter-placement-transition": {  # /api/v1/recruiters/placements/1/transition/
        "POST": "401 404 404 404 404 404 400 404 404",
    },
    "recruiter-pool-detail": {  # /api/v1/recruiters/pool/1/
        "GET": "401 404 404 404 404 404 200 404 404",
        "PATCH": "401 404 404 404 404 404 200 404 404",
        "DELETE": "401 404 404 404 404 404 204 404 404",
    },
    "recruiter-pool-duplicates": {  # /api/v1/recruiters/pool/duplicates/
        "GET": "401 403 403 403 403 403 200 200 403",
    },
    "recruiter-pool-list": {  # /api/v1/recruiters/pool/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 403 403 403 403 403 400 400 403",
    },
    "recruiter-pool-merge": {  # /api/v1/recruiters/pool/merge/
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "recruiter-reports": {  # /api/v1/recruiters/reports/
        "GET": "401 403 403 403 403 403 200 200 403",
    },
    "recruiter-submission-accept": {  # /api/v1/recruiters/submissions/2/accept/
        "POST": "401 200 404 404 404 404 403 404 404",
    },
    "recruiter-submission-decline": {  # /api/v1/recruiters/submissions/2/decline/
        "POST": "401 200 404 404 404 404 403 404 404",
    },
    # The client's team (olivia, tom) sees a submission only after consent.
    "recruiter-submission-detail": {  # /api/v1/recruiters/submissions/2/
        "GET": "401 200 404 404 404 404 200 404 404",
    },
    "recruiter-submission-list": {  # /api/v1/recruiters/submissions/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 403 403 403 403 403 400 400 403",
    },
    "recruiter-submission-withdraw": {  # /api/v1/recruiters/submissions/2/withdraw/
        "POST": "401 403 404 404 404 404 200 404 404",
    },
    "saved-candidate-search-detail": {  # /api/v1/<token>/1/
        "GET": "401 403 403 200 404 404 404 404 404",
        "POST": "401 403 403 405 405 405 405 405 405",
        "PUT": "401 403 403 400 404 404 404 404 404",
        "PATCH": "401 403 403 200 404 404 404 404 404",
        "DELETE": "401 403 403 204 404 404 404 404 404",
    },
    "saved-candidate-search-list": {  # /api/v1/<token>/
        "GET": "401 403 403 200 200 200 200 200 200",
        "POST": "401 403 403 400 400 400 400 400 400",
        "PUT": "401 403 403 405 405 405 405 405 405",
        "PATCH": "401 403 403 405 405 405 405 405 405",
        "DELETE": "401 403 403 405 405 405 405 405 405",
    },
    "saved-job-detail": {  # /api/v1/saved-jobs/1/
        "DELETE": "401 204 404 404 404 404 404 404 404",
    },
    "saved-job-list": {  # /api/v1/saved-jobs/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "saved-search-detail": {  # /api/v1/saved-searches/1/
        "GET": "401 200 404 404 404 404 404 404 404",
        "PATCH": "401 200 404 404 404 404 404 404 404",
        "DELETE": "401 204 404 404 404 404 404 404 404",
    },
    "occupation-detail": {  # /api/v1/ai/occupations/15-1252.00/ (public)
        "GET": "200 200 200 200 200 200 200 200 200",
    },
    "occupation-infer": {  # /api/v1/ai/occupations/infer/ (public; no title: 400)
        "GET": "400 400 400 400 400 400 400 400 400",
    },
    "occupation-list": {  # /api/v1/ai/occupations/ (public)
        "GET": "200 200 200 200 200 200 200 200 200",
    },
    "saved-search-list": {  # /api/v1/saved-searches/
        "GET": "401 200 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "skill-detail": {  # /api/v1/ai/skills/python/
        "GET": "200 200 200 200 200 200 200 200 200",
    },
    "skill-extract": {  # /api/v1/ai/skills/extract/
        "POST": "401 400 400 400 400 400 400 400 400",
    },
    "skill-list": {  # /api/v1/ai/skills/
        "GET": "200 200 200 200 200 200 200 200 200",
    },
    "skill-normalize": {  # /api/v1/ai/skills/normalize/
        "GET": "400 400 400 400 400 400 400 400 400",
    },
    "token-obtain": {  # /api/v1/auth/token/
        "POST": "400 400 400 400 400 400 400 400 400",
    },
    "token-refresh": {  # /api/v1/auth/token/refresh/
        "POST": "400 400 400 400 400 400 400 400 400",
    },
    # --- pages (object URLs) ---------------------------------------------
    "accounts:signup_confirm": {  # /accounts/signup/confirm/bad-token/
        "GET": "400 400 400 400 400 400 400 400 400",
        "POST": "400 400 400 400 400 400 400 400 400",
    },
    "accounts:password_reset_confirm": {  # /accounts/reset/MQ/bad-token/
        "GET": "200 200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200 200",
    },
    "analytics:export": {  # /insights/export/funnel.csv
        "GET": "302 404 404 200 200 200 404 404 404",
    },
    "analytics:job": {  # /insights/jobs/1/
        "GET": "302 404 404 200 200 404 404 404 404",
    },
    "candidates:message": {  # /candidates/1/message/
        "GET": "302 404 404 200 200 200 200 200 404",
        "POST": "302 404 404 400 400 400 400 400 404",
    },
    # A section of one's own profile (no key names another's): candidates,
    # staff with the candidate role included, save their own.
    "candidates:profile-section": {  # /profile/basics/
        "POST": "302 302 302 403 403 403 403 403 302",
    },
    # Recruiters submit with consent instead of inviting.
    "jobs:candidate-invite": {  # /candidates/1/invite/
        "GET": "302 404 404 200 200 200 403 403 403",
        "POST": "302 404 404 400 400 400 403 403 403",
    },
    "job-invite": {  # /api/v1/jobs/1/invite/
        "POST": "401 403 403 400 400 403 403 403 403",
    },
    "candidates:detail": {  # /candidates/1/
        "GET": "200 200 403 200 200 200 200 200 200",
        "POST": "200 200 403 200 200 200 200 200 200",
    },
    "candidates:saved-search-delete": {  # /candidates/saved/1/delete/
        "POST": "302 403 403 302 404 404 404 404 404",
    },
    "companies:detail": {  # /companies/acme/
        "GET": "200 200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200 200",
    },
    "companies:invitation-mine": {  # /invitations/mine/<pk>/ (for new@acme.test)
        "GET": "302 404 404 404 404 404 404 404 404",
        "POST": "302 404 404 404 404 404 404 404 404",
    },
    "companies:invitation": {  # /invitations/<token>/
        "GET": "200 200 200 200 200 200 200 200 200",
        "POST": "302 400 400 400 400 400 400 400 400",
    },
    "companies:invitation-revoke": {  # /companies/acme/invitations/1/revoke/
        "POST": "302 403 403 302 403 403 403 403 403",
    },
    "companies:leave": {  # /companies/acme/team/leave/
        "GET": "302 403 403 302 302 403 403 403 403",
        "POST": "302 403 403 302 302 403 403 403 403",
    },
    "companies:member-remove": {  # /companies/acme/team/2/remove/
        "GET": "302 403 403 200 200 403 403 403 403",
        "POST": "302 403 403 302 302 403 403 403 403",
    },
    "companies:member-role": {  # /companies/acme/team/2/role/
        "POST": "302 403 403 302 302 403 403 403 403",
    },
    "companies:settings": {  # /companies/acme/settings/
        "GET": "302 403 403 200 403 403 403 403 403",
        "POST": "302 403 403 400 403 403 403 403 403",
    },
    "companies:team": {  # /companies/acme/team/
        "GET": "302 403 403 200 200 403 403 403 403",
        "POST": "302 403 403 400 403 403 403 403 403",
    },
    "documents:default": {  # /documents/1/default
        "POST": "302 302 404 404 404 404 404 404 404",
    },
    "documents:delete": {  # /documents/1/delete
        "GET": "302 200 404 404 404 404 404 404 404",
        "POST": "302 302 404 404 404 404 404 404 404",
    },
    "documents:download": {  # /documents/1/download
        "GET": "404 200 404 404 404 404 404 404 404",
    },
    "documents:rename": {  # /documents/1/rename
        "GET": "302 200 404 404 404 404 404 404 404",
        "POST": "302 400 404 404 404 404 404 404 404",
    },
    "documents:replace": {  # /documents/1/replace
        "GET": "302 200 404 404 404 404 404 404 404",
        "POST": "302 400 404 404 404 404 404 404 404",
    },
    "jobs:application-detail": {  # /applications/1/
        "GET": "302 200 404 200 200 404 404 404 404",
        "POST": "302 200 404 200 200 404 404 404 404",
    },
    "jobs:application-move": {  # /applications/1/move/
        "POST": "302 404 404 400 400 404 404 404 404",
    },
    "jobs:application-note": {  # /applications/1/notes/
        "POST": "302 404 404 400 400 404 404 404 404",
    },
    "jobs:application-rating": {  # /applications/1/rating/
        "POST": "302 404 404 400 400 404 404 404 404",
    },
    "jobs:application-withdraw": {  # /applications/1/withdraw/
        "GET": "302 200 404 404 404 404 404 404 404",
        "POST": "302 400 404 404 404 404 404 404 404",
    },
    "jobs:alert-delete": {  # /alerts/1/delete/
        "POST": "302 302 404 403 403 403 403 403 404",
    },
    "jobs:apply": {  # /jobs/backend-engineer/apply/
        "GET": "302 302 200 302 302 302 302 302 200",
        "POST": "302 302 302 302 302 302 302 302 302",
    },
    "jobs:detail": {  # /jobs/backend-engineer/
        "GET": "200 200 200 200 200 200 200 200 200",
    },
    "jobs:edit": {  # /jobs/backend-engineer/edit/
        "GET": "302 403 403 200 200 403 403 403 403",
        "POST": "302 403 403 200 200 403 403 403 403",
    },
    "jobs:interview-cancel": {  # /applications/1/interviews/1/cancel/
        "POST": "302 404 404 302 302 404 404 404 404",
    },
    "jobs:interview-edit": {  # /applications/1/interviews/1/edit/
        "GET": "302 404 404 200 200 404 404 404 404",
        "POST": "302 404 404 400 400 404 404 404 404",
    },
    "jobs:interview-ics": {  # /applications/1/interviews/1.ics
        "GET": "302 200 404 200 200 404 404 404 404",
        "POST": "302 200 404 200 200 404 404 404 404",
    },
    "jobs:interview-new": {  # /applications/1/interviews/new/
        "GET": "302 404 404 200 200 404 404 404 404",
        "POST": "302 404 404 400 400 404 404 404 404",
    },
    "jobs:pipeline": {  # /jobs/backend-engineer/pipeline/
        "GET": "302 404 404 200 200 404 404 404 404",
        "POST": "302 404 404 200 200 404 404 404 404",
    },
    "jobs:pipeline-bulk": {  # /jobs/backend-engineer/pipeline/bulk/
        "POST": "302 404 404 302 302 404 404 404 404",
    },
    "jobs:save-job": {  # /jobs/backend-engineer/save/
        "POST": "302 302 302 302 302 302 302 302 302",
    },
    "jobs:status": {  # /jobs/backend-engineer/status/
        "POST": "302 403 403 302 302 403 403 403 403",
    },
    "ranking:advice": {  # /jobs/backend-engineer/advice/
        "GET": "302 403 403 200 200 404 404 404 404",
        "POST": "302 403 403 200 200 404 404 404 404",
    },
    "ranking:job-match": {  # /jobs/backend-engineer/match/
        "GET": "200 200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200 200",
    },
    "ranking:ranked": {  # /jobs/backend-engineer/ranked/
        "GET": "302 403 403 200 200 404 404 404 404",
        "POST": "302 403 403 200 200 404 404 404 404",
    },
    "ranking:resume-fill": {  # /resume-analysis/1/fill/
        "GET": "302 200 404 403 403 403 403 403 404",
        "POST": "302 302 404 403 403 403 403 403 404",
    },
    "notifications:block": {  # /messages/1/block/
        "POST": "302 302 404 403 403 404 404 404 404",
    },
    "notifications:conversation": {  # /messages/1/
        "GET": "302 200 404 200 200 404 404 404 404",
        "POST": "302 400 404 400 400 404 404 404 404",
    },
    "notifications:start-application": {  # /messages/application/1/
        "GET": "302 302 404 302 302 404 404 404 404",
        "POST": "302 400 404 400 400 404 404 404 404",
    },
    "notifications:unsubscribe": {  # /notifications/unsubscribe/<token>/
        "GET": "200 200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200 200",
    },
    "recruiters:agency_engagement_action": {  # /agency-engagements/2/accept/
        "POST": "302 404 404 302 403 404 404 404 404",
    },
    "recruiters:client_detail": {  # /recruiter/clients/1/
        "GET": "302 404 404 404 404 404 200 404 404",
    },
    "recruiters:client_edit": {  # /recruiter/clients/1/edit/
        "GET": "302 404 404 404 404 404 200 404 404",
        "POST": "302 404 404 404 404 404 200 404 404",
    },
    "recruiters:client_end": {  # /recruiter/clients/1/end/
        "POST": "302 404 404 404 404 404 302 404 404",
    },
    "recruiters:client_job_new": {  # /recruiter/clients/1/jobs/new/
        "GET": "302 404 404 404 404 404 200 404 404",
        "POST": "302 404 404 404 404 404 200 404 404",
    },
    "recruiters:job_edit": {  # /recruiter/jobs/1/edit/
        "GET": "302 403 403 403 403 403 200 404 403",
        "POST": "302 403 403 403 403 403 200 404 403",
    },
    "recruiters:job_status": {  # /recruiter/jobs/1/status/
        "POST": "302 403 403 403 403 403 302 404 403",
    },
    "recruiters:placement_detail": {  # /recruiter/placements/1/
        "GET": "302 403 403 403 403 403 200 404 403",
        "POST": "302 403 403 403 403 403 302 404 403",
    },
    "recruiters:placement_record": {  # /recruiter/placements/record/2/
        "GET": "302 403 403 403 403 403 404 404 403",
        "POST": "302 403 403 403 403 403 404 404 403",
    },
    "recruiters:pool_edit": {  # /recruiter/pool/1/edit/
        "GET": "302 403 403 403 403 403 200 404 403",
        "POST": "302 403 403 403 403 403 200 404 403",
    },
    "recruiters:pool_remove": {  # /recruiter/pool/1/remove/
        "POST": "302 403 403 403 403 403 302 404 403",
    },
    "recruiters:request_answer": {  # /recruiter-requests/2/accept/
        "POST": "302 302 404 404 404 404 404 404 404",
    },
    "recruiters:submission_withdraw": {  # /recruiter/submissions/2/withdraw/
        "POST": "302 403 403 403 403 403 302 404 403",
    },
}
