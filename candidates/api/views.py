from django.db import transaction
from drf_spectacular.helpers import forced_singular_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from candidates import selectors, services
from candidates.api.serializers import (
    CandidateDetailSerializer,
    CandidateListSerializer,
    CandidateSkillSerializer,
    EducationSerializer,
    MyProfileSerializer,
    SavedCandidateSearchSerializer,
    WorkExperienceSerializer,
)
from candidates.forms import CandidateSearchForm
from candidates.models import CandidateProfile, SavedCandidateSearch
from candidates.permissions import (
    CanSearchCandidates,
    IsCandidate,
    can_view_profile,
)
from candidates.search import cached_page, candidate_page
from hotgigs.api.pagination import MAX_PAGE_SIZE
from hotgigs.api.schema import errors
from hotgigs.search import InvalidCursor

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Free text (websearch syntax)"),
    OpenApiParameter("skills", str, description="Comma-separated skill names/slugs"),
    OpenApiParameter("skills_mode", str, enum=["all", "any"]),
    OpenApiParameter("city", str),
    OpenApiParameter("country", str, description="ISO code"),
    OpenApiParameter("remote", str, many=True),
    OpenApiParameter("years_min", int),
    OpenApiParameter("years_max", int),
    OpenApiParameter("level", str, many=True),
    OpenApiParameter("budget_min", int),
    OpenApiParameter("budget_max", int),
    OpenApiParameter("budget_period", str, enum=["year", "month", "hour"]),
    OpenApiParameter("availability", str, many=True),
    OpenApiParameter("available_before", OpenApiTypes.DATE),
    OpenApiParameter("willing_to_relocate", bool),
    OpenApiParameter("sort", str, enum=["relevance", "recent", "experience"]),
    OpenApiParameter("cursor", str),
    OpenApiParameter("page_size", int),
]


def _page_size(request) -> int:
    raw = request.query_params.get("page_size", "20")
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({"page_size": ["Must be an integer."]}) from None
    return max(1, min(size, MAX_PAGE_SIZE))


def _link(request, cursor):
    if not cursor:
        return None
    return replace_query_param(request.build_absolute_uri(), "cursor", cursor)


def _suggestion(request, suggestion):
    if not suggestion:
        return None
    link = remove_query_param(request.build_absolute_uri(), "cursor")
    for name, value in suggestion.items():
        link = replace_query_param(link, name, value)
    return {**suggestion, "url": link}


class SuggestionSerializer(serializers.Serializer):
    q = serializers.CharField(required=False)
    skills = serializers.CharField(required=False)
    city = serializers.CharField(required=False)
    url = serializers.URLField()


class CandidatePage(serializers.Serializer):
    count = serializers.IntegerField(
        help_text="Exact unless count_is_estimate; exact up to 10,000 matches."
    )
    count_is_estimate = serializers.BooleanField()
    count_is_lower_bound = serializers.BooleanField()
    count_display = serializers.CharField(
        help_text='"1,241", "about 41,000" or "10,000+".'
    )
    suggestion = SuggestionSerializer(allow_null=True)
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CandidateListSerializer(many=True)


