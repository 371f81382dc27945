import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from analytics import demo
from analytics.models import DailyJobStats, DailyPlatformStats, Event
from analytics.tests.conftest import BASE

pytestmark = pytest.mark.django_db


def test_command_rolls_up_a_range(funnel, capsys):
    call_command(
        "rollup_analytics",
        "--since",
        BASE.date().isoformat(),
        "--until",
        BASE.date().isoformat(),
    )

    assert "Rolled up" in capsys.readouterr().out
    assert DailyJobStats.objects.get(job_id=funnel.pk).views == 10
    assert DailyPlatformStats.objects.get().day == BASE.date()


@pytest.mark.parametrize(
    "args", [["--since", "nope"], ["--since", "2025-02-02", "--until", "2025-02-01"]]
)
def test_command_rejects_bad_dates(args, db):
    with pytest.raises(CommandError):
        call_command("rollup_analytics", *args)


def test_nightly_task_rolls_up_the_last_days(funnel):
    from analytics.tasks import rollup_recent_days

    rollup_recent_days()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert sorted(DailyPlatformStats.objects.values_list("day", flat=True)) == [
        yesterday - datetime.timedelta(days=2),
        yesterday - datetime.timedelta(days=1),
        yesterday,
    ]


def test_demo_is_idempotent(funnel):
    demo.seed(options={}, log=lambda message: None)
    count = Event.objects.count()
    demo.seed(options={}, log=lambda message: None)
    assert Event.objects.count() == count > 19
