"""`manage.py seed_demo`: realistic demo data with known logins for each role.

Each app that has demo data provides a `demo` module with
`seed(*, options, log)`; they run in INSTALLED_APPS order (lower layers first),
so an app can rely on the rows of the apps below it. Every `seed` is idempotent:
running the command twice leaves the same data.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load demo data (idempotent). --jobs/--candidates add a larger dataset."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=0, help="extra generated jobs")
        parser.add_argument(
            "--candidates", type=int, default=0, help="extra generated candidates"
        )
        parser.add_argument("--seed", type=int, default=42, help="random seed")

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            with transaction.atomic():
                module.seed(options=options, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
