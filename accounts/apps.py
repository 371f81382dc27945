from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from accounts import audit  # noqa: F401 - connects the sign-in receivers
