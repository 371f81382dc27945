from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction

from hotgigs.countries import CountryAdminMixin
from hotgigs.richtext import RichTextAdminMixin

# Django's autodiscovery imports jobs.admin only: these register the
# applications' and job alerts' admins.
from jobs.alerts import admin as alerts_admin  # noqa: F401
from jobs.applications import admin as applications_admin  # noqa: F401
from jobs.models import Job, JobSkill, JobStatus, yearly
from jobs.search_cache import bump_search_version
from jobs.services import JobTransitionError, job_set_status, refresh_search_vectors


class JobSkillInline(admin.StackedInline):
    # Stacked, not tabular: a tabular inline's inputs have only a column
    # header, no label of their own (axe: "Form elements must have labels").
    model = JobSkill
    extra = 1
    autocomplete_fields = ["skill"]


def _bulk_status(modeladmin, request, queryset, target):
    changed, refused = 0, []
    for job in queryset.select_related("company"):
        try:
            # user=None: staff act through the admin, not as company members.
            job_set_status(job=job, user=None, status=target)
            changed += 1
        except (JobTransitionError, ValidationError) as exc:
            message = "; ".join(exc.messages) if hasattr(exc, "messages") else str(exc)
            refused.append(f"{job.title}: {message}")
    if changed:
        modeladmin.message_user(request, f"{changed} job(s) now {target}.")
    for line in refused[:20]:
        modeladmin.message_user(request, line, level=messages.WARNING)


@admin.action(description="Publish selected jobs")
def publish_jobs(modeladmin, request, queryset):
    _bulk_status(modeladmin, request, queryset, JobStatus.PUBLISHED)


@admin.action(description="Close selected jobs")
def close_jobs(modeladmin, request, queryset):
    _bulk_status(modeladmin, request, queryset, JobStatus.CLOSED)


@admin.register(Job)
class JobAdmin(RichTextAdminMixin, CountryAdminMixin, admin.ModelAdmin):
    rich_text_fields = ("description",)
    country_fields = ("country",)
    list_display = [
        "title",
        "company",
        "status",
        "employment_type",
        "experience_level",
        "remote_policy",
        "city",
        "country",
        "published_at",
        "expires_at",
    ]
    list_filter = [
        "status",
        "employment_type",
        "experience_level",
        "remote_policy",
        ("company", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "slug", "company__name", "city"]
    list_select_related = ["company"]
    raw_id_fields = ["company", "posted_by"]
    readonly_fields = [
        "salary_min_yearly",
        "salary_max_yearly",
        "published_at",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "created_at"
    inlines = [JobSkillInline]
    actions = [publish_jobs, close_jobs]
    show_full_result_count = False  # no exact COUNT(*) over a big table

    def save_model(self, request, obj, form, change):
        # Staff edits keep the derived columns right, as the services do.
        obj.salary_min_yearly = yearly(obj.salary_min, obj.salary_period)
        obj.salary_max_yearly = yearly(obj.salary_max, obj.salary_period)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_vectors(job_ids=[form.instance.pk])
        transaction.on_commit(bump_search_version)
