"""`/api/v1/saved-searches/`: a candidate's job alerts (name, query, frequency)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from hotgigs.api.errors import validation_error
from jobs.models import AlertFrequency, SavedSearch
from jobs.services import alerts


class SavedSearchSerializer(serializers.ModelSerializer):
    class Meta:
        model = SavedSearch
        fields = ["id", "name", "query", "frequency", "last_run_at", "created_at"]
        read_only_fields = fields


class SavedSearchInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    query = serializers.JSONField()
    frequency = serializers.ChoiceField(
        choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )


class SavedSearchViewSet(viewsets.ModelViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SavedSearch.objects.none()
        return SavedSearch.objects.filter(user=self.request.user)

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return SavedSearchInputSerializer
        return SavedSearchSerializer

    def create(self, request, *args, **kwargs):
        data = SavedSearchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            alert = alerts.saved_search_create(user=request.user, **data.validated_data)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(
            SavedSearchSerializer(alert).data, status=status.HTTP_201_CREATED
        )

    def partial_update(self, request, *args, **kwargs):
        alert = self.get_object()
        data = SavedSearchInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            alert = alerts.saved_search_update(
                saved_search=alert, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(SavedSearchSerializer(alert).data)
