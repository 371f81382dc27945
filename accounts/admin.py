from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction

from accounts import audit
from accounts.models import AuditAction, AuditLog, PendingSignup, User
from accounts.services import (
    user_activate,
    user_deactivate,
    user_delete_account,
    user_revoke_tokens,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("-date_joined",)
    list_display = (
        "email",
        "full_name",
        "role",
        "is_active",
        "is_staff",
        "date_joined",
        "last_login",
    )
    list_filter = (
        "role",
        "is_active",
        "is_staff",
        "is_superuser",
        ("date_joined", admin.DateFieldListFilter),
        ("last_login", admin.DateFieldListFilter),
    )
    search_fields = ("email", "full_name")
    date_hierarchy = "date_joined"
    readonly_fields = ("last_login", "date_joined", "tokens_valid_after")
    list_per_page = 50
    show_full_result_count = False  # the users table grows large
    actions = ("deactivate_users", "activate_users", "revoke_tokens")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "role")}),
        (
            "Permissions",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined", "tokens_valid_after")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ("groups", "user_permissions")

    @admin.action(description="Deactivate (and sign out everywhere)")
    def deactivate_users(self, request, queryset):
        count = 0
        with transaction.atomic():
            for user in queryset.filter(is_active=True):
                user_deactivate(user=user)
                count += 1
        self.message_user(request, f"{count} account(s) deactivated.", messages.SUCCESS)

    @admin.action(description="Reactivate")
    def activate_users(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=False):
            user_activate(user=user)
            count += 1
        self.message_user(request, f"{count} account(s) reactivated.", messages.SUCCESS)

    @admin.action(description="Sign out of every app (revoke API tokens)")
    def revoke_tokens(self, request, queryset):
        count = 0
        for user in queryset:
            user_revoke_tokens(user=user)
            count += 1
        self.message_user(request, f"Tokens revoked for {count} account(s).")

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data) if change else set()
        super().save_model(request, obj, form, change)
        # Role and privilege changes made by staff are security-relevant.
        for field, action in (
            ("role", AuditAction.ROLE_CHANGED),
            ("is_staff", AuditAction.STAFF_CHANGED),
            ("is_superuser", AuditAction.STAFF_CHANGED),
        ):
            if field in changed:
                audit.record(
                    action=action,
                    request=request,
                    target=obj,
                    field=field,
                    old=form.initial.get(field),
                    new=getattr(obj, field),
                )

    def delete_model(self, request, obj):
        # Every app's personal data and files go too, as for a self-service deletion.
        user_delete_account(user=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for user in queryset:
                user_delete_account(user=user)


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only for everyone: the log is written by `accounts.audit.record`."""

    list_display = (
        "created_at",
        "action",
        "actor_label",
        "target_type",
        "target_label",
        "ip_address",
    )
    list_filter = ("action", ("created_at", admin.DateFieldListFilter), "target_type")
    search_fields = ("actor_label", "target_label", "target_id", "ip_address")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)
    list_per_page = 100
    show_full_result_count = False  # the log grows without bound
    readonly_fields = [field.name for field in AuditLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


@admin.register(PendingSignup)
class PendingSignupAdmin(admin.ModelAdmin):
    """Sign-ups waiting for their address: staff may look or delete, never see
    the link's token (only its hash is stored, and that is not shown either)."""

    list_display = ("email", "full_name", "role", "created_at")
    search_fields = ("email",)
    fields = ("email", "full_name", "role", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
