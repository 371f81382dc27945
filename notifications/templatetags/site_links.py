import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from notifications.services import site_url

register = template.Library()


@register.filter(is_safe=True)
def site_links(text):
    """Plain text → escaped HTML with line breaks, where each URL on this site
    (starting with SITE_URL: job alerts list their jobs so) becomes a link.

    Only the site's own URLs are linked: a notification body can hold user text,
    and an email must not turn someone's URL into a link that looks like ours.
    """
    html = escape(str(text or ""))
    base = re.escape(escape(site_url("/")))
    html = re.sub(
        rf"{base}[^\s<>\"']*",
        lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>',
        html,
    )
    return mark_safe(html.replace("\n", "<br>"))  # noqa: S308 — escaped above
