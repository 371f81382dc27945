"""{% load display %}: values as people read them.

- `{{ amount|money:currency }}`, `{% salary_range min max currency %}`: grouped
  digits in the active locale's format and the currency's symbol where it is
  unambiguous ("$72,000–$92,000"), else its code ("CHF 72,000").
- `{{ job.remote_policy|choice_label:"jobs.Job.remote_policy" }}`: a stored
  choice's label ("On-site", never "onsite"), looked up on the model by its
  string label so this low layer imports no app.
- `{{ code|country_name }}`: "DE" → "Germany".
"""

from django import template
from django.apps import apps
from django.utils.formats import number_format

from hotgigs.countries import COUNTRIES

register = template.Library()

# Symbols that name one currency for an English-speaking reader.
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def _amount(value, currency) -> str:
    digits = number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    symbol = CURRENCY_SYMBOLS.get((currency or "").upper())
    if symbol:
        return f"{symbol}{digits}"
    return f"{currency} {digits}".strip()


@register.filter
def money(value, currency=""):
    if value in (None, ""):
        return ""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return value
    return _amount(value, currency)


@register.simple_tag
def salary_range(minimum, maximum, currency):
    """ "$72,000–$92,000", "from $72,000", "up to $92,000" or ""."""
    low, high = money(minimum, currency), money(maximum, currency)
    if low and high and low != high:
        return f"{low}–{high}"
    if low:
        return low if high else f"from {low}"
    return f"up to {high}" if high else ""


@register.filter
def choice_label(value, field_path):
    """The label of a stored choice; the value itself when it is not one."""
    if value in (None, ""):
        return ""
    app_label, model_name, field_name = field_path.split(".")
    field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    return dict(field.flatchoices).get(value, value)


@register.filter
def country_name(code):
    if not code:
        return ""
    return COUNTRIES.get(str(code).upper(), code)
