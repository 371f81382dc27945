from django.db import models


class TimeStampedModel(models.Model):
    """Created and updated times for every domain model."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SearchTerm(models.Model):
    """One word of a search vocabulary: what "Did you mean …" may suggest.

    Rebuilt from the indexed documents by each search's refresh task
    (``jobs.search.refresh_vocabulary``, ``candidates.search.refresh_vocabulary``);
    ``hotgigs.search.suggest`` reads it (pg_trgm on PostgreSQL, difflib on
    SQLite). ``documents``: how many documents contain the term (from the
    sample the refresh reads), to prefer the common spelling.
    """

    class Scope(models.TextChoices):
        JOBS = "jobs", "Jobs"
        CANDIDATES = "candidates", "Candidates"

    class Kind(models.TextChoices):
        WORD = "word", "Word"
        SKILL = "skill", "Skill"
        CITY = "city", "City"

    scope = models.CharField(max_length=20, choices=Scope.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    term = models.CharField(max_length=100)
    documents = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "kind", "term"], name="searchterm_unique"
            )
        ]

    def __str__(self):
        return f"{self.scope}/{self.kind}: {self.term}"
