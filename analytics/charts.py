"""Server-side SVG bar charts: no JavaScript, no CDN, CSP-safe (no style attributes).

Readable without colour: every bar carries a hatch pattern and its value as text,
the chart has a <title>/<desc> for screen readers, and every page shows the same
numbers in a table beside it.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

WIDTH = 640
BAR = 22
GAP = 8
LABEL_WIDTH = 190
VALUE_WIDTH = 70

_PATTERN = (
    '<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#dbe7f5"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#1f4e8c" stroke-width="2"/>'
    "</pattern></defs>"
)


def bar_chart(rows, *, title: str, chart_id: str = "chart") -> str:
    """Horizontal bars for [(label, value)] (None counts as 0, shown as "–")."""
    rows = list(rows)
    top = max([value or 0 for _label, value in rows] + [1])
    height = len(rows) * (BAR + GAP) + GAP
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    pattern_id = f"{chart_id}-hatch"
    bars = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{})" '
        'stroke="#1f4e8c"/>'
        '<text x="{}" y="{}" class="chart-value">{}</text></g>',
        (
            (
                LABEL_WIDTH - 8,
                GAP + i * (BAR + GAP) + BAR * 0.7,
                label,
                LABEL_WIDTH,
                GAP + i * (BAR + GAP),
                round(span * (value or 0) / top, 1),
                BAR,
                pattern_id,
                LABEL_WIDTH + round(span * (value or 0) / top, 1) + 6,
                GAP + i * (BAR + GAP) + BAR * 0.7,
                "–" if value is None else f"{value:g}",
            )
            for i, (label, value) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" '
        'aria-labelledby="{}-title"><title id="{}-title">{}</title>{}{}</svg>',
        WIDTH,
        max(height, BAR + 2 * GAP),
        chart_id,
        chart_id,
        title,
        mark_safe(_PATTERN.format(id=pattern_id)),  # noqa: S308 — constant markup
        bars,
    )


@register.simple_tag
def bars(rows, label_key, value_key, title, chart_id="chart"):
    """{% bars table "label" "count" "Funnel" "funnel" %} over a list of dicts."""
    return bar_chart(
        [(row[label_key], row[value_key]) for row in rows],
        title=title,
        chart_id=chart_id,
    )
