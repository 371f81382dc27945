"""The Celery app. Tasks are thin wrappers that call services.

With no `CELERY_BROKER_URL` tasks run inline (eager), so the embedded default
needs no worker.
"""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")

app = Celery("hotgigs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# A task reads the primary (hotgigs/read_your_writes.py says why).
@task_prerun.connect
def _task_reads_the_primary(task_id=None, **kwargs):
    from hotgigs import read_your_writes

    read_your_writes.task_started(task_id)


@task_postrun.connect
def _task_done(task_id=None, **kwargs):
    from hotgigs import read_your_writes

    read_your_writes.task_ended(task_id)
