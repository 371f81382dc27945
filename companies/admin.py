from django.contrib import admin, messages
from django.db import models

from companies import services
from companies.models import Company, Invitation, Membership
from hotgigs.countries import CountryAdminMixin
from hotgigs.errors import NotAllowed
from hotgigs.richtext import RichTextAdminMixin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["email", "role", "invited_by", "expires_at", "accepted_at"]
    readonly_fields = fields
    can_delete = True
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # invitations are sent from the team page (they email a link)


@admin.register(Company)
class CompanyAdmin(RichTextAdminMixin, CountryAdminMixin, admin.ModelAdmin):
    rich_text_fields = ("description",)
    country_fields = ("hq_country",)
    list_display = [
        "name",
        "slug",
        "kind",
        "industry",
        "hq_country",
        "is_verified",
        "created_at",
    ]
    list_filter = ["kind", "is_verified", "industry", "size", "hq_country"]
    search_fields = ["name", "slug", "website", "memberships__user__email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at", "logo_large", "logo_small"]
    inlines = [MembershipInline, InvitationInline]
    actions = ["verify", "unverify"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _set_verified(self, request, queryset, verified):
        changed = 0
        for company in queryset:
            try:
                services.company_verify(
                    user=request.user, company=company, verified=verified
                )
            except NotAllowed as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return
            changed += 1
        word = "verified" if verified else "unverified"
        self.message_user(request, f"{changed} companies {word}.", messages.SUCCESS)

    @admin.action(description="Mark selected companies as verified")
    def verify(self, request, queryset):
        self._set_verified(request, queryset, True)

    @admin.action(description="Remove the verified badge")
    def unverify(self, request, queryset):
        self._set_verified(request, queryset, False)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "created_at"]
    list_filter = ["role", "company__kind"]
    search_fields = ["user__email", "user__full_name", "company__name"]
    autocomplete_fields = ["user", "company"]
    list_select_related = ["user", "company"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "company",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "company__name"]
    autocomplete_fields = ["company", "invited_by", "accepted_by"]
    list_select_related = ["company", "invited_by"]
    # No token: only its digest is stored, and the admin shows neither.
    exclude = ["token_hash"]
    readonly_fields = ["created_at", "updated_at"]
