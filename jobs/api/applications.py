"""Applications API: apply, list/detail scoped to the requester, pipeline moves,
withdrawal, team notes, ratings, interviews, saved jobs.

Scoping: a candidate sees their own applications with the candidate shape (no
notes, ratings or internal reasons); a member of the hiring company sees the
company's with the team shape. Everybody else gets 404, so ids cannot be probed.
"""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, User
from documents.models import Document
from hotgigs.api.errors import validation_error
from hotgigs.api.pagination import CursorPagination
from hotgigs.errors import NotAllowed
from jobs.api import application_serializers as s
from jobs.models import Application, Interview, Job, SavedJob, Stage
from jobs.permissions import can_manage_application, is_applicant
from jobs.selectors.applications import (
    application_for_team_detail,
    applications_for_candidate,
    applications_for_team,
    saved_jobs_for,
)
from jobs.services.applications import (
    application_note_add,
    application_rating_set,
    application_submit,
    application_transition,
    application_withdraw,
    saved_job_add,
)
from jobs.services.interviews import (
    interview_cancel,
    interview_reschedule,
    interview_schedule,
)

ERROR = OpenApiResponse(description="Error in the shared shape.")


class ApplicationFilter(django_filters.FilterSet):
    job = django_filters.NumberFilter(field_name="job_id")
    stage = django_filters.ChoiceFilter(choices=Stage.choices)

    class Meta:
        model = Application
        fields = ["job", "stage"]


class ApplicationCursorPagination(CursorPagination):
    ordering = ("-created_at", "-id")


def _document(document_id, field):
    if document_id is None:
        return None
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        raise ValidationError({field: ["Choose one of your own documents."]})
    return document


