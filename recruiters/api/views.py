"""Recruiters API under /api/v1/recruiters/.

Every queryset is scoped to the requesting user: agency members see their
agency's engagements, pool and placements; submissions are seen by the agency,
the client's team (its jobs) and the candidate. Other objects are 404s.
Service errors map to the shared error shape: 400 invalid, 403, 409 conflict.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from companies.models import Company, CompanyKind
from hotgigs.api.schema import errors
from jobs.models import Application, Job
from recruiters import permissions, reports, selectors, services
from recruiters.api.serializers import (
    ClientEngagementInputSerializer,
    DuplicateGroupSerializer,
    EngagementInputSerializer,
    EngagementSerializer,
    FeeInputSerializer,
    MergeInputSerializer,
    PlacementCreateSerializer,
    PlacementSerializer,
    PlacementTermsSerializer,
    PlacementTransitionInputSerializer,
    PoolEntryInputSerializer,
    PoolEntrySerializer,
    ReportSerializer,
    SplitsInputSerializer,
    SubmissionInputSerializer,
    SubmissionSerializer,
)
from recruiters.models import (
    ClientEngagement,
    Placement,
    PlacementSplit,
    Submission,
    SubmissionStatus,
    TalentPoolEntry,
)

RECRUITERS_MESSAGE = "Only members of the agency can work on its clients."

AGENCY_PARAM = OpenApiParameter(
    "agency", str, description="Agency slug (default: your first agency)"
)


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise ValidationError(exc.message_dict) from None
        raise ValidationError({"non_field_errors": exc.messages}) from None


def _agency_for(request):
    agencies = permissions.agencies_for(request.user)
    slug = request.query_params.get("agency")
    agency = agencies.filter(slug=slug).first() if slug else agencies.first()
    if agency is None:
        raise PermissionDenied("Only members of a recruiting agency can do this.")
    return agency


def _member_agencies(user):
    if not user.is_authenticated:  # the schema generator's fake request
        return Company.objects.none()
    return Company.objects.filter(kind=CompanyKind.AGENCY, memberships__user=user)


def _users(ids, field, message):
    """The users of ``ids``; a missing id answers the service's own message for
    a user who is not in the agency (no oracle of which ids exist)."""
    ids = list(dict.fromkeys(ids))
    users = list(User.objects.filter(pk__in=ids))
    if len(users) != len(ids):
        raise ValidationError({field: [message]})
    order = {pk: i for i, pk in enumerate(ids)}
    return sorted(users, key=lambda u: order[u.pk])


class EngagementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The agency's clients and their terms. DELETE ends an engagement (the row
    stays for history and reports)."""

    queryset = ClientEngagement.objects.none()  # for the schema; see get_queryset
    serializer_class = EngagementSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return (
            ClientEngagement.objects.filter(
                agency__in=_member_agencies(self.request.user)
            )
            .select_related("agency", "client")
            .prefetch_related("recruiters")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        parameters=[AGENCY_PARAM],
        request=EngagementInputSerializer,
        responses={201: EngagementSerializer, **errors(409)},
    )
    def create(self, request):
        agency = _agency_for(request)
        data = EngagementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("status", None)
        slug = fields.pop("client", None)
        client = None
        if slug:
            client = Company.objects.filter(slug=slug).first()
            if client is None:
                raise ValidationError({"client": ["No company has this slug."]})
        elif not fields.get("client_name"):
            raise ValidationError({"client": ["Give a client slug or a client_name."]})
        recruiter_ids = fields.pop("recruiters", None)
        recruiters = (
            _users(recruiter_ids, "recruiters", RECRUITERS_MESSAGE)
            if recruiter_ids is not None
            else None
        )
        engagement = _call(
            services.engagement_create,
            user=request.user,
            agency=agency,
            client=client,
            recruiters=recruiters,
            **fields,
        )
        return Response(
            EngagementSerializer(self.get_queryset().get(pk=engagement.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=EngagementInputSerializer,
        responses={200: EngagementSerializer, **errors(409)},
    )
    def partial_update(self, request, pk=None):
        engagement = self.get_object()
        data = EngagementInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "client" in fields or "client_name" in fields:
            raise ValidationError({"client": ["The client of an engagement is fixed."]})
        recruiter_ids = fields.pop("recruiters", None)
        _call(
            services.engagement_update,
            user=request.user,
            engagement=engagement,
            status=fields.pop("status", None),
            recruiters=_users(recruiter_ids, "recruiters", RECRUITERS_MESSAGE)
            if recruiter_ids is not None
            else None,
            **fields,
        )
        return Response(EngagementSerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=None, responses={204: None, **errors(409)})
    def destroy(self, request, pk=None):
        _call(services.engagement_end, user=request.user, engagement=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


def _slug(value) -> str:
    return (value or "").strip().lower()


class AgencyEngagementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The client's side: the agencies engaged by (or proposing to) the companies
    you belong to. Every member sees them; owners and admins accept or decline
    a proposal, engage an agency themselves (active at once) and end an
    engagement (the agency's open jobs for you are closed)."""

    queryset = ClientEngagement.objects.none()  # for the schema; see get_queryset
    serializer_class = EngagementSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:  # the schema generator's fake request
            return ClientEngagement.objects.none()
        return (
            ClientEngagement.objects.filter(
                client__in=Company.objects.filter(memberships__user=user)
            )
            .select_related("agency", "client")
            .prefetch_related("recruiters")
            .order_by("-created_at", "-id")
        )

    def _respond(self, engagement, code=status.HTTP_200_OK):
        return Response(
            EngagementSerializer(self.get_queryset().get(pk=engagement.pk)).data,
            status=code,
        )

    @extend_schema(
        request=ClientEngagementInputSerializer,
        responses={201: EngagementSerializer, **errors(409)},
    )
    def create(self, request):
        """Engage an agency on these terms (active at once: you are the client)."""
        managed = permissions.client_companies_for(request.user)
        if not managed.exists():
            raise PermissionDenied(
                "Only owners and admins of an employer company engage agencies."
            )
        data = ClientEngagementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        agency_slug, client_slug = fields.pop("agency"), fields.pop("client", "")
        client = (
            managed.filter(slug=_slug(client_slug)).first()
            if client_slug
            else managed.first()
        )
        if client is None:
            raise ValidationError({"client": ["You do not manage this company."]})
        agency = Company.objects.filter(
            slug=_slug(agency_slug), kind=CompanyKind.AGENCY
        ).first()
        if agency is None:
            raise ValidationError({"agency": ["No recruiting agency has this slug."]})
        engagement = _call(
            services.engagement_create_by_client,
            user=request.user,
            client=client,
            agency=agency,
            **fields,
        )
        return self._respond(engagement, status.HTTP_201_CREATED)

    def _act(self, service):
        engagement = self.get_object()  # not the user's company: 404
        engagement = _call(service, user=self.request.user, engagement=engagement)
        return self._respond(engagement)

    @extend_schema(request=None, responses={200: EngagementSerializer, **errors(409)})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept the agency's proposal: it may then act in your company's name."""
        return self._act(services.engagement_accept)

    @extend_schema(request=None, responses={200: EngagementSerializer, **errors(409)})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._act(services.engagement_decline)

    @extend_schema(request=None, responses={200: EngagementSerializer, **errors(409)})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the engagement: the agency's published and paused jobs for your
        company are closed."""
        return self._act(services.engagement_end)


class PoolViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = TalentPoolEntry.objects.none()  # for the schema; see get_queryset
    serializer_class = PoolEntrySerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return (
            TalentPoolEntry.objects.filter(
                agency__in=_member_agencies(self.request.user)
            )
            .select_related("candidate")
            .prefetch_related("tags")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        parameters=[OpenApiParameter("tag", str), OpenApiParameter("q", str)]
    )
    def list(self, request):
        qs = self.get_queryset()
        # NUL cannot be in a PostgreSQL string: drop it rather than fail.
        tag = request.query_params.get("tag", "").replace("\x00", "").strip().lower()
        if tag:
            qs = qs.filter(tags__name=tag)
        q = request.query_params.get("q", "").replace("\x00", "").strip()[:100]
        if q:
            qs = qs.filter(Q(candidate__full_name__icontains=q) | Q(email__icontains=q))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(PoolEntrySerializer(page, many=True).data)

    @extend_schema(
        parameters=[AGENCY_PARAM],
        request=PoolEntryInputSerializer,
        responses={201: PoolEntrySerializer, **errors(409)},
    )
    def create(self, request):
        agency = _agency_for(request)
        data = PoolEntryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "candidate" not in fields:
            raise ValidationError({"candidate": ["This field is required."]})
        # A missing id, a non-candidate and a profile the agency may not see all
        # answer the same 400 (services.candidate_profile_for_agency).
        profile = services.candidate_profile_for_agency(
            user=request.user, agency=agency, candidate_id=fields.pop("candidate")
        )
        if profile is None:
            raise ValidationError({"candidate": [services.UNKNOWN_CANDIDATE]})
        candidate = profile.user
        entry = _call(
            services.talent_pool_add,
            user=request.user,
            agency=agency,
            candidate=candidate,
            **fields,
        )
        return Response(
            PoolEntrySerializer(self.get_queryset().get(pk=entry.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=PoolEntryInputSerializer, responses=PoolEntrySerializer)
    def partial_update(self, request, pk=None):
        entry = self.get_object()
        data = PoolEntryInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if set(fields) & {"candidate", "source"}:
            raise ValidationError({"candidate": ["Candidate and source are fixed."]})
        _call(services.talent_pool_update, user=request.user, entry=entry, **fields)
        return Response(PoolEntrySerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, pk=None):
        _call(services.talent_pool_remove, user=request.user, entry=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=MergeInputSerializer,
        responses={200: PoolEntrySerializer, **errors(404, 409)},
    )
    @action(detail=False, methods=["post"])
    def merge(self, request):
        """Merge two duplicate entries: ``merge`` is folded into ``keep``."""
        data = MergeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        qs = self.get_queryset()
        keep = qs.filter(pk=data.validated_data["keep"]).first()
        merge = qs.filter(pk=data.validated_data["merge"]).first()
        if keep is None or merge is None:
            raise NotFound("No such pool entry.")
        kept = _call(
            services.talent_pool_merge, user=request.user, keep=keep, merge=merge
        )
        return Response(PoolEntrySerializer(qs.get(pk=kept.pk)).data)

    @extend_schema(
        parameters=[AGENCY_PARAM], responses=DuplicateGroupSerializer(many=True)
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def duplicates(self, request):
        """Groups of entries sharing an email or phone (one person, twice)."""
        agency = _agency_for(request)
        groups = selectors.pool_duplicates(agency)
        return Response(
            DuplicateGroupSerializer(
                [{"entries": group} for group in groups], many=True
            ).data
        )


class SubmissionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Agency members see their agency's submissions, a client's team the ones
    to its jobs, a candidate their own requests."""

    queryset = Submission.objects.none()  # for the schema; see get_queryset
    serializer_class = SubmissionSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:
            return Submission.objects.none()
        agencies = _member_agencies(user).values("pk")
        companies = Company.objects.filter(memberships__user=user).values("pk")
        return (
            Submission.objects.filter(
                Q(agency__in=agencies)
                | Q(candidate=user)
                # The client's team sees a submission once the candidate consented.
                | Q(job__company__in=companies, status=SubmissionStatus.ACCEPTED)
            )
            .select_related("agency", "job__company", "candidate", "recruiter")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        parameters=[AGENCY_PARAM],
        request=SubmissionInputSerializer,
        responses={201: SubmissionSerializer, **errors(409)},
    )
    def create(self, request):
        agency = _agency_for(request)
        data = SubmissionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = (
            Job.objects.select_related("company")
            .filter(pk=data.validated_data["job"])
            .first()
        )
        if job is None:
            raise ValidationError({"job": ["Unknown job."]})
        candidate = User.objects.filter(pk=data.validated_data["candidate"]).first()
        if candidate is None:
            raise ValidationError({"candidate": [services.UNKNOWN_CANDIDATE]})
        # The latest engagement with the job's company: a paused or ended one
        # is refused by the service with a 409.
        engagement = (
            ClientEngagement.objects.filter(agency=agency, client_id=job.company_id)
            .order_by("-created_at", "-id")
            .first()
        )
        if engagement is None:
            raise ValidationError({"job": ["This job's company is not a client."]})
        submission = _call(
            services.submission_create,
            user=request.user,
            engagement=engagement,
            job=job,
            candidate=candidate,
            pitch=data.validated_data.get("pitch", ""),
        )
        return Response(
            SubmissionSerializer(self.get_queryset().get(pk=submission.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def _answer(self, service):
        submission = self.get_object()
        _call(service, user=self.request.user, submission=submission)
        return Response(
            SubmissionSerializer(self.get_queryset().get(pk=submission.pk)).data
        )

    @extend_schema(request=None, responses={200: SubmissionSerializer, **errors(409)})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The candidate consents: the application is created."""
        return self._answer(services.submission_accept)

    @extend_schema(request=None, responses={200: SubmissionSerializer, **errors(409)})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(services.submission_decline)

    @extend_schema(request=None, responses={200: SubmissionSerializer, **errors(409)})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The agency takes back a request not answered yet."""
        return self._answer(services.submission_withdraw)


class PlacementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Placement.objects.none()  # for the schema; see get_queryset
    serializer_class = PlacementSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):

        return (
            Placement.objects.filter(agency__in=_member_agencies(self.request.user))
            .select_related("candidate")
            .prefetch_related(
                Prefetch(
                    "splits",
                    queryset=PlacementSplit.objects.select_related("recruiter"),
                )
            )
            .order_by("-created_at", "-id")
        )

    def _respond(self, placement, code=status.HTTP_200_OK):
        return Response(
            PlacementSerializer(self.get_queryset().get(pk=placement.pk)).data,
            status=code,
        )

    @extend_schema(
        request=PlacementCreateSerializer,
        responses={201: PlacementSerializer, **errors(409)},
    )
    def create(self, request):
        """Record the placement of a hired, agency-submitted application."""
        data = PlacementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        application = Application.objects.filter(
            pk=fields.pop("application"),
            submission__agency__in=_member_agencies(request.user),
        ).first()
        if application is None:
            raise ValidationError({"application": ["Unknown application."]})
        placement = _call(
            services.placement_create_from_application,
            user=request.user,
            application=application,
            **fields,
        )
        return self._respond(placement, status.HTTP_201_CREATED)

    def _update(self, request, input_serializer, service):
        """Validate the input and pass its fields to a placement service."""
        placement = self.get_object()  # an outsider gets 404 before any 400
        data = input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = _call(
            service, user=request.user, placement=placement, **data.validated_data
        )
        return self._respond(placement)

    @extend_schema(
        request=PlacementTermsSerializer,
        responses={200: PlacementSerializer, **errors(409)},
    )
    @action(detail=True, methods=["post"])
    def terms(self, request, pk=None):
        """Salary, currency, start date; the fee is recomputed from the terms."""
        return self._update(
            request, PlacementTermsSerializer, services.placement_update_terms
        )

    @extend_schema(
        request=FeeInputSerializer, responses={200: PlacementSerializer, **errors(409)}
    )
    @action(detail=True, methods=["post"])
    def fee(self, request, pk=None):
        """Override the fee; a reason is required."""
        return self._update(request, FeeInputSerializer, services.placement_update_fee)

    @extend_schema(
        request=SplitsInputSerializer,
        responses={200: PlacementSerializer, **errors(409)},
    )
    @action(detail=True, methods=["put"])
    def splits(self, request, pk=None):
        """Replace the commission split (percents summing to 100.00)."""
        placement = self.get_object()  # an outsider gets 404 before any 400
        data = SplitsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = data.validated_data["splits"]
        users = {
            u.pk: u
            for u in _users(
                [r["recruiter"] for r in rows],
                "splits",
                "Every share goes to a member of the agency.",
            )
        }
        _call(
            services.placement_set_splits,
            user=request.user,
            placement=placement,
            splits=[(users[r["recruiter"]], r["percent"]) for r in rows],
        )
        return self._respond(placement)

    @extend_schema(
        request=PlacementTransitionInputSerializer,
        responses={200: PlacementSerializer, **errors(409)},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """pending → invoiced → paid; any → cancelled (fall-off inside guarantee)."""
        placement = self.get_object()  # an outsider gets 404 before any 400
        data = PlacementTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = _call(
            services.placement_transition,
            user=request.user,
            placement=placement,
            to_status=data.validated_data["status"],
        )
        return self._respond(placement)


class ReportView(APIView):
    @extend_schema(
        parameters=[
            AGENCY_PARAM,
            OpenApiParameter("by", OpenApiTypes.STR, enum=["recruiter", "client"]),
        ],
        responses=ReportSerializer,
    )
    def get(self, request):
        """Submissions, interviews, placements, fall-offs, fees, commission, fill
        rate and time to fill, per recruiter or per client."""
        by = request.query_params.get("by", "recruiter")
        if by not in ("recruiter", "client"):
            raise ValidationError({"by": ["Choose recruiter or client."]})
        agency = _agency_for(request)
        rows = (
            reports.report_by_recruiter(agency)
            if by == "recruiter"
            else reports.report_by_client(agency)
        )
        return Response(ReportSerializer({"by": by, "rows": rows}).data)
