from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def message_body(text):
    """Plain text → escaped HTML with safe links (nofollow noopener) and line breaks.

    ``urlize`` escapes everything it does not turn into a link, so user text can
    never produce markup; only the links it builds carry a ``rel`` attribute.
    """
    html = urlize(str(text or ""), nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow noopener noreferrer"')
    return mark_safe(html.replace("\n", "<br>"))  # noqa: S308 — urlize escaped it
