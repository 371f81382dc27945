"""Confirmation before destructive actions, with or without JavaScript.

A destructive form carries its question in one tag (hotgigs/templatetags/confirm.py):

    <form method="post" action="…">{% csrf_token %}
      {% confirm %}Delete the alert “{{ alert.name }}”?{% endconfirm %}
      <button type="submit">Delete</button>
    </form>

which renders a hidden `_confirm` field holding the question.

- With JavaScript, static/js/site.js asks the question (the browser's own
  `confirm()` dialog, accessible and keyboard-operable) when the form is sent;
  "OK" adds `_confirmed=yes` and the post goes straight to its view, "Cancel"
  sends nothing.
- Without JavaScript the post arrives unconfirmed and `ConfirmationMiddleware`
  answers with a page asking the same question, whose form posts the same fields
  again with `_confirmed=yes` (and a fresh CSRF token); "Cancel" goes back.

Confirmation guards against slips, not against attacks (anyone can post
`_confirmed`), so views keep their own access checks and never look at these
fields. Posts without `_confirm` (API clients, tests, every other form) pass
straight through.
"""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

QUESTION_FIELD = "_confirm"
CONFIRMED_FIELD = "_confirmed"
# Longer questions are cut: the question is echoed from the post.
QUESTION_MAX_CHARS = 300
_NOT_REPOSTED = {"csrfmiddlewaretoken", CONFIRMED_FIELD}
_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _cancel_url(request) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/dashboard/" if request.user.is_authenticated else "/"


class ConfirmationMiddleware:
    """Answers an unconfirmed post of a `{% confirm %}` form with a page that
    asks first. Sits after CsrfViewMiddleware (a forged post never gets a page)
    and AuthenticationMiddleware (the page shows the signed-in header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # csrf_exempt views (the API, uploads that must install their size
        # limit before the body is read) are left alone; for the others
        # CsrfViewMiddleware has already parsed the body.
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        if request.content_type not in _FORM_TYPES:
            return None
        question = request.POST.get(QUESTION_FIELD, "").strip()
        if not question or request.POST.get(CONFIRMED_FIELD) == "yes":
            return None
        if request.FILES:  # a page cannot post a file again: let the view run
            return None
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in _NOT_REPOSTED
            for value in values
        ]
        context = {
            "question": question[:QUESTION_MAX_CHARS],
            "action": request.get_full_path(),
            "fields": fields,
            "confirmed_field": CONFIRMED_FIELD,
            "cancel_url": _cancel_url(request),
        }
        return render(request, "confirm.html", context)
