"""Job API: public search and detail, members' create/update/status, and the
members' own list (``/api/v1/company-jobs/``)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.helpers import forced_singular_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from candidates.models import CandidateProfile
from candidates.permissions import can_view_profile
from companies.permissions import is_member
from hotgigs.api.errors import validation_error
from hotgigs.api.pagination import CursorPagination
from hotgigs.api.schema import errors
from hotgigs.search import InvalidCursor
from jobs.api.serializers import (
    CompanyJobSerializer,
    JobInputSerializer,
    JobInviteInputSerializer,
    JobInviteSerializer,
    JobSearchResponseSerializer,
    JobSerializer,
    JobStatusInputSerializer,
    search_results_data,
)
from jobs.models import JobStatus
from jobs.permissions import can_edit_job, can_post_for
from jobs.ranking.pools import MATCH_WINDOW
from jobs.search import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    JobSearchForm,
    SortOrder,
    parse_search_params,
    search_jobs,
)
from jobs.search_match import SortUnavailable, match_viewer_for
from jobs.selectors.jobs import company_jobs_for, job_detail_queryset, job_for_viewer
from jobs.services import job_create, job_set_status, job_update
from jobs.services.invites import job_invite_candidate

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description='websearch syntax: "phrase", -word, or'),
    OpenApiParameter(
        "skills", str, description="Skill slugs, comma-separated (all of)"
    ),
    OpenApiParameter("city", str),
    OpenApiParameter("country", str, description="ISO 3166 alpha-2"),
    OpenApiParameter(
        "remote_policy",
        str,
        many=True,
        enum=[v for v, _ in JobSearchForm.base_fields["remote_policy"].choices],
    ),
    OpenApiParameter(
        "employment_type",
        str,
        many=True,
        enum=[v for v, _ in JobSearchForm.base_fields["employment_type"].choices],
    ),
    OpenApiParameter(
        "experience_level",
        str,
        many=True,
        enum=[v for v, _ in JobSearchForm.base_fields["experience_level"].choices],
    ),
    OpenApiParameter("salary_min", int),
    OpenApiParameter("salary_max", int),
    OpenApiParameter(
        "salary_currency", str, description="ISO 4217; omit to compare any currency"
    ),
    OpenApiParameter("salary_period", str, enum=["year", "month", "hour"]),
    OpenApiParameter("company", str, description="Company slug or id"),
    OpenApiParameter("posted_within_days", int),
    OpenApiParameter(
        "sort",
        str,
        enum=["relevance", "newest", "salary", "match"],
        description=(
            "match: the best "
            f"{MATCH_WINDOW} jobs by relevance (with q) or newest (without), "
            "ordered by the signed-in candidate's match score (each result then "
            "has match_score). Only for a candidate with a profile (their own "
            "scores, also when they opted out of scoring for employers); anyone "
            "else gets a 400 naming the reason."
        ),
    ),
    OpenApiParameter("cursor", str, description="Opaque cursor from next/previous"),
    OpenApiParameter("page_size", int, description=f"1–{MAX_PAGE_SIZE}"),
]


def _page_size(request) -> int:
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return DEFAULT_PAGE_SIZE
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise ValidationError(
            {"page_size": [f"A whole number from 1 to {MAX_PAGE_SIZE}."]}
        )
    return value


def _suggestion(url, suggestion):
    """The corrected search as data plus its URL (no cursor: a new search)."""
    if not suggestion:
        return None
    link = remove_query_param(url, "cursor")
    for name, value in suggestion.items():
        link = replace_query_param(link, name, value)
    return {**suggestion, "url": link}


class JobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published jobs for everyone; a company's members also see and change its
    other jobs."""

    serializer_class = JobSerializer
    pagination_class = None
    filter_backends = []
    # Digits only, and small enough for a bigint: "abc" or 10**30 is a 404.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        return job_detail_queryset().visible_to(self.request.user)

    def get_object(self):
        return job_for_viewer(user=self.request.user, pk=self.kwargs["pk"])

    # One search answer (results, facets, cursors), not a list of them.
    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses=forced_singular_serializer(JobSearchResponseSerializer),
    )
    def list(self, request):
        """Search published jobs: results, facet counts and cursors (cached)."""
        params, invalid = parse_search_params(request.query_params)
        if invalid:
            raise ValidationError(invalid)
        page_size = _page_size(request)
        cursor = request.query_params.get("cursor") or None
        viewer = None
        if params.effective_sort == SortOrder.MATCH:
            try:
                viewer = match_viewer_for(request.user)
            except SortUnavailable as exc:
                raise ValidationError({"sort": [str(exc)]}) from None
        try:
            result = search_jobs(
                params, cursor=cursor, page_size=page_size, viewer=viewer
            )
        except InvalidCursor as exc:
            raise ValidationError({"cursor": [str(exc)]}) from None
        url = request.build_absolute_uri()
        return Response(
            {
                "count": result.count,
                "count_is_estimate": result.count_is_estimate,
                "count_is_lower_bound": result.count_is_lower_bound,
                "count_display": result.count_display,
                "count_capped": result.count_capped,
                "facets_are_estimates": result.facets_are_estimates,
                "suggestion": _suggestion(url, result.suggestion),
                "next": result.next_cursor
                and replace_query_param(url, "cursor", result.next_cursor),
                "previous": result.previous_cursor
                and replace_query_param(url, "cursor", result.previous_cursor),
                "results": search_results_data(
                    result.results, fields=request.query_params.get("fields")
                ),
                "facets": result.facets,
            }
        )

    @extend_schema(request=JobInputSerializer, responses={201: JobSerializer})
    def create(self, request):
        """Create a draft job for a company you are a member of."""
        serializer = JobInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        company = data.pop("company")
        skills = data.pop("skills", None)
        if not can_post_for(request.user, company):
            raise PermissionDenied("Only members of the company can post its jobs.")
        try:
            job = job_create(
                company=company, posted_by=request.user, data=data, skills=skills
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        job = job_detail_queryset().get(pk=job.pk)
        return Response(JobSerializer(job).data, status=status.HTTP_201_CREATED)

    def _update(self, request, *, partial):
        job = self.get_object()
        if not can_edit_job(request.user, job):
            raise PermissionDenied("Only members of the company can edit its jobs.")
        serializer = JobInputSerializer(job, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        skills = data.pop("skills", None)
        try:
            job_update(job=job, user=request.user, data=data, skills=skills)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        job = job_detail_queryset().get(pk=job.pk)
        return Response(JobSerializer(job).data)

    @extend_schema(request=JobInputSerializer, responses=JobSerializer)
    def update(self, request, pk=None):
        return self._update(request, partial=False)

    @extend_schema(request=JobInputSerializer, responses=JobSerializer)
    def partial_update(self, request, pk=None):
        return self._update(request, partial=True)

    @extend_schema(
        request=JobStatusInputSerializer,
        responses={200: JobSerializer, **errors(conflict="The path is not allowed.")},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        """Publish, pause, close or archive (409 when the path is not allowed)."""
        job = self.get_object()
        if not can_edit_job(request.user, job):
            raise PermissionDenied("Only members of the company can change its jobs.")
        serializer = JobStatusInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job_set_status(
                job=job, user=request.user, status=serializer.validated_data["status"]
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        job = job_detail_queryset().get(pk=job.pk)
        return Response(JobSerializer(job).data)

    @extend_schema(
        request=JobInviteInputSerializer,
        responses={
            201: JobInviteSerializer,
            **errors(not_found="No such job, or no candidate profile you may see."),
        },
    )
    @action(detail=True, methods=["post"], url_path="invite")
    def invite(self, request, pk=None):
        """Invite a candidate to apply: a message in your company's direct thread
        with them, naming the job and its address (no application is created).
        400 when the job is not open or they already applied; 403 when you are
        not on the job's team or they do not accept your messages."""
        job = self.get_object()
        if not is_member(request.user, job.company):
            raise PermissionDenied("Only the job's team can invite to it.")
        serializer = JobInviteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = (
            CandidateProfile.objects.select_related("user")
            .filter(pk=serializer.validated_data["candidate"])
            .first()
        )
        if profile is None or not can_view_profile(request.user, profile):
            raise NotFound("No such candidate.")
        try:
            conversation = job_invite_candidate(
                user=request.user,
                job=job,
                candidate=profile.user,
                note=serializer.validated_data["note"],
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        data = {"conversation": conversation.pk, "job": job.pk, "candidate": profile.pk}
        return Response(JobInviteSerializer(data).data, status=status.HTTP_201_CREATED)


class CompanyJobPagination(CursorPagination):
    ordering = ("-created_at", "-id")


class CompanyJobViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every job (any status) of the companies you are a member of."""

    serializer_class = CompanyJobSerializer
    pagination_class = CompanyJobPagination
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        status_filter = self.request.query_params.get("status", "")
        if status_filter and status_filter not in JobStatus.values:
            raise ValidationError(
                {"status": [f"One of: {', '.join(JobStatus.values)}."]}
            )
        qs = company_jobs_for(self.request.user, status=status_filter)
        company = self.request.query_params.get("company", "").strip()
        if company:
            qs = (
                qs.filter(company_id=int(company) if len(company) <= 18 else 0)
                if company.isdigit()
                else qs.filter(company__slug=company)
            )
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=JobStatus.values),
            OpenApiParameter("company", OpenApiTypes.STR, description="slug or id"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