class CandidateViewSet(viewsets.GenericViewSet):
    """Candidate search and profiles (`me` is the signed-in candidate's own)."""

    queryset = CandidateProfile.objects.none()
    serializer_class = CandidateDetailSerializer
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        if self.action == "list":
            return [permissions.IsAuthenticated(), CanSearchCandidates()]
        if self.action == "me":
            return [permissions.IsAuthenticated(), IsCandidate()]
        return [permissions.AllowAny()]

    # One page of cursor-paginated results, not a list of pages.
    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses=forced_singular_serializer(CandidatePage),
    )
    def list(self, request):
        form = CandidateSearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(
                {
                    k: [e["message"] for e in v]
                    for k, v in form.errors.get_json_data().items()
                }
            )
        params = form.to_params()
        size = _page_size(request)
        cursor = request.query_params.get("cursor") or None
        try:
            page = candidate_page(params, cursor=cursor, page_size=size)
        except InvalidCursor as exc:
            raise ValidationError({"cursor": [str(exc)]}) from None

        def build():
            profiles = selectors.profiles_in_order(page.ids)
            return [
                dict(row) for row in CandidateListSerializer(profiles, many=True).data
            ]

        results = page.results
        return Response(
            {
                "count": results.count,
                "count_is_estimate": results.count_is_estimate,
                "count_is_lower_bound": results.count_is_lower_bound,
                "count_display": results.count_display,
                "suggestion": _suggestion(request, results.suggestion),
                "next": _link(request, page.next_cursor),
                "previous": _link(request, page.previous_cursor),
                "results": cached_page(params, cursor or "", size, build),
            }
        )

    @extend_schema(responses=CandidateDetailSerializer)
    def retrieve(self, request, pk=None):
        try:
            profile = selectors.profile_detail(pk)
        except CandidateProfile.DoesNotExist:
            raise NotFound("No such candidate.") from None
        if not can_view_profile(request.user, profile):
            if not request.user.is_authenticated:
                raise NotAuthenticated()
            if request.user.is_candidate and not request.user.is_staff:
                raise PermissionDenied("Candidates cannot see other candidates.")
            raise NotFound("No such candidate.")
        services.profile_view_record(profile=profile, viewer=request.user)
        return Response(
            CandidateDetailSerializer(profile, context={"request": request}).data
        )

    @extend_schema(methods=["GET"], responses=MyProfileSerializer)
    @extend_schema(
        methods=["PATCH"], request=MyProfileSerializer, responses=MyProfileSerializer
    )
    @action(detail=False, methods=["get", "patch"], url_path="me")
    def me(self, request):
        profile = services.profile_get_or_create(user=request.user)
        if request.method == "PATCH":
            serializer = MyProfileSerializer(profile, data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            for name, value in serializer.validated_data.items():
                setattr(profile, name, value)
            services.profile_save(profile=profile)
        profile = selectors.profile_for_user(request.user)
        return Response(MyProfileSerializer(profile).data)


class MyRowsViewSet(viewsets.ModelViewSet):
    """CRUD on one of the signed-in candidate's row lists."""

    permission_classes = [permissions.IsAuthenticated, IsCandidate]
    pagination_class = None
    lookup_value_regex = r"\d+"
    related_name = ""

    def profile(self):
        if not hasattr(self, "_profile"):
            self._profile = services.profile_get_or_create(user=self.request.user)
        return self._profile

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.serializer_class.Meta.model.objects.none()
        return getattr(self.profile(), self.related_name).all()

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save(profile=self.profile())
            services.profile_changed(profile=self.profile())

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()
            services.profile_changed(profile=self.profile())

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()
            services.profile_changed(profile=self.profile())


def _writes_answer_409_when_name_taken(serializer):
    return extend_schema_view(
        create=extend_schema(responses={201: serializer, **errors(409)}),
        update=extend_schema(responses={200: serializer, **errors(409)}),
        partial_update=extend_schema(responses={200: serializer, **errors(409)}),
    )


@_writes_answer_409_when_name_taken(CandidateSkillSerializer)
class MySkillViewSet(MyRowsViewSet):
    serializer_class = CandidateSkillSerializer
    related_name = "skills"

    def _save(self, serializer, instance=None):
        data = serializer.validated_data
        serializer.instance = services.candidate_skill_save(
            profile=self.profile(),
            name=data.get("name", getattr(instance, "name", "")),
            level=data.get("level", getattr(instance, "level", 3)),
            years=data.get("years", getattr(instance, "years", 0)),
            instance=instance,
        )

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


class MyExperienceViewSet(MyRowsViewSet):
    serializer_class = WorkExperienceSerializer
    related_name = "experience"


class MyEducationViewSet(MyRowsViewSet):
    serializer_class = EducationSerializer
    related_name = "education"


@_writes_answer_409_when_name_taken(SavedCandidateSearchSerializer)
class SavedCandidateSearchViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SavedCandidateSearchSerializer
    permission_classes = [permissions.IsAuthenticated, CanSearchCandidates]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SavedCandidateSearch.objects.none()
        return SavedCandidateSearch.objects.filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.saved_search_create(
            owner=self.request.user,
            name=serializer.validated_data["name"],
            params=serializer.validated_data.get("params", {}),
        )

    def perform_update(self, serializer):
        serializer.instance = services.saved_search_update(
            saved=serializer.instance,
            name=serializer.validated_data.get("name"),
            params=serializer.validated_data.get("params"),
        )
