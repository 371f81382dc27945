from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from accounts.models import Role, User
from accounts.selectors import email_is_taken
from accounts.services import EMAIL_TAKEN, user_change_password
from hotgigs.outbox import outbox_connection

# Long enough for any passphrase, short enough that hashing it is cheap.
PASSWORD_MAX_LENGTH = 4096


class SignupForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    role = forms.ChoiceField(
        label="I am here to",
        choices=[
            (Role.CANDIDATE, "Find a job (candidate)"),
            (Role.EMPLOYER, "Hire for my company (employer)"),
            (Role.RECRUITER, "Recruit for clients (recruiting agency)"),
        ],
        widget=forms.RadioSelect,
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        # Whether the address has an account is never said here (accounts.signup).
        return User.objects.normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match.")
        elif password1:
            user = User(
                email=cleaned.get("email", ""), full_name=cleaned.get("full_name", "")
            )
            try:
                password_validation.validate_password(password1, user=user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class LoginForm(AuthenticationForm):
    """Email + password; the error never says whether the email exists."""

    username = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "The email or password is incorrect.",
        "inactive": "The email or password is incorrect.",
    }


class _PasswordThroughService:
    """Save through `user_change_password`, which also revokes API tokens."""

    def save(self, commit=True):
        return user_change_password(
            user=self.user, new_password=self.cleaned_data["new_password1"]
        )


class SetPasswordThroughServiceForm(_PasswordThroughService, SetPasswordForm):
    pass


class PasswordChangeThroughServiceForm(_PasswordThroughService, PasswordChangeForm):
    pass


class PasswordResetThroughOutboxForm(PasswordResetForm):
    """Django's reset form, its email written to the outbox (hotgigs.outbox):
    a broker or mail-server outage delays the link rather than losing it."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = loader.render_to_string(subject_template_name, context)
        message = EmailMultiAlternatives(
            " ".join(subject.splitlines()).strip(),
            loader.render_to_string(email_template_name, context),
            from_email,
            [to_email],
            connection=outbox_connection("password_reset"),
        )
        if html_email_template_name:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        message.send()


class AccountSettingsForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {"full_name": user.full_name, "email": user.email})
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if email_is_taken(email=email, exclude_user=self.user):
            raise forms.ValidationError(EMAIL_TAKEN)
        return email


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that my account and all my data are deleted for good.",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is incorrect.")
        return password
