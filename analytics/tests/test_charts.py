"""The funnel reads as step-to-step conversion; trends as columns over time."""

import re

from analytics.charts import _nice_top, column_chart, funnel_chart

FUNNEL = [
    {"step": "views", "label": "Views", "count": 2000, "conversion": None},
    {"step": "applied", "label": "Applied", "count": 40, "conversion": 2.0},
    {"step": "interview", "label": "Interview", "count": 20, "conversion": 50.0},
    {"step": "hired", "label": "Hired", "count": 0, "conversion": 0.0},
]
BAR_WIDTH = re.compile(r'width="([\d.]+)" height="22" fill')
TICK = re.compile(r'text-anchor="end" class="chart-value">([^<]+)<')


def test_funnel_bars_are_the_share_of_the_step_before():
    svg = funnel_chart(FUNNEL, title="Funnel <all>", chart_id="f")

    # 100 %, 2 %, 50 % and 0 % of the 320 px the bars may take.
    assert [float(w) for w in BAR_WIDTH.findall(svg)] == [320.0, 6.4, 160.0, 0.0]
    assert ">2,000</text>" in svg
    assert ">40 · 2% of Views</text>" in svg
    assert ">20 · 50% of Applied</text>" in svg
    assert '<title id="f-title">Funnel &lt;all&gt;</title>' in svg


def test_columns_have_a_rounded_axis_and_one_column_per_week():
    rows = [
        ("2026-11-02", 3),
        ("2026-11-09", 0),
        ("2026-11-16", 7),
        ("2026-11-23", None),
    ]

    svg = column_chart(rows, title="Applications per week", chart_id="w")

    assert svg.count('fill="url(#w-hatch)"') == 4
    assert "<title>2026-11-16: 7</title>" in svg
    assert "<title>2026-11-23: –</title>" in svg
    assert ">11-02</text>" in svg  # the week's month and day under its column
    assert TICK.findall(svg) == ["0", "5", "10"]


def test_nice_top():
    assert [_nice_top(v) for v in (0, 1, 7, 12, 180, 2001)] == [1, 1, 10, 20, 200, 5000]
