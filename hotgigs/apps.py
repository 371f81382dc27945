from django.apps import AppConfig


class HotgigsConfig(AppConfig):
    name = "hotgigs"

    def ready(self):
        # Registers the OpenAPI extensions (the JWT bearer scheme).
        from hotgigs.api import schema  # noqa: F401
