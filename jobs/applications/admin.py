"""Admin of applications (imported by jobs/admin.py): filters by stage, job and
company, the history inline (read-only), notes and interviews; actions call the
same services as the pages."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Avg

from hotgigs.errors import Conflict
from jobs.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationRating,
    Interview,
    InterviewStatus,
    SavedJob,
)
from jobs.services.applications import application_transition
from jobs.services.interviews import interview_cancel


def _move_all(modeladmin, request, queryset, **move):
    moved, refused = 0, []
    for application in queryset:
        try:
            application_transition(application=application, actor=request.user, **move)
            moved += 1
        except (Conflict, ValidationError) as exc:
            refused.append(f"#{application.pk}: {exc}")
    modeladmin.message_user(request, f"{moved} application(s) moved.")
    for line in refused[:20]:
        modeladmin.message_user(request, line, level=messages.WARNING)


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "from_stage", "to_stage", "actor", "note"]
    readonly_fields = fields
    ordering = ["created_at", "id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ApplicationNoteInline(admin.TabularInline):
    model = ApplicationNote
    extra = 0
    fields = ["created_at", "author", "body"]
    readonly_fields = ["created_at", "author"]


class ApplicationRatingInline(admin.TabularInline):
    model = ApplicationRating
    extra = 0
    fields = ["rater", "score"]
    readonly_fields = ["rater"]


class InterviewInline(admin.TabularInline):
    model = Interview
    extra = 0
    fields = ["starts_at", "duration_minutes", "timezone", "status", "sequence"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "candidate",
        "job",
        "company_name",
        "stage",
        "source",
        "average_rating",
        "created_at",
        "stage_changed_at",
    ]
    list_filter = ["stage", "source", "rejection_reason", "job__company", "job"]
    list_select_related = ["candidate", "job__company"]
    search_fields = ["candidate__email", "candidate__full_name", "job__title"]
    date_hierarchy = "created_at"
    raw_id_fields = [
        "job",
        "candidate",
        "submitted_by",
        "resume",
        "cover_letter_document",
    ]
    # The stage moves only through the services (pages/API), which write history.
    readonly_fields = ["stage", "stage_changed_at", "created_at", "updated_at"]
    actions = ["move_to_screening", "reject_position_filled"]
    inlines = [
        ApplicationEventInline,
        ApplicationNoteInline,
        ApplicationRatingInline,
        InterviewInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_rating=Avg("ratings__score"))

    @admin.action(description="Move to screening (tells the candidates)")
    def move_to_screening(self, request, queryset):
        _move_all(self, request, queryset, to_stage="screening")

    @admin.action(description="Reject: position filled (tells the candidates)")
    def reject_position_filled(self, request, queryset):
        _move_all(
            self,
            request,
            queryset,
            to_stage="rejected",
            rejection_reason="position_filled",
        )

    @admin.display(description="company", ordering="job__company__name")
    def company_name(self, obj):
        return obj.job.company.name

    @admin.display(description="rating", ordering="_rating")
    def average_rating(self, obj):
        return None if obj._rating is None else round(obj._rating, 1)


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["id", "application", "starts_at", "timezone", "status", "sequence"]
    list_select_related = ["application__candidate", "application__job"]
    list_filter = ["status", "application__job__company"]
    search_fields = ["application__candidate__email", "application__job__title"]
    raw_id_fields = ["application", "created_by"]
    filter_horizontal = ["interviewers"]
    readonly_fields = ["sequence", "status"]
    actions = ["cancel_interviews"]

    @admin.action(description="Cancel selected interviews (emails the candidate)")
    def cancel_interviews(self, request, queryset):
        done = 0
        for interview in queryset.filter(status=InterviewStatus.SCHEDULED):
            try:
                interview_cancel(interview=interview, actor=request.user)
                done += 1
            except (Conflict, ValidationError) as exc:
                self.message_user(request, str(exc), level=messages.WARNING)
        self.message_user(request, f"{done} interview(s) cancelled.")


@admin.register(ApplicationNote)
class ApplicationNoteAdmin(admin.ModelAdmin):
    list_display = ["id", "application", "author", "created_at"]
    list_select_related = ["application__candidate", "application__job", "author"]
    search_fields = ["body", "application__candidate__email"]
    raw_id_fields = ["application", "author"]


@admin.register(SavedJob)
class SavedJobAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "job", "created_at"]
    list_select_related = ["user", "job"]
    search_fields = ["user__email", "job__title"]
    raw_id_fields = ["user", "job"]
