"""ISO 3166-1 alpha-2 country codes, for every model field that stores a country.

The list is django-countries' (kept current by its maintainers); this module is
the project's one door to it. Used by companies (headquarters), jobs (location)
and candidates. Codes are stored upper-case; `validate_country_code` is a
model/serializer validator, `COUNTRY_CHOICES` feeds select widgets (sorted by
name). The names are the ones the site has always shown: where django-countries
words a name differently, `NAMES` keeps ours.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django_countries import countries as _countries

# Our names where django-countries' differ.
NAMES = {
    "BN": "Brunei Darussalam",
    "BS": "Bahamas",
    "CD": "Congo, Democratic Republic of the",
    "GS": "South Georgia and the South Sandwich Islands",
    "KP": "Korea, Democratic People's Republic of",
    "KR": "Korea, Republic of",
    "LA": "Lao People's Democratic Republic",
    "NR": "Nauru",
    "PS": "Palestine, State of",
    "RU": "Russian Federation",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
    "SY": "Syrian Arab Republic",
    "US": "United States",
    "VA": "Holy See",
    "VN": "Viet Nam",
}

# English names, read once at import (before translations may be used).
with translation.override(None):
    COUNTRIES = {
        code: NAMES.get(code, str(name)) for code, name in _countries.countries.items()
    }

COUNTRY_CHOICES = sorted(COUNTRIES.items(), key=lambda item: item[1])


def country_select(blank: str = "Any country"):
    """The one country picker of every form: a select of names storing the code.
    Forms keep a CharField behind it, so a code typed in a URL (`?country=de`)
    is still accepted and validated by the form's own `clean_country`."""
    return forms.Select(choices=[("", blank), *COUNTRY_CHOICES])


def is_country_code(value: str) -> bool:
    return isinstance(value, str) and value in COUNTRIES


def validate_country_code(value: str) -> None:
    """Model/form validator: an upper-case ISO 3166-1 alpha-2 code (blank allowed)."""
    if value and not is_country_code(value):
        raise ValidationError(
            "“%(value)s” is not an ISO 3166-1 alpha-2 country code (e.g. DE, US).",
            code="invalid_country",
            params={"value": value},
        )


def country_name(code: str) -> str:
    return COUNTRIES.get(code, code)


class CountryAdminMixin:
    """A ModelAdmin whose `country_fields` use the site's one country picker
    (names, storing the code) instead of a typed two-letter code."""

    country_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.country_fields:
            kwargs["widget"] = country_select(blank="—")
        return super().formfield_for_dbfield(db_field, request, **kwargs)
