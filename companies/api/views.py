"""`/api/v1/companies/`: a public directory; writes per role.

- list/retrieve: anyone (filters kind, industry, country, verified; `search` by name)
- create: employer and recruiter accounts (the creator becomes the owner)
- update: owners and admins; `is_verified` only by staff
- delete: not offered (405) — a company carries jobs and hiring history; staff
  remove companies in the admin.
- `{id}/members/`: members list it; owners/admins invite (POST), change a role
  (PATCH `{membership_id}/`), remove (DELETE `{membership_id}/`, your own = leave)
- `{id}/invitations/`: owners/admins list and revoke pending invitations
- `{id}/logo/`: owners/admins upload (multipart `file`) or remove the logo
"""

from contextlib import contextmanager

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from companies import permissions, selectors, services
from companies.api.serializers import (
    CompanyInputSerializer,
    CompanySerializer,
    InvitationInputSerializer,
    InvitationSerializer,
    LogoUploadSerializer,
    MembershipRoleSerializer,
    MembershipSerializer,
)
from companies.models import CompanyKind, Invitation, Membership
from hotgigs.api.errors import Conflict
from hotgigs.api.schema import errors


@contextmanager
def service_errors():
    """Service exceptions → the API's error shape (last owner → 409)."""
    try:
        yield
    except DjangoValidationError as exc:
        if getattr(exc, "code", None) == "last_owner":
            raise Conflict(exc.messages[0]) from None
        if hasattr(exc, "error_dict"):
            detail = {
                ("non_field_errors" if k == "__all__" else k): v
                for k, v in exc.message_dict.items()
            }
        else:
            detail = exc.messages
        raise exceptions.ValidationError(detail) from None


class CompanyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=CompanyKind.choices)
    industry = django_filters.CharFilter(field_name="industry", lookup_expr="iexact")
    country = django_filters.CharFilter(method="filter_country", max_length=2)
    # Strict: an unknown value is a 400, not silently "no filter".
    verified = django_filters.TypedChoiceFilter(
        field_name="is_verified",
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
    )
    search = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=100
    )

    def filter_country(self, queryset, name, value):
        return queryset.filter(hq_country=value.strip().upper())


