"""Rich text (job descriptions, company profiles) is sanitised with nh3.

It is cleaned on input (services store the clean version) and again on output
(the `richtext` template filter), so a row written by any path renders safely.
"""

import re

import nh3

# Block-level boundaries become spaces in plain text ("<h2>A</h2><p>B" → "A B").
BLOCK_BOUNDARY = re.compile(
    r"<(?=/?(?:p|br|h[1-6]|li|ul|ol|div|blockquote|pre|hr|tr|td|th)\b)", re.I
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(value: str | None) -> str:
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(value: str | None) -> str:
    """Plain text of a rich-text field, for search vectors and previews."""
    if not value:
        return ""
    text = nh3.clean(BLOCK_BOUNDARY.sub(" <", value), tags=set())
    return " ".join(text.split())
