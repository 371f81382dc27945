"""{% load analytics_insights %}{% insights_headline %}: the accounts dashboard's
link to /insights/ and its headline numbers, without accounts importing analytics.

The numbers are filled in by static/js/charts-headline.js from the dashboard API,
so the account dashboard stays as cheap as it was (no report query on render);
without JavaScript the link remains.
"""

import json

from django import template

from analytics.selectors import HEADLINE_LABELS

register = template.Library()


@register.inclusion_tag("analytics/_dashboard_widget.html")
def insights_headline():
    return {"labels": json.dumps(HEADLINE_LABELS)}


@register.filter
def label(key: str) -> str:
    """A report key as a column or card label: "apply_rate" → "Apply rate"."""
    return str(key).replace("_", " ").capitalize()
