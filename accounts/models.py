from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Role(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    EMPLOYER = "employer", "Employer"
    RECRUITER = "recruiter", "Recruiter"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, email):
        return self.get(email__iexact=self.normalize_email(email))

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address (case-insensitive)."""

    email = models.EmailField("email address", max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CANDIDATE)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Access tokens issued before this moment are refused (password change, logout
    # everywhere, deactivation).
    tokens_valid_after = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            ),
        ]
        indexes = [
            # Admin and staff dashboards list users by role and sign-up date.
            models.Index(fields=["role", "date_joined"], name="user_role_joined_idx"),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_candidate(self):
        return self.role == Role.CANDIDATE

    @property
    def is_employer(self):
        return self.role == Role.EMPLOYER

    @property
    def is_recruiter(self):
        return self.role == Role.RECRUITER


class AuditAction(models.TextChoices):
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed sign-in"
    TOKEN_OBTAINED = "token_obtained", "API token obtained"
    LOGOUT = "logout", "Signed out"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    PASSWORD_RESET = "password_reset", "Password reset"
    ROLE_CHANGED = "role_changed", "Role changed"
    STAFF_CHANGED = "staff_changed", "Staff flag changed"
    ACCOUNT_DEACTIVATED = "account_deactivated", "Account deactivated"
    ACCOUNT_ACTIVATED = "account_activated", "Account activated"
    ACCOUNT_DELETED = "account_deleted", "Account deleted"
    TOKENS_REVOKED = "tokens_revoked", "Tokens revoked"
    MEMBERSHIP_ADDED = "membership_added", "Membership added"
    MEMBERSHIP_ROLE_CHANGED = "membership_role_changed", "Membership role changed"
    MEMBERSHIP_REMOVED = "membership_removed", "Membership removed"
    DATA_EXPORTED = "data_exported", "Personal data exported"
    REPORT_EXPORTED = "report_exported", "Report exported"
    DOCUMENT_DOWNLOADED = "document_downloaded", "Document downloaded"


class AuditLog(models.Model):
    """An append-only record of a security-relevant action (accounts.audit).

    Rows outlive the people in them: `actor_label` holds the email at the time;
    when the account is deleted, `actor` becomes NULL and every copy of the email
    and name in labels and details becomes "user #<id>" (accounts.privacy)."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    actor = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            # Admin: the newest entries, filtered by action.
            models.Index(
                fields=["action", "-created_at"], name="audit_action_time_idx"
            ),
            # Admin: one person's history ("what did this account do").
            models.Index(fields=["actor", "-created_at"], name="audit_actor_time_idx"),
            # Admin: everything that happened to one object.
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_label or 'anonymous'}"


class PendingSignup(models.Model):
    """A sign-up waiting for its address to be confirmed (accounts.signup).

    No account exists until the emailed link is used, so a sign-up never tells
    whether an address already has one. Each attempt is its own row with its own
    password: whoever holds the inbox picks which one becomes the account. Only a
    SHA-256 of the link's token is stored."""

    email = models.EmailField(max_length=254)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=16, choices=Role.choices)
    password = models.CharField(max_length=128)  # a Django password hash
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        indexes = [
            # Purging expired sign-ups on each new one.
            models.Index(fields=["created_at"], name="pending_signup_created_idx"),
        ]

    def __str__(self):
        return f"pending sign-up of {self.email}"
