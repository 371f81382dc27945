import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import (
    AccountSettingsForm,
    DeleteAccountForm,
    LoginForm,
    PasswordChangeThroughServiceForm,
    PasswordResetThroughOutboxForm,
    SetPasswordThroughServiceForm,
    SignupForm,
)
from accounts.models import Role
from accounts.ratelimits import limit_posts
from accounts.services import (
    user_delete_account,
    user_export_data,
    user_update_profile,
)
from accounts.signup import (
    LINK_INVALID,
    pending_signup_for,
    signup_confirm,
    signup_request,
)
from accounts.signup import SENT as SIGNUP_SENT

# Employers and recruiters continue to company (or agency) onboarding,
# built by the companies app.
COMPANY_ONBOARDING_PATH = "/companies/new/"

_SIGNUP_FIELDS = {"password": "password1"}


def _add_service_errors(form, exc: ValidationError, field_map=None):
    field_map = field_map or {}
    for field, errors in exc.message_dict.items():
        name = field_map.get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def redirect_after_signup(user):
    if user.role == Role.CANDIDATE:
        return reverse("accounts:dashboard")
    return COMPANY_ONBOARDING_PATH


@never_cache
@limit_posts("signup", email_field="email")
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signup_request(
                email=data["email"],
                password=data["password1"],
                full_name=data["full_name"],
                role=data["role"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc, _SIGNUP_FIELDS)
        else:
            # The same answer whether or not the address has an account.
            return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


@require_GET
def signup_sent(request):
    return render(request, "accounts/signup_sent.html", {"message": SIGNUP_SENT})


@never_cache
@require_http_methods(["GET", "POST"])
def signup_confirm_view(request, token):
    """GET shows a button (mail scanners that open links must not create the
    account); POST creates it and signs in."""
    pending = pending_signup_for(token)
    if request.method == "POST" and pending is not None:
        try:
            user = signup_confirm(token=token)
        except ValidationError:
            pending = None
        else:
            if request.user.is_authenticated:
                logout(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to HotGigs! Your account is ready.")
            return redirect(redirect_after_signup(user))
    return render(
        request,
        "accounts/signup_confirm.html",
        {"pending": pending, "invalid": LINK_INVALID},
        status=200 if pending is not None else 400,
    )


login_view = limit_posts("login", email_field="username")(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)

logout_view = auth_views.LogoutView.as_view()


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeThroughServiceForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")
    success_message = (
        "Your password was changed. Apps signed in with the old one must sign in again."
    )


password_reset = limit_posts("password_reset", email_field="email")(
    auth_views.PasswordResetView.as_view(
        form_class=PasswordResetThroughOutboxForm,
        template_name="registration/password_reset_form.html",
        email_template_name="registration/password_reset_email.txt",
        html_email_template_name="registration/password_reset_email.html",
        subject_template_name="registration/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)

password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)

password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="registration/password_reset_confirm.html",
    form_class=SetPasswordThroughServiceForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)

password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


@login_required
def dashboard(request):
    # The role's hub ({% role_hub %}, analytics/templatetags/role_hub.py).
    return render(request, "accounts/dashboard.html")


@never_cache
@login_required
def account_settings(request):
    user = request.user
    form = AccountSettingsForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(
                user=user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, "Your account settings were saved.")
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@never_cache
@require_GET
@login_required
def export_data(request):
    data = user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="hotgigs-my-data.json"'
    return response


@never_cache
@login_required
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            user_delete_account(user=user)
        except ValidationError as exc:  # a record that must be kept first
            form.add_error(None, exc)
            return render(request, "accounts/delete.html", {"form": form}, status=409)
        logout(request)
        messages.success(request, "Your account and your data were deleted.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