class ApplyView(APIView):
    @extend_schema(
        operation_id="jobs_apply",
        request=s.ApplyInputSerializer,
        responses={
            201: s.CandidateApplicationSerializer,
            400: ERROR,
            404: ERROR,
            409: ERROR,
        },
        description="Apply to a published job (once). The default resume is used "
        "when `resume` is omitted.",
    )
    def post(self, request, pk):
        job = Job.objects.select_related("company").filter(pk=pk).first()
        # Drafts never published do not exist for outsiders; closed/paused ones
        # answer a clear 400 from the service.
        if job is None or job.published_at is None and not job.is_public:
            raise NotFound("No such job.")
        data = s.ApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        resume = _document(values.get("resume"), "resume")
        cover = _document(values.get("cover_letter_document"), "cover_letter_document")
        try:
            application = application_submit(
                candidate=request.user,
                job=job,
                resume=resume,
                cover_letter=values.get("cover_letter", ""),
                cover_letter_document=cover,
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        application = applications_for_candidate(request.user).get(pk=application.pk)
        return Response(
            s.CandidateApplicationSerializer(application).data,
            status=status.HTTP_201_CREATED,
        )


def _either_shape(name, team_serializer, **kwargs):
    """The candidate's shape for their own applications, the team's otherwise."""
    return PolymorphicProxySerializer(
        component_name=name,
        serializers=[s.CandidateApplicationSerializer, team_serializer],
        resource_type_field_name=None,
        **kwargs,
    )


@extend_schema_view(
    list=extend_schema(
        responses=_either_shape(
            "ApplicationListItem", s.TeamApplicationListSerializer, many=True
        ),
        description="A candidate's own applications in the candidate shape; the "
        "applications to their companies' jobs in the team shape for team members.",
    )
)
class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    pagination_class = ApplicationCursorPagination
    filterset_class = ApplicationFilter
    # A non-numeric or over-long id is no match (404), not an int() error (500).
    lookup_value_regex = "[0-9]{1,18}"

    def _is_candidate(self):
        return self.request.user.role == Role.CANDIDATE

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        if self._is_candidate():
            return applications_for_candidate(user)
        return applications_for_team(user).prefetch_related("ratings")

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False) or self._is_candidate():
            return s.CandidateApplicationSerializer
        if self.action == "list":
            return s.TeamApplicationListSerializer
        return s.TeamApplicationSerializer

    def _application(self, *, team_only=False):
        """The application if the requester may see it (404 otherwise)."""
        application = get_object_or_404(
            Application.objects.select_related("job__company"), pk=self.kwargs["pk"]
        )
        if can_manage_application(self.request.user, application):
            return application, True
        if not team_only and is_applicant(self.request.user, application):
            return application, False
        if is_applicant(self.request.user, application):
            raise PermissionDenied("Only the hiring team can do this.")
        raise NotFound()

    def _team_payload(self, application):
        detail = application_for_team_detail(Application.objects.all(), application.pk)
        return s.TeamApplicationSerializer(detail).data

    def _candidate_payload(self, application):
        detail = applications_for_candidate(self.request.user).get(pk=application.pk)
        return s.CandidateApplicationSerializer(detail).data

    @extend_schema(
        responses={
            200: _either_shape("ApplicationDetail", s.TeamApplicationSerializer),
            404: ERROR,
        },
        description="The candidate shape for the applicant (no notes, ratings, "
        "internal reasons); the team shape for members of the hiring company.",
    )
    def retrieve(self, request, pk=None):
        application, team = self._application()
        if team:
            return Response(self._team_payload(application))
        return Response(self._candidate_payload(application))

    @extend_schema(
        request=s.ApplicationTransitionInputSerializer,
        responses={
            200: s.TeamApplicationSerializer,
            400: ERROR,
            404: ERROR,
            409: ERROR,
        },
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        application, _ = self._application(team_only=True)
        data = s.ApplicationTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            application_transition(
                application=application,
                actor=request.user,
                to_stage=values["to_stage"],
                note=values.get("note", ""),
                rejection_reason=values.get("rejection_reason") or None,
                rejection_note=values.get("rejection_note", ""),
                notify_candidate=values["notify_candidate"],
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(self._team_payload(application))

    @extend_schema(
        request=s.ApplicationWithdrawInputSerializer,
        responses={
            200: s.CandidateApplicationSerializer,
            403: ERROR,
            404: ERROR,
            409: ERROR,
        },
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application, team = self._application()
        if team:
            raise PermissionDenied("Only the candidate can withdraw an application.")
        data = s.ApplicationWithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            application_withdraw(
                application=application,
                candidate=request.user,
                reason=data.validated_data.get("reason", ""),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        except NotAllowed:
            raise NotFound() from None
        return Response(self._candidate_payload(application))

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.ApplicationNoteSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        request=s.ApplicationNoteInputSerializer,
        responses={201: s.ApplicationNoteSerializer, 400: ERROR, 404: ERROR},
    )
    @action(
        detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[]
    )
    def notes(self, request, pk=None):
        application, _ = self._application(team_only=True)
        if request.method == "GET":
            notes = application.notes.select_related("author")
            return Response(s.ApplicationNoteSerializer(notes, many=True).data)
        data = s.ApplicationNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            note = application_note_add(
                application=application,
                author=request.user,
                body=data.validated_data["body"],
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(
            s.ApplicationNoteSerializer(note).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.ApplicationRatingInputSerializer,
        responses={200: s.ApplicationRatingInputSerializer, 400: ERROR, 404: ERROR},
    )
    @action(detail=True, methods=["put"])
    def rating(self, request, pk=None):
        application, _ = self._application(team_only=True)
        data = s.ApplicationRatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = application_rating_set(
            application=application,
            rater=request.user,
            score=data.validated_data["score"],
        )
        return Response({"score": rating.score})

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.InterviewSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        request=s.InterviewScheduleInputSerializer,
        responses={201: s.InterviewSerializer, 400: ERROR, 404: ERROR, 409: ERROR},
    )
    @action(
        detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[]
    )
    def interviews(self, request, pk=None):
        application, team = self._application(team_only=request.method == "POST")
        if request.method == "GET":
            interviews = application.interviews.prefetch_related("interviewers")
            return Response(s.InterviewSerializer(interviews, many=True).data)
        data = s.InterviewScheduleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            interview = interview_schedule(
                application=application,
                actor=request.user,
                starts_at=values["starts_at"],
                duration_minutes=values["duration_minutes"],
                timezone_name=values["timezone"],
                interviewers=_users(values["interviewers"]),
                location=values.get("location", ""),
                video_url=values.get("video_url", ""),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(
            s.InterviewSerializer(interview).data, status=status.HTTP_201_CREATED
        )


def _users(ids):
    users = list(User.objects.filter(pk__in=set(ids)))
    if len(users) != len(set(ids)):
        raise ValidationError({"interviewers": ["Unknown interviewer."]})
    return users


class InterviewViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One interview: the applicant reads it, the hiring team changes it."""

    serializer_class = s.InterviewSerializer
    http_method_names = ["get", "patch", "post", "head", "options"]
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Interview.objects.none()
        user = self.request.user
        return (
            Interview.objects.filter(
                Q(application__candidate=user)
                | Q(application__job__company__memberships__user=user)
            )
            .distinct()
            .prefetch_related("interviewers")
        )

    def _team_interview(self):
        interview = get_object_or_404(
            Interview.objects.select_related("application__job__company"),
            pk=self.kwargs["pk"],
        )
        if can_manage_application(self.request.user, interview.application):
            return interview
        if is_applicant(self.request.user, interview.application):
            raise PermissionDenied("Only the hiring team can do this.")
        raise NotFound()

    @extend_schema(
        request=s.InterviewPatchSerializer,
        responses={200: s.InterviewSerializer, 400: ERROR, 404: ERROR, 409: ERROR},
    )
    def partial_update(self, request, pk=None):
        interview = self._team_interview()
        data = s.InterviewPatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            interview = interview_reschedule(
                interview=interview,
                actor=request.user,
                starts_at=values.get("starts_at"),
                duration_minutes=values.get("duration_minutes"),
                timezone_name=values.get("timezone"),
                interviewers=(
                    _users(values["interviewers"]) if "interviewers" in values else None
                ),
                location=values.get("location"),
                video_url=values.get("video_url"),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(s.InterviewSerializer(interview).data)

    @extend_schema(
        request=None,
        responses={200: s.InterviewSerializer, 404: ERROR, 409: ERROR},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        interview = interview_cancel(
            interview=self._team_interview(), actor=request.user
        )
        return Response(s.InterviewSerializer(interview).data)


class SavedJobViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.SavedJobSerializer
    pagination_class = ApplicationCursorPagination
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SavedJob.objects.none()
        return saved_jobs_for(self.request.user)

    @extend_schema(
        request=s.SavedJobInputSerializer,
        responses={201: s.SavedJobSerializer, 200: s.SavedJobSerializer, 400: ERROR},
        description="Save a job (saving it again answers 200 with the same row).",
    )
    def create(self, request):
        data = s.SavedJobInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = Job.objects.filter(pk=data.validated_data["job"]).first()
        # A draft never published answers like a missing job: no id oracle.
        if job is None or job.published_at is None and not job.is_public:
            raise ValidationError({"job": ["No such job."]})
        existed = SavedJob.objects.filter(user=request.user, job=job).exists()
        try:
            saved = saved_job_add(user=request.user, job=job)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        saved = saved_jobs_for(request.user).get(pk=saved.pk)
        return Response(
            s.SavedJobSerializer(saved).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )
