"""Documents: candidates' resumes, cover letters and portfolio files.

The bytes live once per content in a `StoredFile` (content-addressed by sha256,
under a generated name in the private storage); `Document` rows are what people
see and refer to it. An application keeps a *snapshot*: a frozen `Document`
(`is_snapshot=True`, hidden from the owner's list) pointing at the same blob, so
deleting or replacing the original keeps the copy the company received. A blob is
deleted from storage only when no row refers to it any more.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hotgigs.models import TimeStampedModel


class DocumentKind(models.TextChoices):
    RESUME = "resume", "Resume"
    COVER_LETTER = "cover_letter", "Cover letter"
    PORTFOLIO = "portfolio", "Portfolio"


class DocumentStatus(models.TextChoices):
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ContentType(models.TextChoices):
    PDF = "application/pdf", "PDF"
    DOCX = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (DOCX)",
    )
    DOC = "application/msword", "Word 97–2003 (DOC)"
    PNG = "image/png", "PNG image"
    JPEG = "image/jpeg", "JPEG image"


class StoredFile(models.Model):
    """One stored copy of some bytes, shared by every row with the same sha256."""

    sha256 = models.CharField(max_length=64, unique=True)
    storage_name = models.CharField(max_length=255, unique=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100, choices=ContentType.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "stored file"

    def __str__(self):
        return f"{self.sha256[:12]} ({self.size} bytes)"


class DocumentQuerySet(models.QuerySet):
    def visible(self):
        """What owners see and manage: their documents, not application snapshots."""
        return self.filter(is_snapshot=False)

    def owned_by(self, user):
        return self.filter(owner=user)

    def snapshots(self):
        return self.filter(is_snapshot=True)


class Document(TimeStampedModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    name = models.CharField(max_length=200)
    # What the user called the file: metadata only, never a storage path.
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, choices=ContentType.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    # PROTECT: a blob goes away only through the services, which check references.
    blob = models.ForeignKey(
        StoredFile, on_delete=models.PROTECT, related_name="documents"
    )
    status = models.CharField(
        max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.PROCESSING
    )
    failure_reason = models.CharField(max_length=200, blank=True)
    is_default = models.BooleanField("default resume", default=False)
    extracted_text = models.TextField(blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    has_text_layer = models.BooleanField(null=True, blank=True)
    # A frozen copy given to an application; never edited, hidden from the owner.
    is_snapshot = models.BooleanField(default=False)
    snapshot_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="snapshots",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(is_default=True, kind="resume", is_snapshot=False),
                name="document_one_default_resume_per_owner",
            ),
            models.CheckConstraint(
                condition=Q(is_default=False) | Q(kind="resume", is_snapshot=False),
                name="document_default_is_a_resume",
            ),
        ]
        indexes = [
            # The owner's documents page and API list: owner + not snapshot, newest.
            models.Index(
                fields=["owner", "is_snapshot", "-created_at"],
                name="document_owner_list_idx",
            ),
            # Admin filters by status (e.g. failed extractions to re-run).
            models.Index(fields=["status", "created_at"], name="document_status_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("documents:download", kwargs={"pk": self.pk})

    @property
    def is_image(self):
        return self.content_type in (ContentType.PNG, ContentType.JPEG)
