from django import template
from django.utils.safestring import mark_safe

from hotgigs.richtext import sanitize_html

register = template.Library()


@register.filter
def richtext(value):
    """Render stored rich text, sanitised again on the way out."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - nh3 output is safe HTML
