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


def funnel_chart(rows, *, title: str, chart_id: str = "funnel") -> str:
    """The funnel as step-to-step conversion: each bar is the share of the step
    before that reached this step (the first step is 100 %), so a 2 % apply
    rate and a 50 % interview rate both read at a glance; the bar's text gives
    the count too. Rows: dicts with "label", "count" and "conversion" (% of
    the step before, None for the first step)."""
    rows = list(rows)
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 60
    pattern_id = f"{chart_id}-hatch"
    parts = []
    for i, row in enumerate(rows):
        conversion = 100.0 if i == 0 else (row.get("conversion") or 0)
        y = GAP + i * (BAR + GAP)
        width = round(span * min(float(conversion), 100.0) / 100, 1)
        share = "" if i == 0 else f" · {float(conversion):g}% of {rows[i - 1]['label']}"
        parts.append(
            format_html(
                '<g><text x="{}" y="{}" text-anchor="end" class="chart-label">{}'
                '</text><rect x="{}" y="{}" width="{}" height="{}" fill="url(#{})" '
                'stroke="#1f4e8c"/><text x="{}" y="{}" class="chart-value">{}{}'
                "</text></g>",
                LABEL_WIDTH - 8,
                y + BAR * 0.7,
                row["label"],
                LABEL_WIDTH,
                y,
                width,
                BAR,
                pattern_id,
                LABEL_WIDTH + width + 6,
                y + BAR * 0.7,
                f"{row.get('count') or 0:,}",
                share,
            )
        )
    height = len(rows) * (BAR + GAP) + GAP
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" '
        'aria-labelledby="{}-title"><title id="{}-title">{}</title>{}{}</svg>',
        WIDTH,
        max(height, BAR + 2 * GAP),
        chart_id,
        chart_id,
        title,
        mark_safe(_PATTERN.format(id=pattern_id)),  # noqa: S308 — constant markup
        mark_safe("".join(parts)),  # noqa: S308 — each part escaped by format_html
    )


COLUMN_HEIGHT = 180
AXIS_LEFT = 48
AXIS_BOTTOM = 36


def _nice_top(value: float) -> float:
    """The smallest 1/2/5 × 10^n at or above `value` (the y axis's top)."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def column_chart(rows, *, title: str, chart_id: str = "columns") -> str:
    """Columns over time for [(label, value)], oldest first: a y axis with
    gridlines at 0, half and the top and every other x label when there are many."""
    rows = list(rows)
    top = _nice_top(max([value or 0 for _label, value in rows] + [0]))
    plot_width = WIDTH - AXIS_LEFT - 8
    slot = plot_width / max(len(rows), 1)
    column = max(slot * 0.7, 2)
    base = COLUMN_HEIGHT
    pattern_id = f"{chart_id}-hatch"
    parts = []
    for tick in range(3):
        value = top * tick / 2
        y = round(base - COLUMN_HEIGHT * tick / 2 + 8, 1)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#cbd5e1"/>'
                '<text x="{}" y="{}" text-anchor="end" class="chart-value">{}</text>',
                AXIS_LEFT,
                y,
                WIDTH - 8,
                y,
                AXIS_LEFT - 6,
                y + 4,
                f"{value:,.0f}" if top >= 3 else f"{value:g}",
            )
        )
    every = 1 if len(rows) <= 8 else 2
    for i, (label, value) in enumerate(rows):
        height = round(COLUMN_HEIGHT * (value or 0) / top, 1)
        x = round(AXIS_LEFT + i * slot + (slot - column) / 2, 1)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{})" '
                'stroke="#1f4e8c"><title>{}: {}</title></rect>',
                x,
                round(base + 8 - height, 1),
                round(column, 1),
                height,
                pattern_id,
                label,
                "–" if value is None else f"{value:g}",
            )
        )
        if i % every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="chart-label">'
                    "{}</text>",
                    round(x + column / 2, 1),
                    base + 8 + 20,
                    str(label)[5:] if len(str(label)) == 10 else label,
                )
            )
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" '
        'aria-labelledby="{}-title"><title id="{}-title">{}</title>{}{}</svg>',
        WIDTH,
        COLUMN_HEIGHT + AXIS_BOTTOM + 8,
        chart_id,
        chart_id,
        title,
        mark_safe(_PATTERN.format(id=pattern_id)),  # noqa: S308 — constant markup
        mark_safe("".join(parts)),  # noqa: S308 — each part escaped by format_html
    )


@register.simple_tag
def funnel(rows, title, chart_id="funnel"):
    """{% funnel data.tables.funnel "Hiring funnel" %}: step-to-step conversion."""
    return funnel_chart(rows, title=title, chart_id=chart_id)


@register.simple_tag
def columns(rows, label_key, value_key, title, chart_id="columns"):
    """{% columns data.tables.weeks "week" "applies" "Applications per week" %}."""
    return column_chart(
        [(row[label_key], row[value_key]) for row in rows],
        title=title,
        chart_id=chart_id,
    )
