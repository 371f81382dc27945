"""Filters over precomputed match scores: they never compute or query.

`{% with r=scores|score_for:key %}…` — `scores` is a dict the view built in one
batch (e.g. `{application.pk: MatchResult}` from
`jobs.ranking.selectors.applicant_scores_for`).
"""

from django import template

register = template.Library()


@register.filter
def score_for(scores, key):
    """The precomputed result for `key`, or None."""
    if not scores:
        return None
    return scores.get(key)


@register.filter
def score_band(score):
    """ "high" (75+), "medium" (50–74) or "low": a CSS hook for the pill."""
    if score is None:
        return ""
    return "high" if score >= 75 else "medium" if score >= 50 else "low"
