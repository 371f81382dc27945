import uuid

from django.db import migrations, models


def mint(apps, schema_editor):
    """A first token: processes built before this migration rebuild once."""
    apps.get_model("matching", "TaxonomyVersion").objects.update_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0005_textcorpus"),
    ]

    operations = [
        migrations.CreateModel(
            name="TaxonomyVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(mint, migrations.RunPython.noop, elidable=True),
    ]
