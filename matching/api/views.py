from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from matching.api.serializers import (
    ExtractInput,
    ExtractOutput,
    NormalizeInput,
    NormalizeOutput,
    OccupationDetailSerializer,
    OccupationInferInput,
    OccupationInferOutput,
    OccupationSearchInput,
    OccupationSerializer,
    SkillSearchInput,
    SkillSerializer,
)
from matching.models import Occupation
from matching.occupations import infer_occupation
from matching.selectors import occupations_search, skills_search
from matching.skills import extract_skills, resolve_skill


def _ref(ref):
    return {"id": ref.id, "slug": ref.slug, "name": ref.name, "category": ref.category}


class SkillViewSet(viewsets.ReadOnlyModelViewSet):
    """The skills taxonomy: search, normalise a spelling, extract skills from text.

    The taxonomy is public reference data, so reads need no account; extraction (CPU
    work on up to 100 000 characters) needs one.
    """

    serializer_class = SkillSerializer
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        params = SkillSearchInput(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return skills_search(
            query=params.validated_data.get("q", ""),
            category=params.validated_data.get("category", ""),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Name or alias contains"),
            OpenApiParameter("category", str, description="Skill category"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "text", str, required=True, description="A spelling to normalise"
            )
        ],
        responses=NormalizeOutput,
    )
    @action(detail=False, methods=["get"])
    def normalize(self, request):
        params = NormalizeInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        text = params.validated_data["text"]
        ref = resolve_skill(text)
        return Response({"text": text, "skill": _ref(ref) if ref else None})

    @extend_schema(request=ExtractInput, responses=ExtractOutput)
    @action(
        detail=False,
        methods=["post"],
        permission_classes=[permissions.IsAuthenticated],
    )
    def extract(self, request):
        params = ExtractInput(data=request.data)
        params.is_valid(raise_exception=True)
        hits = extract_skills(params.validated_data["text"])
        unique = {h.skill.slug: h.skill for h in hits}
        return Response(
            {
                "skills": [_ref(ref) for ref in unique.values()],
                "hits": [
                    {
                        "skill": _ref(h.skill),
                        "matched_text": h.matched_text,
                        "line_no": h.line_no,
                        "line": h.line,
                    }
                    for h in hits
                ],
            }
        )


class OccupationViewSet(viewsets.ReadOnlyModelViewSet):
    """Occupations of the labour-market taxonomy (O*NET-SOC, CC BY 4.0): search by
    title, read one with its titles and tools, infer occupations from a job title.
    Public reference data: reads need no account."""

    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2}-[0-9]{4}\.[0-9]{2}"
    permission_classes = [permissions.AllowAny]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return OccupationDetailSerializer
        return OccupationSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return Occupation.objects.prefetch_related("skill_links__skill")
        params = OccupationSearchInput(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return occupations_search(
            query=params.validated_data.get("q", ""),
            field=params.validated_data.get("field", ""),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Title contains"),
            OpenApiParameter("field", str, description="Occupation field"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "title", str, required=True, description="A job title as written"
            )
        ],
        responses=OccupationInferOutput,
    )
    @action(detail=False, methods=["get"])
    def infer(self, request):
        params = OccupationInferInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        title = params.validated_data["title"]
        guesses = infer_occupation(title)
        return Response(
            {
                "title": title,
                "occupations": [
                    {
                        "code": g.code,
                        "title": g.title,
                        "field": g.field,
                        "score": g.score,
                        "matched": g.matched,
                    }
                    for g in guesses
                ],
            }
        )
