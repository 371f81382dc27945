"""The Celery app. Tasks are thin wrappers that call services.

With no `CELERY_BROKER_URL` tasks run inline (eager), so the embedded default
needs no worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")

app = Celery("hotgigs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
