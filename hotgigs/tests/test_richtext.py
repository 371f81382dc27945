"""Rich text is sanitised with nh3: no scripts, event handlers or javascript: URLs."""

import pytest
from django.template import Context, Template

from hotgigs.richtext import html_to_text, sanitize_html


def test_keeps_the_allowed_formatting():
    html = (
        "<h2>Role</h2><p><strong>Python</strong> and <em>Django</em></p>"
        "<ul><li>a</li></ul>"
    )

    assert sanitize_html(html) == html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="alert(1)">Hi</p>', "<p>Hi</p>"),
        ('<img src="x" onerror="alert(1)">', ""),
        (
            '<a href="javascript:alert(1)">x</a>',
            '<a rel="noopener noreferrer nofollow">x</a>',
        ),
        (
            '<a href="JaVaScRiPt:alert(1)">x</a>',
            '<a rel="noopener noreferrer nofollow">x</a>',
        ),
        ("<iframe src='https://evil.test'></iframe>ok", "ok"),
        ("<style>body{display:none}</style>ok", "ok"),
        ('<p style="position:fixed">x</p>', "<p>x</p>"),
        ("<svg><script>alert(1)</script></svg>", ""),
    ],
)
def test_removes_dangerous_markup(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_links_keep_safe_urls_and_get_rel():
    assert sanitize_html('<a href="https://example.com" target="_blank">x</a>') == (
        '<a href="https://example.com" rel="noopener noreferrer nofollow">x</a>'
    )
    assert sanitize_html('<a href="mailto:jobs@example.com">x</a>') == (
        '<a href="mailto:jobs@example.com" rel="noopener noreferrer nofollow">x</a>'
    )


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_values(empty):
    assert sanitize_html(empty) == ""
    assert html_to_text(empty) == ""


def test_html_to_text_strips_tags_and_squashes_whitespace():
    assert html_to_text("<h2>Senior\n  Engineer</h2><p>Remote <b>OK</b></p>") == (
        "Senior Engineer Remote OK"
    )


def test_html_to_text_drops_script_content():
    assert html_to_text("<p>a</p><script>alert(1)</script>") == "a"


def test_template_filter_sanitises_on_output():
    template = Template("{% load richtext %}{{ body|richtext }}")

    rendered = template.render(
        Context({"body": '<p onmouseover="x()">Hi</p><script>bad()</script>'})
    )

    assert rendered == "<p>Hi</p>"


def test_plain_text_is_escaped_by_default():
    rendered = Template("{{ body }}").render(Context({"body": "<b>x</b>"}))

    assert rendered == "&lt;b&gt;x&lt;/b&gt;"


def test_plain_text_keeps_its_paragraphs_and_lists():
    typed = (
        "About us\r\nwe build\r\n\r\nYou will:\r\n- ship code\r\n"
        "* review a < b & more\r\n• pair\r\n\r\n1. one\r\n2) two\r\nend"
    )

    assert sanitize_html(typed) == (
        "<p>About us<br>we build</p><p>You will:</p>"
        "<ul><li>ship code</li><li>review a &lt; b &amp; more</li><li>pair</li></ul>"
        "<ol><li>one</li><li>two</li></ol><p>end</p>"
    )


def test_text_with_a_tag_is_treated_as_html():
    assert sanitize_html("x\n\n- <script>alert(1)</script>") == "x\n\n- "


def test_plain_text_comparison_signs_stay_text():
    assert sanitize_html("a > b") == "<p>a &gt; b</p>"


def test_template_filter_shapes_plain_text_on_output():
    rendered = Template("{% load richtext %}{{ v|richtext }}").render(
        Context({"v": "One\n\n- two"})
    )

    assert rendered == "<p>One</p><ul><li>two</li></ul>"
