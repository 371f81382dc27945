from django import forms
from django.contrib.auth.forms import UserCreationForm

from accounts.models import Role, User


class SignupForm(UserCreationForm):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)

    class Meta:
        model = User
        fields = ("full_name", "email", "role")
