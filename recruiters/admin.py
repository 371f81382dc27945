from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from hotgigs.errors import Conflict, NotAllowed
from recruiters import services
from recruiters.models import (
    ClientEngagement,
    Placement,
    PlacementSplit,
    Submission,
    Tag,
    TalentPoolEntry,
)


def _run(modeladmin, request, queryset, call, done):
    changed = 0
    for obj in queryset:
        try:
            call(obj)
        except (NotAllowed, ValidationError, Conflict) as exc:
            text = getattr(exc, "detail", None) or " ".join(
                getattr(exc, "messages", [])
            )
            modeladmin.message_user(request, f"{obj}: {text or exc}", messages.ERROR)
            continue
        changed += 1
    modeladmin.message_user(request, f"{changed} {done}.", messages.SUCCESS)


@admin.register(ClientEngagement)
class ClientEngagementAdmin(admin.ModelAdmin):
    list_display = [
        "client",
        "agency",
        "status",
        "fee_type",
        "fee_percent",
        "flat_fee",
        "currency",
        "guarantee_days",
        "created_at",
    ]
    list_filter = [
        "status",
        "unclaimed_client",
        "fee_type",
        "allow_client_pipeline_view",
    ]
    search_fields = ["agency__name", "client__name", "contact_name", "contact_email"]
    autocomplete_fields = ["agency", "client", "recruiters", "created_by"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "responded_at",
        "responded_by",
        "ended_at",
        "ended_by",
    ]
    list_select_related = ["agency", "client"]
    actions = ["accept_proposals", "decline_proposals", "end_engagements"]
    show_full_result_count = False

    @admin.action(description="Accept the selected proposals (for the client)")
    def accept_proposals(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.engagement_accept(user=request.user, engagement=e),
            "proposal(s) accepted",
        )

    @admin.action(description="Decline the selected proposals (for the client)")
    def decline_proposals(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.engagement_decline(user=request.user, engagement=e),
            "proposal(s) declined",
        )

    @admin.action(description="End the selected engagements")
    def end_engagements(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.engagement_end(user=request.user, engagement=e),
            "engagement(s) ended",
        )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "agency"]
    search_fields = ["name", "agency__name"]
    list_select_related = ["agency"]


@admin.register(TalentPoolEntry)
class TalentPoolEntryAdmin(admin.ModelAdmin):
    list_display = ["candidate", "agency", "email", "phone", "source", "created_at"]
    list_filter = ["source"]
    search_fields = [
        "candidate__email",
        "candidate__full_name",
        "email",
        "phone",
        "agency__name",
    ]
    autocomplete_fields = ["agency", "candidate", "added_by"]
    filter_horizontal = ["tags"]
    list_select_related = ["agency", "candidate"]
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["candidate", "job", "agency", "recruiter", "status", "created_at"]
    list_filter = ["status"]
    search_fields = [
        "candidate__email",
        "job__title",
        "agency__name",
        "recruiter__email",
    ]
    autocomplete_fields = ["agency", "job", "candidate", "recruiter", "application"]
    raw_id_fields = ["engagement"]
    list_select_related = ["candidate", "job", "agency", "recruiter"]
    readonly_fields = ["created_at", "updated_at", "responded_at"]
    show_full_result_count = False


class PlacementSplitInline(admin.TabularInline):
    model = PlacementSplit
    extra = 0
    autocomplete_fields = ["recruiter"]
    readonly_fields = ["amount"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = [
        "candidate",
        "job",
        "agency",
        "fee",
        "currency",
        "status",
        "is_fall_off",
        "start_date",
        "created_at",
    ]
    list_filter = ["status", "is_fall_off", "currency"]
    search_fields = ["candidate__email", "job__title", "agency__name"]
    autocomplete_fields = ["agency", "candidate", "job", "application", "created_by"]
    raw_id_fields = ["engagement", "submission"]
    list_select_related = ["candidate", "job", "agency"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "invoiced_at",
        "paid_at",
        "cancelled_at",
        "is_fall_off",
    ]
    inlines = [PlacementSplitInline]
    actions = ["mark_invoiced", "mark_paid", "cancel", "reconcile"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def _transition(self, request, queryset, to_status, done):
        _run(
            self,
            request,
            queryset,
            lambda p: services.placement_transition(
                user=request.user, placement=p, to_status=to_status
            ),
            done,
        )

    @admin.action(description="Mark invoiced")
    def mark_invoiced(self, request, queryset):
        self._transition(request, queryset, "invoiced", "placement(s) invoiced")

    @admin.action(description="Mark paid")
    def mark_paid(self, request, queryset):
        self._transition(request, queryset, "paid", "placement(s) paid")

    @admin.action(description="Cancel (records a fall-off inside the guarantee)")
    def cancel(self, request, queryset):
        self._transition(request, queryset, "cancelled", "placement(s) cancelled")

    @admin.action(description="Create missing placements for hired submissions")
    def reconcile(self, request, queryset):
        created = services.placements_reconcile()
        self.message_user(request, f"{created} placement(s) created.", messages.SUCCESS)
