from django.db import models
from django.db.models import F, Q


class SkillCategory(models.TextChoices):
    TECHNOLOGY = "technology", "Technology"
    DATA = "data", "Data and analytics"
    DESIGN = "design", "Design and creative"
    HEALTHCARE = "healthcare", "Health care"
    FINANCE = "finance", "Finance and accounting"
    SALES = "sales", "Sales"
    MARKETING = "marketing", "Marketing and communications"
    LOGISTICS = "logistics", "Logistics and supply chain"
    HOSPITALITY = "hospitality", "Hospitality and food service"
    CONSTRUCTION = "construction", "Construction and trades"
    ENGINEERING = "engineering", "Engineering"
    MANUFACTURING = "manufacturing", "Manufacturing"
    LEGAL = "legal", "Legal"
    EDUCATION = "education", "Education"
    HR = "hr", "Human resources"
    CUSTOMER_SERVICE = "customer_service", "Customer service"
    MANAGEMENT = "management", "Management and business"
    LANGUAGE = "language", "Spoken languages"
    SOFT = "soft", "Soft skills"
    CERTIFICATION = "certification", "Certifications and licences"
    OTHER = "other", "Other"


class Skill(models.Model):
    """A canonical skill in the taxonomy; other spellings are `SkillAlias` rows."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    category = models.CharField(
        max_length=60, blank=True, choices=SkillCategory.choices
    )
    occupation_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=(
            "Taxonomy occupations using this skill (set by load_occupations); "
            "scoring weighs a skill by its rarity."
        ),
    )
    related = models.ManyToManyField(
        "self",
        through="RelatedSkill",
        symmetrical=False,
        related_name="+",
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            # admin and the taxonomy API filter skills by category
            models.Index(fields=["category", "name"], name="skill_category_name_idx"),
        ]

    def __str__(self):
        return self.name


class SkillAlias(models.Model):
    """Another spelling of a skill ("ReactJS", "react.js" → React).

    `alias` holds the normalised key (see `matching.engine.taxonomy.skill_key`), so
    "React.js" and "ReactJS" are one row.
    """

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120, unique=True, help_text="Normalised form.")
    text = models.CharField(
        max_length=120, blank=True, help_text="The spelling as written (keeps case)."
    )

    class Meta:
        verbose_name_plural = "skill aliases"

    def __str__(self):
        return f"{self.text or self.alias} → {self.skill}"


class RelatedSkill(models.Model):
    """Knowing `from_skill` gives partial credit for `to_skill` (weight 0–1)."""

    from_skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="related_links"
    )
    to_skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="related_backlinks"
    )
    weight = models.FloatField(help_text="0–1: share of credit a match gives.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_skill", "to_skill"], name="relatedskill_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=1),
                name="relatedskill_weight_0_1",
            ),
            models.CheckConstraint(
                condition=~Q(from_skill=F("to_skill")),
                name="relatedskill_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.from_skill} ~ {self.to_skill} ({self.weight:.2f})"


class TaxonomyVersion(models.Model):
    """The taxonomy's version token (one row), also kept in the shared cache.

    `matching.skills` rebuilds its per-process index when the token changes.
    With the token only in the cache, a flushed or evicted entry forced every
    process to rebuild (~70 ms of CPU on the request that noticed); with it here,
    a lost entry costs one small query.
    """

    token = models.CharField(max_length=32)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.token


class TextCorpus(models.Model):
    """Document frequencies of the terms of published jobs' text: the idf of the
    text component (`matching.corpus.current_corpus`).

    Written by `matching.services.text_corpus_replace`, from the newest published
    jobs by `jobs.ranking.services.text_corpus_refresh` (daily beat task, and
    `manage.py refresh_text_corpus`); only the
    newest row is read, older ones are deleted. `doc_freq` keeps the most frequent
    terms only (bounded size); a term it lacks counts as in no document.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    doc_count = models.PositiveIntegerField(help_text="Jobs sampled.")
    avg_len = models.FloatField(help_text="Mean number of terms per job text.")
    doc_freq = models.JSONField(
        default=dict, help_text="term → number of sampled jobs containing it."
    )

    class Meta:
        verbose_name_plural = "text corpora"

    def __str__(self):
        return f"{self.doc_count} jobs, {len(self.doc_freq)} terms ({self.created_at})"


class OccupationField(models.TextChoices):
    """Broad fields occupations are grouped into (from their SOC group)."""

    TECH = "tech", "Technology"
    HEALTH = "health", "Health care"
    TRADES = "trades", "Trades, production and repair"
    FINANCE = "finance", "Finance"
    SALES = "sales", "Sales"
    LOGISTICS = "logistics", "Transport and logistics"
    HOSPITALITY = "hospitality", "Hospitality and food service"
    BUSINESS = "business", "Business and administration"
    EDUCATION = "education", "Education"
    ENGINEERING = "engineering", "Engineering and architecture"
    SCIENCE = "science", "Science"
    SOCIAL = "social", "Community and social services"
    LEGAL = "legal", "Legal"
    ARTS = "arts", "Arts, media and design"
    PROTECTIVE = "protective", "Protective services"
    SERVICES = "services", "Personal and building services"
    AGRICULTURE = "agriculture", "Farming, fishing and forestry"
    MILITARY = "military", "Military"
    OTHER = "other", "Other"


class Occupation(models.Model):
    """An occupation of the labour-market taxonomy (O*NET-SOC, CC BY 4.0), with the
    titles people write for it. Loaded by `manage.py load_occupations`; staff may
    edit it in admin (a reload updates rows the file names, keeps the others)."""

    code = models.CharField(
        max_length=20, unique=True, help_text="O*NET-SOC code, e.g. 15-1252.00."
    )
    title = models.CharField(max_length=200)
    field = models.CharField(
        max_length=20, choices=OccupationField.choices, default=OccupationField.OTHER
    )
    description = models.TextField(blank=True)
    alternative_titles = models.JSONField(
        default=list, blank=True, help_text="Other titles for this occupation."
    )
    skills = models.ManyToManyField(
        Skill, through="OccupationSkill", related_name="occupations", blank=True
    )
    source_version = models.CharField(
        max_length=40, blank=True, help_text="Data file version that last wrote it."
    )

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["field", "title"], name="occupation_field_idx")]

    def __str__(self):
        return f"{self.title} ({self.code})"


class OccupationSkill(models.Model):
    """A skill or tool an occupation uses: essential or optional."""

    class Relation(models.TextChoices):
        ESSENTIAL = "essential", "Essential"
        OPTIONAL = "optional", "Optional"

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="occupation_links"
    )
    relation = models.CharField(
        max_length=10, choices=Relation.choices, default=Relation.OPTIONAL
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"], name="occupationskill_unique_pair"
            )
        ]

    def __str__(self):
        return f"{self.occupation.title} → {self.skill} ({self.relation})"
