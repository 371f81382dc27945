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


# Table columns whose unit the value does not show.
COLUMN_LABELS = {
    **HEADLINE_LABELS,
    "conversion": "Conversion %",
    "share": "Share %",
}
# Machine names (a stage, a source) in rows that also carry their "label": the
# page shows the label only; the CSV keeps both.
CODE_COLUMNS = frozenset({"step", "stage", "source"})


@register.filter
def label(key: str) -> str:
    """A report key as a column or card label: "apply_rate" → "Apply rate %",
    "median_days" → "Median days"."""
    key = str(key)
    return COLUMN_LABELS.get(key) or key.replace("_", " ").capitalize()


@register.filter
def shown_columns(rows) -> list[tuple[str, str]]:
    """(key, heading) of the columns a dashboard table shows: all of them, except
    a code column beside its label ("screening" next to "Screening"), whose
    heading the label column takes ("Stage")."""
    keys = list(rows[0]) if rows else []
    codes = [key for key in keys if key in CODE_COLUMNS] if "label" in keys else []
    return [
        (key, label(codes[0] if key == "label" and codes else key))
        for key in keys
        if key not in codes
    ]


@register.filter
def cells(row: dict, columns: list[tuple[str, str]]) -> list:
    return [row.get(key) for key, _ in columns]