@extend_schema_view(
    list=extend_schema(summary="Company directory (public)"),
    retrieve=extend_schema(summary="One company (public)"),
    create=extend_schema(
        summary="Create a company (employers) or agency (recruiters)",
        request=CompanyInputSerializer,
        responses={201: CompanySerializer},
    ),
    partial_update=extend_schema(
        summary="Edit a company (owners/admins; is_verified: staff)",
        request=CompanyInputSerializer,
        responses={200: CompanySerializer},
    ),
    update=extend_schema(
        summary="Edit a company (owners/admins; is_verified: staff)",
        request=CompanyInputSerializer,
        responses={200: CompanySerializer},
    ),
)
class CompanyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CompanySerializer
    filterset_class = CompanyFilter
    # Ids beyond a bigint are not ids: 404 from the router, not a database error.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        # Companies are public: the directory shows every one.
        return selectors.company_list()

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return [IsAuthenticated()]

    def create(self, request, *args, **kwargs):
        if not permissions.can_create_company(request.user):
            raise exceptions.PermissionDenied(
                "Only employer and recruiter accounts can create a company."
            )
        data = self._input(request, partial=False)
        data.pop("is_verified", None)
        with service_errors():
            company = services.company_create(user=request.user, **data)
        return Response(
            CompanySerializer(company, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def update(self, request, *args, **kwargs):
        company = self.get_object()
        data = self._input(request, partial=True)
        verified = data.pop("is_verified", None)
        kind = data.pop("kind", None)
        if kind is not None and kind != company.kind:
            raise exceptions.ValidationError(
                {"kind": ["The kind of a company cannot change."]}
            )
        if not (
            permissions.can_manage_company(request.user, company)
            or (request.user.is_staff and not data)
        ):
            raise exceptions.PermissionDenied(
                "Only owners and admins of this company can edit it."
            )
        with service_errors():
            if verified is not None and verified != company.is_verified:
                services.company_verify(
                    user=request.user, company=company, verified=verified
                )
            if data:
                services.company_update(user=request.user, company=company, **data)
        return Response(
            CompanySerializer(company, context=self.get_serializer_context()).data
        )

    def _input(self, request, *, partial):
        serializer = CompanyInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    # --- members ----------------------------------------------------------------

    def _company_for_members(self):
        company = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not permissions.is_member(self.request.user, company):
            raise exceptions.PermissionDenied(
                "Only members of this company can see its team."
            )
        return company

    @extend_schema(
        methods=["GET"],
        summary="Team members (members only)",
        responses={200: MembershipSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Invite by email (owners/admins)",
        request=InvitationInputSerializer,
        responses={201: InvitationSerializer},
    )
    @action(
        detail=True, methods=["get", "post"], url_path="members", filter_backends=[]
    )
    def members(self, request, pk=None):
        company = self._company_for_members()
        if request.method == "POST":
            serializer = InvitationInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            with service_errors():
                invitation = services.invitation_create(
                    user=request.user, company=company, **serializer.validated_data
                )
            return Response(
                InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED
            )
        team = selectors.team_for_company(company)
        page = self.paginate_queryset(team)
        return self.get_paginated_response(MembershipSerializer(page, many=True).data)

    @extend_schema(
        methods=["PATCH"],
        summary="Change a member's role (owners/admins)",
        request=MembershipRoleSerializer,
        responses={200: MembershipSerializer, **errors(conflict="Last owner")},
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Remove a member (owners/admins) or leave (your own membership)",
        responses={204: None, **errors(conflict="Last owner")},
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"members/(?P<membership_id>[0-9]{1,18})",
    )
    def member(self, request, pk=None, membership_id=None):
        company = self._company_for_members()
        membership = get_object_or_404(
            Membership.objects.select_related("user", "company"),
            pk=membership_id,
            company=company,
        )
        if request.method == "DELETE":
            with service_errors():
                services.membership_remove(user=request.user, membership=membership)
            return Response(status=status.HTTP_204_NO_CONTENT)
        serializer = MembershipRoleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            membership = services.membership_change_role(
                user=request.user,
                membership=membership,
                role=serializer.validated_data["role"],
            )
        return Response(MembershipSerializer(membership).data)

    # --- invitations ------------------------------------------------------------

    def _company_for_managers(self):
        company = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not permissions.can_manage_company(self.request.user, company):
            raise exceptions.PermissionDenied(
                "Only owners and admins of this company can do this."
            )
        return company

    @extend_schema(
        summary="Pending invitations (owners/admins)",
        responses={200: InvitationSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], url_path="invitations", filter_backends=[])
    def invitations(self, request, pk=None):
        company = self._company_for_managers()
        page = self.paginate_queryset(selectors.pending_invitations(company))
        return self.get_paginated_response(InvitationSerializer(page, many=True).data)

    @extend_schema(summary="Revoke a pending invitation", responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"invitations/(?P<invitation_id>[0-9]{1,18})",
    )
    def invitation(self, request, pk=None, invitation_id=None):
        company = self._company_for_managers()
        invitation = get_object_or_404(
            Invitation.objects.select_related("company"),
            pk=invitation_id,
            company=company,
            accepted_at__isnull=True,
        )
        with service_errors():
            services.invitation_revoke(user=request.user, invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- logo -------------------------------------------------------------------

    @extend_schema(
        methods=["POST"],
        summary="Upload the logo (owners/admins; PNG, JPEG or WebP, ≤ 5 MB)",
        request={"multipart/form-data": LogoUploadSerializer},
        responses={200: CompanySerializer},
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Remove the logo (owners/admins)",
        responses={200: CompanySerializer},
    )
    @action(
        detail=True,
        methods=["post", "delete"],
        url_path="logo",
        parser_classes=[MultiPartParser, FormParser],
    )
    def logo(self, request, pk=None):
        company = self._company_for_managers()
        with service_errors():
            if request.method == "DELETE":
                services.company_remove_logo(user=request.user, company=company)
            else:
                serializer = LogoUploadSerializer(data=request.data)
                serializer.is_valid(raise_exception=True)
                try:
                    services.company_set_logo(
                        user=request.user,
                        company=company,
                        upload=serializer.validated_data["file"],
                    )
                except DjangoValidationError as exc:
                    raise exceptions.ValidationError({"file": exc.messages}) from None
        return Response(
            CompanySerializer(company, context=self.get_serializer_context()).data
        )


class InvitationAcceptView(APIView):
    """`POST /api/v1/invitations/{token}/accept/`: join the company."""

    @extend_schema(
        summary="Accept an invitation (the invited, signed-in user)",
        request=None,
        responses={201: MembershipSerializer},
    )
    def post(self, request, token):
        invitation = selectors.invitation_by_token(token)
        if invitation is None:
            raise exceptions.NotFound("This invitation does not exist.")
        with service_errors():
            membership = services.invitation_accept(
                user=request.user, invitation=invitation
            )
        return Response(
            MembershipSerializer(membership).data, status=status.HTTP_201_CREATED
        )
