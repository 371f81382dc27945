from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from matching.api.serializers import (
    ExtractInput,
    ExtractOutput,
    NormalizeInput,
    NormalizeOutput,
    SkillSearchInput,
    SkillSerializer,
)
from matching.selectors import skills_search
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
