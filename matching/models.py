from django.db import models


class Skill(models.Model):
    """A skill in the taxonomy (grown into the full taxonomy by the matching work)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    category = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SkillAlias(models.Model):
    """Another spelling of a skill ("ReactJS", "react.js" → React)."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120, unique=True, help_text="Normalised form.")

    class Meta:
        verbose_name_plural = "skill aliases"

    def __str__(self):
        return f"{self.alias} → {self.skill}"
