from rest_framework import serializers

from notifications.models import (
    MESSAGE_MAX_LENGTH,
    Conversation,
    EmailMode,
    Message,
    Notification,
    NotificationKind,
)


class NotificationSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "link",
            "actor",
            "created_at",
            "read_at",
        ]
        read_only_fields = fields

    def get_actor(self, obj) -> str | None:
        return obj.actor.full_name if obj.actor else None


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
    unread_conversations = serializers.IntegerField()


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NotificationKind.choices, read_only=True)
    label = serializers.CharField(read_only=True)
    in_app = serializers.BooleanField(required=False)
    email = serializers.ChoiceField(choices=EmailMode.choices, required=False)


class MessageSerializer(serializers.ModelSerializer):
    sender = serializers.SerializerMethodField()
    mine = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "conversation", "sender", "mine", "body", "created_at"]
        read_only_fields = fields

    def get_sender(self, obj) -> str | None:
        return (obj.sender.full_name or obj.sender.email) if obj.sender else None

    def get_mine(self, obj) -> bool:
        return obj.sender_id == self.context["request"].user.pk


class MessageInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MESSAGE_MAX_LENGTH, trim_whitespace=True)


class ConversationSerializer(serializers.ModelSerializer):
    company = serializers.SerializerMethodField()
    candidate = serializers.SerializerMethodField()
    unread = serializers.BooleanField(read_only=True)

    class Meta:
        model = Conversation
        fields = [
            "id",
            "subject",
            "candidate",
            "company",
            "application",
            "created_at",
            "last_message_at",
            "unread",
        ]
        read_only_fields = fields

    def get_company(self, obj) -> dict:
        return {
            "id": obj.company_id,
            "name": obj.company.name,
            "slug": obj.company.slug,
        }

    def get_candidate(self, obj) -> dict:
        return {"id": obj.candidate_id, "name": obj.candidate.full_name}


class ConversationStartSerializer(serializers.Serializer):
    """Either ``application`` or ``company`` + ``candidate`` (a user id)."""

    application = serializers.IntegerField(required=False, min_value=1)
    company = serializers.IntegerField(required=False, min_value=1)
    candidate = serializers.IntegerField(required=False, min_value=1)
    body = serializers.CharField(max_length=MESSAGE_MAX_LENGTH, trim_whitespace=True)

    def validate(self, attrs):
        if attrs.get("application"):
            if attrs.get("company") or attrs.get("candidate"):
                raise serializers.ValidationError(
                    "Give either an application or a company and a candidate."
                )
        elif not (attrs.get("company") and attrs.get("candidate")):
            raise serializers.ValidationError(
                "Give either an application or a company and a candidate."
            )
        return attrs
