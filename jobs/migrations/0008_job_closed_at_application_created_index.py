from django.db import migrations, models
from django.db.models import F


def backfill_closed_at(apps, schema_editor):
    """Closed and archived jobs had no closing time: their last change is the best
    estimate (it is what "days open" used until now)."""
    Job = apps.get_model("jobs", "Job")
    Job.objects.filter(
        status__in=["closed", "archived"], closed_at__isnull=True
    ).update(closed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0007_search_filter_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="closed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(backfill_closed_at, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["job", "created_at"], name="application_job_created_idx"
            ),
        ),
    ]
