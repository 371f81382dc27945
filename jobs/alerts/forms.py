"""The "save this search as an alert" form (jobs.services.alerts validates the
query)."""

from django import forms
from django.http import QueryDict

from jobs.models import AlertFrequency
from jobs.services.alerts import ALERT_PARAMETERS


def alert_query_from(params: QueryDict) -> dict:
    """The alert parameters of a search's GET parameters (paging and sorting are
    dropped); a repeated parameter becomes a list."""
    query = {}
    for key in sorted(set(params) & ALERT_PARAMETERS):
        values = [v for v in params.getlist(key) if v != ""]
        if values:
            query[key] = values if len(values) > 1 else values[0]
    return query


class AlertForm(forms.Form):
    name = forms.CharField(label="Alert name", max_length=100)
    frequency = forms.ChoiceField(
        label="Email me", choices=AlertFrequency.choices, initial=AlertFrequency.DAILY
    )
    # The search's own query string, as the search page had it.
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)

    def alert_query(self) -> dict:
        return alert_query_from(QueryDict(self.cleaned_data["query"]))
