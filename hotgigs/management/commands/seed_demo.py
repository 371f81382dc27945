"""`manage.py seed_demo`: realistic demo data with known logins for each role.

Each app that has demo data provides a `demo` module with
`seed(*, options, log)`; they run in INSTALLED_APPS order (lower layers first),
so an app can rely on the rows of the apps below it. Every `seed` is idempotent:
running the command twice leaves the same data.

The emails the seeding triggers (applications, interviews, messages between the
demo users) are kept in memory and dropped: the console shows only what is sent
once the site runs. The command ends with a short banner: the site's address
(SITE_URL) and the demo logins.
"""

import logging
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from accounts.demo import DEMO_PASSWORD, DEMO_USERS

SEEDING_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Load demo data (idempotent). --jobs/--candidates add a larger dataset."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=0, help="extra generated jobs")
        parser.add_argument(
            "--candidates", type=int, default=0, help="extra generated candidates"
        )
        parser.add_argument("--seed", type=int, default=42, help="random seed")

    def handle(self, *args, **options):
        # The inline tasks' "succeeded" lines would bury the banner too.
        trace = logging.getLogger("celery.app.trace")
        level = trace.level
        trace.setLevel(logging.WARNING)
        with override_settings(EMAIL_BACKEND=SEEDING_EMAIL_BACKEND):
            kept = getattr(mail, "outbox", None)
            mail.outbox = []
            try:
                for config in apps.get_app_configs():
                    module_name = f"{config.name}.demo"
                    if find_spec(module_name) is None:
                        continue
                    module = import_module(module_name)
                    with transaction.atomic():
                        module.seed(options=options, log=self.stdout.write)
                dropped = len(mail.outbox)
            finally:
                trace.setLevel(level)
                if kept is None:
                    del mail.outbox
                else:
                    mail.outbox = kept
        self.stdout.write(
            f"{dropped} email{'' if dropped == 1 else 's'} of the seeding not sent."
        )
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(self.banner())

    def banner(self) -> str:
        width = max(len(email) for email, *_ in DEMO_USERS)
        lines = [
            "",
            "=" * 60,
            f"  HotGigs: open {settings.SITE_URL.rstrip('/')}/",
            f"  Demo logins (password {DEMO_PASSWORD}):",
        ]
        for email, _name, role, staff in DEMO_USERS:
            what = "staff (admin at /admin/)" if staff else role.label.lower()
            lines.append(f"    {email.ljust(width)}  {what}")
        lines += ["=" * 60, ""]
        return "\n".join(lines)
