"""{% load analytics_charts %}: the SVG bar charts of analytics.charts."""

from analytics.charts import register

__all__ = ["register"]
