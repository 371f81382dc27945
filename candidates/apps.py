from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self):
        from candidates.signals import user_saved

        post_save.connect(
            user_saved,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="candidates.user_saved",
        )
