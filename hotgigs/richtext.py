"""Rich text (job descriptions, company profiles) is sanitised with nh3.

It is cleaned on input (services store the clean version) and again on output
(the `richtext` template filter), so a row written by any path renders safely.
Text typed without the editor (no tags at all: a textarea with JavaScript off,
the API, an import) keeps its shape: blank lines make paragraphs, lines that
start with "- ", "* " or "• " a bulleted list, "1. " or "1) " a numbered one.
"""

import html
import re
from itertools import groupby

import nh3
from django import forms
from django.forms.widgets import Script
from django.templatetags.static import static

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


# Any tag, comment or entity means the value is already HTML.
LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z/!]|&[#A-Za-z0-9]+;")
BULLET = re.compile(r"^\s*[-*\u2022]\s+(.*)$")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _line_kind(line: str) -> tuple[str, str]:
    """("ul" | "ol" | "p", the line's text without its bullet)."""
    if match := BULLET.match(line):
        return "ul", match.group(1)
    if match := NUMBERED.match(line):
        return "ol", match.group(1)
    return "p", line


def plain_text_to_html(value: str) -> str:
    """Paragraphs and lists of plain text as HTML (escaped)."""
    blocks = []
    for block in re.split(r"\n\s*\n", value.replace("\r\n", "\n").strip()):
        lines = [_line_kind(line.strip()) for line in block.split("\n") if line.strip()]
        # Consecutive lines of the same kind make one paragraph or list.
        for kind, run in groupby(lines, key=lambda pair: pair[0]):
            texts = [html.escape(text.strip()) for _, text in run]
            if kind == "p":
                blocks.append("<p>" + "<br>".join(texts) + "</p>")
            else:
                items = "".join(f"<li>{text}</li>" for text in texts)
                blocks.append(f"<{kind}>{items}</{kind}>")
    return "".join(blocks)


def sanitize_html(value: str | None) -> str:
    if not value:
        return ""
    if not LOOKS_LIKE_HTML.search(value):
        value = plain_text_to_html(value)
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


# The editor's styles. The editor module loads them itself before it replaces
# the textarea, so they never block the first paint of the page (Lighthouse's
# render-blocking resources); without JavaScript nothing needs them.
EDITOR_STYLESHEETS = (
    "django_prose_editor/material-icons.css",
    "django_prose_editor/editor.css",
    "css/richtext-editor.css",
)


class RichTextarea(forms.Textarea):
    """A textarea that django-prose-editor (ProseMirror) turns into an editor.

    The editor's code and styles are the package's own static files, loaded by
    `static/js/richtext-editor.js` through a relative module import (no import map:
    an inline script would need a CSP exception, and nothing loads from a CDN); the
    module adds the stylesheets named in `data-richtext-styles` (`EDITOR_STYLESHEETS`,
    hashed names in production) before it builds the editor. Its toolbar offers only
    what `ALLOWED_TAGS` keeps. Without JavaScript it stays a textarea, and plain text
    typed there keeps its paragraphs and lists (`sanitize_html`). The value is handed
    to the editor as sanitised HTML, so a row stored as plain text opens with its
    paragraphs and lists. The same widget serves the pages and the admin.
    """

    def __init__(self, attrs=None):
        super().__init__({"rows": 10, "data-richtext-editor": "", **(attrs or {})})

    class Media:
        js = [Script("js/richtext-editor.js", type="module")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-richtext-styles"] = " ".join(
            static(path) for path in EDITOR_STYLESHEETS
        )
        return context

    def format_value(self, value):
        return sanitize_html(value) if value else value


class RichTextFormField(forms.CharField):
    """A rich-text form field: the editor, and the value sanitised when cleaned."""

    widget = RichTextarea

    def clean(self, value):
        return sanitize_html(super().clean(value))


class RichTextAdminMixin:
    """A ModelAdmin whose `rich_text_fields` get the pages' editor and sanitiser,
    so staff write with the same toolbar and nothing unsafe is stored through
    the admin either."""

    rich_text_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_text_fields:
            kwargs.update(widget=RichTextarea, form_class=RichTextFormField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
