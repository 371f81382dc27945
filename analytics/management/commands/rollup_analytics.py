import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from analytics.rollups import analytics_rollup


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"“{value}” is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Recompute the daily analytics roll-ups for a date range (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument(
            "--until", help="Last day, YYYY-MM-DD (default: yesterday)."
        )

    def handle(self, *args, since, until=None, **options):
        since = _date(since)
        until = _date(until) if until else timezone.localdate() - datetime.timedelta(1)
        if until < since:
            raise CommandError("--until is before --since.")
        counts = analytics_rollup(since=since, until=until)
        self.stdout.write(
            f"Rolled up {since}..{until}: {counts['jobs']} job-days, "
            f"{counts['companies']} company-days, {counts['days']} days, "
            f"{counts['timelines']} application timelines."
        )
