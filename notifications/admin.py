from django.contrib import admin
from django.utils import timezone

from notifications.emails import queue_outgoing_emails
from notifications.models import (
    CompanyBlock,
    Conversation,
    ConversationReadMarker,
    Message,
    Notification,
    NotificationPreference,
    OutgoingEmail,
)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "recipient",
        "kind",
        "created_at",
        "read_at",
        "email_mode",
        "emailed_at",
    ]
    list_filter = [
        "kind",
        "email_mode",
        "in_app",
        ("read_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title", "recipient__email"]
    raw_id_fields = ["recipient", "actor"]
    date_hierarchy = "created_at"
    actions = ["mark_read"]

    @admin.action(description="Mark selected as read")
    def mark_read(self, request, queryset):
        changed = queryset.filter(read_at__isnull=True).update(read_at=timezone.now())
        self.message_user(request, f"Marked {changed} as read.")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "in_app", "email", "updated_at"]
    list_filter = ["kind", "in_app", "email"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    raw_id_fields = ["sender"]
    readonly_fields = ["created_at"]


class ReadMarkerInline(admin.TabularInline):
    model = ConversationReadMarker
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "candidate", "company", "application", "last_message_at"]
    list_filter = [("last_message_at", admin.DateFieldListFilter)]
    search_fields = ["subject", "candidate__email", "company__name"]
    raw_id_fields = ["candidate", "company", "application", "started_by"]
    list_select_related = ["candidate", "company"]
    inlines = [MessageInline, ReadMarkerInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "conversation", "sender", "created_at"]
    search_fields = ["body", "sender__email"]
    raw_id_fields = ["conversation", "sender"]
    date_hierarchy = "created_at"


@admin.register(CompanyBlock)
class CompanyBlockAdmin(admin.ModelAdmin):
    list_display = ["candidate", "company", "created_at"]
    search_fields = ["candidate__email", "company__name"]
    raw_id_fields = ["candidate", "company"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The email outbox: what waits, what failed and why. Read-only: rows are
    written by services and sent by tasks; "queue again" hands unsent ones to
    the send task at once (the sweeper would, after the grace period)."""

    list_display = ["subject", "purpose", "created_at", "sent_at", "attempts"]
    list_filter = ["purpose", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    actions = ["queue_again"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Queue again (unsent only)")
    def queue_again(self, request, queryset):
        ids = list(queryset.filter(sent_at__isnull=True).values_list("id", flat=True))
        queue_outgoing_emails(ids)
        self.message_user(request, f"{len(ids)} email(s) queued.")
