from rest_framework import serializers

from documents.models import Document, DocumentKind


class DocumentSerializer(serializers.ModelSerializer):
    """What a document looks like to its owner (output)."""

    class Meta:
        model = Document
        fields = [
            "id",
            "name",
            "kind",
            "status",
            "failure_reason",
            "size",
            "content_type",
            "original_filename",
            "is_default",
            "page_count",
            "has_text_layer",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class DocumentUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    is_default = serializers.BooleanField(required=False)


class DocumentReplaceSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
