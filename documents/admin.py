from django.contrib import admin, messages
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html

from documents import services
from documents.downloads import download_response
from documents.models import Document, StoredFile


class DocumentInline(admin.TabularInline):
    model = Document
    fk_name = "blob"
    fields = ["owner", "kind", "name", "is_snapshot", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = ["sha256", "content_type", "size", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["sha256", "storage_name"]
    readonly_fields = ["sha256", "storage_name", "size", "content_type", "created_at"]
    inlines = [DocumentInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Blobs go away through the document services, which check references.
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "owner",
        "kind",
        "content_type",
        "size",
        "status",
        "failure_reason",
        "is_default",
        "is_snapshot",
        "created_at",
    ]
    list_filter = ["status", "kind", "content_type", "is_snapshot", "is_default"]
    search_fields = ["name", "original_filename", "owner__email", "sha256"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "blob", "snapshot_of"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "owner",
        "kind",
        "original_filename",
        "content_type",
        "size",
        "sha256",
        "blob",
        "status",
        "failure_reason",
        "is_default",
        "extracted_text",
        "page_count",
        "has_text_layer",
        "is_snapshot",
        "snapshot_of",
        "created_at",
        "updated_at",
        "download_link",
    ]
    fields = ["name", *readonly_fields]
    actions = ["rerun_extraction"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="file")
    def download_link(self, obj):
        url = reverse("admin:documents_document_download", args=[obj.pk])
        return format_html('<a href="{}">Download</a>', url)

    @admin.action(description="Re-run text extraction")
    def rerun_extraction(self, request, queryset):
        count = services.documents_rerun_extraction(documents=list(queryset))
        self.message_user(
            request, f"Extraction queued for {count} document(s).", messages.SUCCESS
        )

    def delete_model(self, request, obj):
        services.document_delete(document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            services.document_delete(document=document)

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="documents_document_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        """Staff download through the admin only (the site and API answer 404)."""
        document = Document.objects.select_related("blob").filter(pk=pk).first()
        if document is None or not self.has_view_permission(request, document):
            raise Http404
        return download_response(document)
