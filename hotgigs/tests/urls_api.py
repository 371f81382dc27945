"""A test-only urlconf: small views exercising the API conventions before any
real endpoint does. Used with `@pytest.mark.urls("hotgigs.tests.urls_api")`."""

from django.http import Http404, StreamingHttpResponse
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from companies.models import Company
from hotgigs.api.errors import Conflict
from hotgigs.api.fields import SparseFieldsetMixin
from hotgigs.api.pagination import CursorPagination
from hotgigs.api.schema import FIELDS_PARAMETER


class EchoInput(serializers.Serializer):
    title = serializers.CharField(max_length=20)
    count = serializers.IntegerField(min_value=1)


class EchoView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=EchoInput)
    def get(self, request):
        return Response({"title": "hello", "count": 1})

    @extend_schema(request=EchoInput, responses={201: EchoInput})
    def post(self, request):
        serializer = EchoInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data, status=201)


class PrivateView(APIView):
    """Default permissions: authenticated users only."""

    @extend_schema(responses=EchoInput)
    def get(self, request):
        return Response({"email": request.user.email})


class NobodyAllowed(permissions.BasePermission):
    def has_permission(self, request, view):
        return False


class ForbiddenView(APIView):
    permission_classes = [NobodyAllowed]

    @extend_schema(responses=EchoInput)
    def get(self, request):
        return Response({})


class FailingView(APIView):
    """Raises each kind of error a service may raise."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=EchoInput)
    def get(self, request, kind):
        if kind == "conflict":
            raise Conflict("This job is already closed.")
        if kind == "missing":
            raise Http404("no such job")
        raise RuntimeError("secret internals: password=hunter2")


class UserOut(SparseFieldsetMixin, serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role"]


class UserList(generics.ListAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = UserOut
    queryset = User.objects.order_by("id")

    @extend_schema(parameters=[FIELDS_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CompanyOut(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name"]


class CompanyFeed(generics.ListAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = CompanyOut
    queryset = Company.objects.all()
    pagination_class = CursorPagination


class BigView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=EchoInput)
    def get(self, request):
        return Response({"items": [f"item number {n}" for n in range(500)]})


def streaming(request):
    return StreamingHttpResponse(iter([b"a" * 500, b"b" * 500]))


urlpatterns = [
    path("api/v1/echo/", EchoView.as_view()),
    path("api/v1/private/", PrivateView.as_view()),
    path("api/v1/forbidden/", ForbiddenView.as_view()),
    path("api/v1/fail/<str:kind>/", FailingView.as_view()),
    path("api/v1/users/", UserList.as_view()),
    path("api/v1/feed/", CompanyFeed.as_view()),
    path("api/v1/big/", BigView.as_view()),
    path("api/v1/stream/", streaming),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The real site for everything else (error handlers, pages, accounts URLs).
    path("", include("hotgigs.urls")),
]

handler400 = "hotgigs.views.bad_request"
handler403 = "hotgigs.views.permission_denied"
handler404 = "hotgigs.views.page_not_found"
handler500 = "hotgigs.views.server_error"
