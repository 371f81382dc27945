"""``GET /api/v1/jobs/autocomplete/``: completions for the job-search box and
its skill and city filters (``jobs.autocomplete``), for everyone.

Each keystroke is a request, so it has its own throttle (``autocomplete``,
per user or per IP, ``API_THROTTLE_AUTOCOMPLETE``) instead of the general
anonymous one that a single search form would exhaust in a minute.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from hotgigs.api.throttling import WindowedThrottle, request_ident
from jobs.autocomplete import (
    DEFAULT_LIMIT,
    FIELDS,
    MAX_LIMIT,
    MAX_PREFIX_LENGTH,
    InvalidPrefix,
    clean_prefix,
    suggest_completions,
)


class AutocompleteThrottle(WindowedThrottle):
    """Autocomplete requests per user (signed in) or per IP: ``autocomplete``."""

    scopes = ("autocomplete",)

    def get_ident_for(self, request):
        if request.user and request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return f"ip:{request_ident(request)}"


class AutocompleteInputSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=FIELDS)
    prefix = serializers.CharField(
        max_length=MAX_PREFIX_LENGTH, trim_whitespace=True, allow_blank=False
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_LIMIT, default=DEFAULT_LIMIT
    )

    def validate_prefix(self, value):
        try:
            return clean_prefix(value)
        except InvalidPrefix as exc:
            raise serializers.ValidationError(str(exc)) from None


class CompletionSerializer(serializers.Serializer):
    value = serializers.CharField(
        help_text="What goes into the field: a word, a skill's slug or a city."
    )
    label = serializers.CharField(help_text="What to show (a skill's name).")
    match = serializers.ChoiceField(
        choices=["prefix", "spelling"],
        help_text="prefix: starts with what was typed; spelling: starts with "
        "a close spelling of it (a typo's correction).",
    )


class AutocompleteResponseSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=FIELDS)
    prefix = serializers.CharField()
    suggestions = CompletionSerializer(many=True)


class JobAutocompleteView(APIView):
    """Completions of the word, skill or city being typed in job search."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = [AutocompleteThrottle]

    @extend_schema(
        operation_id="jobs_autocomplete",
        tags=["jobs"],
        parameters=[
            OpenApiParameter(
                "field",
                str,
                required=True,
                enum=list(FIELDS),
                description="q: a keyword of the search box; skill: a skill "
                "filter (values are slugs); city: the city filter.",
            ),
            OpenApiParameter(
                "prefix",
                str,
                required=True,
                description="What has been typed of the one word, skill or "
                "city (1–100 characters: letters, digits, spaces, . + # & ' / -).",
            ),
            OpenApiParameter(
                "limit", int, description=f"1–{MAX_LIMIT}, default {DEFAULT_LIMIT}"
            ),
        ],
        responses={200: AutocompleteResponseSerializer},
    )
    def get(self, request):
        data = AutocompleteInputSerializer(data=request.query_params)
        if not data.is_valid():
            raise ValidationError(data.errors)
        field = data.validated_data["field"]
        prefix = data.validated_data["prefix"]
        found = suggest_completions(
            field=field, prefix=prefix, limit=data.validated_data["limit"]
        )
        return Response(
            {
                "field": field,
                "prefix": prefix,
                "suggestions": [c.as_dict() for c in found],
            }
        )
