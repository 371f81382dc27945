from django.conf import settings


def site(request):
    return {"SITE_NAME": "HotGigs", "DEBUG": settings.DEBUG}
