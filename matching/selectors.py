"""Reads of the taxonomy for pages and the API."""

from django.db.models import Q, QuerySet

from matching.engine.taxonomy import skill_key
from matching.models import Skill


def skills_search(*, query: str = "", category: str = "") -> QuerySet[Skill]:
    """Skills whose name or an alias contains `query` (punctuation-insensitive)."""
    skills = Skill.objects.all()
    if category:
        skills = skills.filter(category=category)
    if query.strip():
        key = skill_key(query)
        condition = Q(name__icontains=query.strip())
        if key:
            condition |= Q(aliases__alias__contains=key)
        skills = skills.filter(condition).distinct()
    return skills.prefetch_related("aliases").order_by("name")
