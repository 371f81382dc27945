from django.contrib import admin
from django.db import models

from candidates import services
from candidates.models import (
    CandidateProfile,
    CandidateSkill,
    Education,
    ProfileView,
    SavedCandidateSearch,
    Visibility,
    WorkExperience,
)
from hotgigs.countries import CountryAdminMixin
from hotgigs.richtext import RichTextAdminMixin


class CandidateSkillInline(admin.TabularInline):
    model = CandidateSkill
    extra = 0
    raw_id_fields = ["skill"]


class WorkExperienceInline(admin.StackedInline):
    model = WorkExperience
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


@admin.action(description="Hide the selected profiles from search")
def hide_profiles(modeladmin, request, queryset):
    for profile in queryset:
        profile.visibility = Visibility.HIDDEN
        services.profile_save(profile=profile)


@admin.action(description="Rebuild the search index of the selected profiles")
def refresh_search(modeladmin, request, queryset):
    for profile in queryset:
        services.profile_refresh_search(profile=profile)


@admin.register(CandidateProfile)
class CandidateProfileAdmin(RichTextAdminMixin, CountryAdminMixin, admin.ModelAdmin):
    rich_text_fields = ("summary",)
    country_fields = ("country",)
    list_display = [
        "user",
        "headline",
        "city",
        "country",
        "experience_level",
        "years_experience",
        "availability",
        "visibility",
        "last_active_at",
    ]
    list_filter = [
        "visibility",
        "availability",
        "experience_level",
        "remote_preference",
        "country",
        "opt_out_of_matching",
    ]
    search_fields = ["user__email", "user__full_name", "headline", "city"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    inlines = [CandidateSkillInline, WorkExperienceInline, EducationInline]
    actions = [hide_profiles, refresh_search]
    date_hierarchy = "last_active_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        services.profile_save(profile=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.profile_changed(profile=form.instance)


@admin.register(ProfileView)
class ProfileViewAdmin(admin.ModelAdmin):
    list_display = ["profile", "viewer", "viewer_company", "day"]
    list_filter = ["day"]
    search_fields = ["viewer__email", "profile__user__email"]
    raw_id_fields = ["profile", "viewer", "viewer_company"]
    list_select_related = ["profile__user", "viewer", "viewer_company"]


@admin.register(SavedCandidateSearch)
class SavedCandidateSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "created_at"]
    search_fields = ["name", "owner__email"]
    raw_id_fields = ["owner"]
    list_select_related = ["owner"]
