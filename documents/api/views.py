from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from documents import services
from documents.api.serializers import (
    DocumentReplaceSerializer,
    DocumentSerializer,
    DocumentUpdateSerializer,
    DocumentUploadSerializer,
)
from documents.downloads import download_response, record_download
from documents.models import Document
from documents.permissions import can_download
from documents.selectors import documents_for_owner
from documents.uploads import (
    declared_too_large,
    install_upload_limit,
    upload_was_too_large,
)
from documents.validation import DocumentRejected


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The file is too large."
    default_code = "too_large"


def _raise_rejected(error: DocumentRejected, field="file"):
    if error.code == "too_large":
        raise PayloadTooLarge(error.message)
    raise exceptions.ValidationError({field: [error.message]}, code=error.code)


@extend_schema_view(
    list=extend_schema(summary="List your documents (not application copies)"),
    retrieve=extend_schema(summary="One of your documents"),
    destroy=extend_schema(
        summary="Delete a document (copies sent with applications stay)"
    ),
)
class DocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your resumes, cover letters and portfolio files."""

    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return documents_for_owner(self.request.user)

    def initialize_request(self, request, *args, **kwargs):
        # Before anything (CSRF of session auth included) parses the body.
        install_upload_limit(request)
        return super().initialize_request(request, *args, **kwargs)

    def _check_declared_size(self, request):
        if declared_too_large(request):
            raise PayloadTooLarge()

    def _input(self, serializer_class, request):
        self._check_declared_size(request)
        data = request.data
        if upload_was_too_large(request):
            raise PayloadTooLarge()
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(
        summary="Upload a document",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            201: DocumentSerializer,
            400: OpenApiResponse(description="Refused file or bad input"),
            413: OpenApiResponse(description="File larger than the limit"),
        },
    )
    def create(self, request, *args, **kwargs):
        data = self._input(DocumentUploadSerializer, request)
        try:
            document = services.document_upload(
                owner=request.user,
                file=data["file"],
                kind=data["kind"],
                name=data.get("name", ""),
            )
        except DocumentRejected as error:
            _raise_rejected(error)
        document.refresh_from_db()
        return Response(DocumentSerializer(document).data, status=201)

    @extend_schema(
        summary="Rename a document or make it the default resume",
        request=DocumentUpdateSerializer,
        responses={200: DocumentSerializer},
    )
    def partial_update(self, request, *args, **kwargs):
        document = self.get_object()
        serializer = DocumentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            document = services.document_update(
                document=document, **serializer.validated_data
            )
        except DocumentRejected as error:
            field = "is_default" if error.code == "not_a_resume" else "name"
            _raise_rejected(error, field=field)
        return Response(DocumentSerializer(document).data)

    def perform_destroy(self, instance):
        services.document_delete(document=instance)

    @extend_schema(
        summary="Replace the file of a document (same id)",
        request={"multipart/form-data": DocumentReplaceSerializer},
        responses={
            200: DocumentSerializer,
            400: OpenApiResponse(description="Refused file"),
            413: OpenApiResponse(description="File larger than the limit"),
        },
    )
    @action(detail=True, methods=["post"])
    def replace(self, request, pk=None):
        document = self.get_object()
        data = self._input(DocumentReplaceSerializer, request)
        try:
            document = services.document_replace(document=document, file=data["file"])
        except DocumentRejected as error:
            _raise_rejected(error)
        document.refresh_from_db()
        return Response(DocumentSerializer(document).data)

    @extend_schema(
        summary="Download the file",
        description=(
            "The owner, or a member of a company the document was sent to with an "
            "application. Anyone else gets 404. With S3 storage the answer is a 302 "
            "to a presigned URL that expires quickly (do not send the Authorization "
            "header there)."
        ),
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            302: OpenApiResponse(description="Redirect to a short-lived signed URL"),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        document = (
            Document.objects.select_related("blob")
            .filter(pk=pk if str(pk).isdigit() else None)
            .first()
        )
        if document is None or not can_download(request.user, document):
            raise Http404
        record_download(request, document)
        return download_response(document)
