from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from companies.models import Company
from hotgigs.api.pagination import CursorPagination
from hotgigs.api.schema import errors
from jobs.models import Application
from notifications import messaging, selectors, services
from notifications.api import serializers as s
from notifications.models import Conversation, Notification, NotificationKind


def _raise_validation(exc: DjangoValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    raise exceptions.ValidationError(detail)


class MessageThrottle(UserRateThrottle):
    """Sending messages: 20 a minute per user (settings.MESSAGE_RATE)."""

    scope = "messages"

    def get_rate(self):
        return getattr(settings, "MESSAGE_RATE", "20/minute")

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = r"[0-9]{1,18}"
    serializer_class = s.NotificationSerializer
    pagination_class = CursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        unread = self.request.query_params.get("unread", "").lower()
        if unread not in ("", "true", "false", "1", "0"):
            raise exceptions.ValidationError({"unread": "Use true or false."})
        kind = self.request.query_params.get("kind", "")
        if kind and kind not in NotificationKind.values:
            raise exceptions.ValidationError({"kind": f"Unknown kind “{kind}”."})
        return selectors.notifications_for(
            self.request.user, kind=kind, unread=unread in ("true", "1")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("unread", OpenApiTypes.BOOL, description="Only unread."),
            OpenApiParameter("kind", str, enum=NotificationKind.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses=s.MarkedSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = get_object_or_404(
            selectors.notifications_for(request.user), pk=pk
        )
        marked = services.notification_mark_read(
            user=request.user, ids=[notification.pk]
        )
        return Response({"marked": marked})

    @extend_schema(request=None, responses=s.MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.notification_mark_read(user=request.user)})

    @extend_schema(responses=s.UnreadCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response(
            {
                "unread": selectors.unread_notification_count(request.user),
                "unread_conversations": selectors.unread_conversation_count(
                    request.user
                ),
            }
        )


class PreferenceViewSet(viewsets.ViewSet):
    """Every kind with its in-app and email setting; PATCH one kind."""

    lookup_field = "kind"
    lookup_value_regex = "[a-z_]+"
    serializer_class = s.PreferenceSerializer

    @extend_schema(responses=s.PreferenceSerializer(many=True))
    def list(self, request):
        return Response(selectors.preferences_for(request.user))

    @extend_schema(
        request=s.PreferenceSerializer,
        responses=s.PreferenceSerializer,
        parameters=[
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, enum=NotificationKind.values
            )
        ],
    )
    def partial_update(self, request, kind=None):
        if kind not in NotificationKind.values:
            raise exceptions.NotFound(f"Unknown notification kind “{kind}”.")
        serializer = s.PreferenceSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.preference_set(
            user=request.user, kind=kind, **serializer.validated_data
        )
        row = next(
            r for r in selectors.preferences_for(request.user) if r["kind"] == kind
        )
        return Response(row)


# One answer for "missing" and "not yours": no existence oracle on ids.
NO_APPLICATION = "No such application you can message about."
NO_CANDIDATE = "No such candidate you can message for that company."


class ConversationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.ConversationSerializer
    throttle_classes = [*viewsets.GenericViewSet.throttle_classes, MessageThrottle]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Conversation.objects.none()
        return selectors.conversations_for(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return s.ConversationStartSerializer
        if self.action == "messages":
            return s.MessageSerializer
        return s.ConversationSerializer

    @extend_schema(
        request=s.ConversationStartSerializer,
        responses={
            201: s.ConversationSerializer,
            **errors(not_found=f"{NO_APPLICATION} / {NO_CANDIDATE}"),
        },
        description=(
            "Start (or continue) a thread about an application, or a direct one "
            "with a candidate for a company you belong to. A missing object and "
            "one you may not use get the same 404, so ids cannot be probed."
        ),
    )
    def create(self, request):
        data = s.ConversationStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = request.user
        try:
            if values.get("application"):
                application = (
                    Application.objects.select_related("job")
                    .filter(pk=values["application"])
                    .first()
                )
                if application is None or not messaging.can_message_about_application(
                    user, application
                ):
                    raise exceptions.NotFound(NO_APPLICATION)
                conversation = messaging.conversation_start_for_application(
                    user=user, application=application, body=values["body"]
                )
            else:
                company = Company.objects.filter(pk=values["company"]).first()
                candidate = (
                    get_user_model().objects.filter(pk=values["candidate"]).first()
                )
                if (
                    company is None
                    or candidate is None
                    or not messaging.can_message_candidate(
                        user, company=company, candidate=candidate
                    )
                ):
                    raise exceptions.NotFound(NO_CANDIDATE)
                conversation = messaging.conversation_start_direct(
                    user=user, company=company, candidate=candidate, body=values["body"]
                )
        except DjangoValidationError as exc:
            _raise_validation(exc)
        conversation = self.get_queryset().get(pk=conversation.pk)
        return Response(
            s.ConversationSerializer(conversation, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["GET"], request=None, responses=s.MessageSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        request=s.MessageInputSerializer,
        responses={201: s.MessageSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=CursorPagination)
    def messages(self, request, pk=None):
        conversation = self.get_object()
        if request.method == "POST":
            data = s.MessageInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            try:
                message = messaging.message_send(
                    user=request.user,
                    conversation=conversation,
                    body=data.validated_data["body"],
                )
            except DjangoValidationError as exc:
                _raise_validation(exc)
            return Response(
                s.MessageSerializer(message, context={"request": request}).data,
                status=status.HTTP_201_CREATED,
            )
        qs = selectors.conversation_messages(conversation).order_by(
            "-created_at", "-id"
        )
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(
            s.MessageSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        conversation = self.get_object()
        messaging.conversation_mark_read(user=request.user, conversation=conversation)
        return Response(status=status.HTTP_204_NO_CONTENT)


__all__ = [
    "ConversationViewSet",
    "NotificationViewSet",
    "PreferenceViewSet",
    "Conversation",
    "Notification",
]
