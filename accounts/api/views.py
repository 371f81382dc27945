"""Auth and `/me` endpoints.

Sign-in endpoints use no authentication class (a stale access token must not
block a login or a logout) and answer 401 with a WWW-Authenticate header.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenViewBase

from accounts import audit
from accounts.api.serializers import (
    AccessTokenSerializer,
    DetailSerializer,
    EmailTokenObtainSerializer,
    LogoutInputSerializer,
    MeInputSerializer,
    PasswordChangeInputSerializer,
    PasswordConfirmInputSerializer,
    RegisterConfirmInputSerializer,
    RegisteredSerializer,
    RegisterInputSerializer,
    RevocationAwareRefreshSerializer,
    TokenPairSerializer,
    UserSerializer,
)
from accounts.api.throttling import AccountThrottle
from accounts.models import AuditAction
from accounts.services import (
    user_change_password,
    user_delete_account,
    user_export_data,
    user_update_profile,
)
from accounts.signup import SENT as SIGNUP_SENT
from accounts.signup import signup_confirm, signup_request
from accounts.tokens import FamilyRefreshToken
from hotgigs.api.errors import Conflict
from hotgigs.api.schema import errors
from hotgigs.api.throttling import AuthThrottle

AUTH_TAG = ["auth"]
ME_TAG = ["me"]


def _as_api_error(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(as_serializer_error(exc))


def _no_store(response):
    # Personal data and credentials: never kept by a shared or browser cache.
    response["Cache-Control"] = "private, no-store"
    return response


class RegisterView(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (AuthThrottle,)

    @extend_schema(
        tags=AUTH_TAG,
        operation_id="auth_register",
        summary="Sign up: emails a link that creates the account",
        description=(
            "Answers 202 with the same body whether or not the address already "
            "has an account (no enumeration). A new address gets a link to "
            "confirm it (see `auth/register/confirm/`); an address with an "
            "account gets an email telling its owner, with a password-reset link."
        ),
        request=RegisterInputSerializer,
        responses={202: DetailSerializer},
        auth=[],
    )
    def post(self, request):
        serializer = RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            signup_request(**serializer.validated_data)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response({"detail": SIGNUP_SENT}, status=status.HTTP_202_ACCEPTED)


class RegisterConfirmView(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (AuthThrottle,)

    @extend_schema(
        tags=AUTH_TAG,
        operation_id="auth_register_confirm",
        summary="Finish signing up with the emailed link's token",
        description=(
            "The token is the last part of the link emailed by `auth/register/`. "
            "Creates the account and answers it with a token pair."
        ),
        request=RegisterConfirmInputSerializer,
        responses={201: RegisteredSerializer},
        auth=[],
    )
    def post(self, request):
        serializer = RegisterConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = signup_confirm(token=serializer.validated_data["token"])
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        refresh = RefreshToken.for_user(user)
        body = {
            "user": UserSerializer(user).data,
            "access": str(refresh.access_token),
            "refresh": str(refresh),
        }
        return _no_store(Response(body, status=status.HTTP_201_CREATED))


class TokenObtainView(TokenViewBase):
    serializer_class = EmailTokenObtainSerializer
    throttle_classes = (AuthThrottle, AccountThrottle)

    @extend_schema(
        tags=AUTH_TAG,
        operation_id="auth_token",
        summary="Sign in: email and password for an access and a refresh token",
        responses={
            200: TokenPairSerializer,
            **errors(401),
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # A failed attempt is logged by the user_login_failed receiver.
        user = getattr(getattr(self, "_serializer", None), "user", None)
        if response.status_code == 200 and user is not None:
            audit.record(action=AuditAction.TOKEN_OBTAINED, actor=user, request=request)
        return _no_store(response)

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        self._serializer = serializer
        return serializer


class TokenRefreshView(TokenViewBase):
    serializer_class = RevocationAwareRefreshSerializer

    @extend_schema(
        tags=AUTH_TAG,
        operation_id="auth_token_refresh",
        summary="Trade a refresh token for a new access and refresh token",
        description=(
            "Rotation: the refresh token sent is void from now on. Sending a "
            "void one again (a stolen copy, or the owner's after a thief used "
            "it) answers 401 and revokes every refresh token of its family: "
            "whoever holds the live one must sign in again."
        ),
        responses={200: AccessTokenSerializer, **errors(401)},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return _no_store(super().post(request, *args, **kwargs))


class LogoutView(TokenViewBase):
    serializer_class = LogoutInputSerializer

    @extend_schema(
        tags=AUTH_TAG,
        operation_id="auth_logout",
        summary="Sign out: the refresh token is blacklisted",
        request=LogoutInputSerializer,
        responses={204: OpenApiResponse(description="Signed out."), **errors(401)},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        serializer = LogoutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            RefreshToken(serializer.validated_data["refresh"]).blacklist()
        except TokenError as exc:
            raise InvalidToken(exc.args[0]) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(tags=ME_TAG, operation_id="me_retrieve", responses=UserSerializer)
    def get(self, request):
        return _no_store(Response(UserSerializer(request.user).data))

    @extend_schema(
        tags=ME_TAG,
        operation_id="me_update",
        summary="Change your name or email (role and staff status are read-only)",
        request=MeInputSerializer,
        responses=UserSerializer,
    )
    def patch(self, request):
        serializer = MeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = user_update_profile(user=request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return _no_store(Response(UserSerializer(user).data))


class PasswordChangeView(APIView):
    throttle_classes = (AuthThrottle,)

    @extend_schema(
        tags=ME_TAG,
        operation_id="me_password",
        summary="Change your password; every earlier token stops working",
        description=(
            "Answers a fresh token pair: the access and refresh tokens issued "
            "before the change (this request's included) are refused from now on."
        ),
        request=PasswordChangeInputSerializer,
        responses={200: TokenPairSerializer},
    )
    def post(self, request):
        serializer = PasswordChangeInputSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        user = user_change_password(
            user=request.user, new_password=serializer.validated_data["new_password"]
        )
        refresh = FamilyRefreshToken.for_user(user)
        return _no_store(
            Response({"access": str(refresh.access_token), "refresh": str(refresh)})
        )


class ExportView(APIView):
    @extend_schema(
        tags=ME_TAG,
        operation_id="me_export",
        summary="Everything HotGigs holds about you, app by app",
        responses={
            200: OpenApiResponse(
                response={"type": "object", "additionalProperties": True},
                description='`{"account": {...}, "<app>": {...}}`',
            )
        },
    )
    def get(self, request):
        return _no_store(Response(user_export_data(user=request.user)))


class DeleteAccountView(APIView):
    throttle_classes = (AuthThrottle,)

    @extend_schema(
        tags=ME_TAG,
        operation_id="me_delete",
        summary="Delete your account and all your data (password required)",
        request=PasswordConfirmInputSerializer,
        responses={
            204: OpenApiResponse(description="Deleted."),
            **errors(conflict="A placement record must be settled first."),
        },
    )
    def post(self, request):
        serializer = PasswordConfirmInputSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        try:
            user_delete_account(user=request.user)
        except DjangoValidationError as exc:  # a record that must be kept first
            raise Conflict(" ".join(exc.messages)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
