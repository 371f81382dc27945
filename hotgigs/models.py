from django.db import models


class TimeStampedModel(models.Model):
    """Created and updated times for every domain model."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
