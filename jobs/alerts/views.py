"""Job alert pages: "save this search as an alert" (from the search page) and
the candidate's alerts at /alerts/ with delete. The API twin is
/api/v1/saved-searches/; both create through
jobs.services.alerts.saved_search_create."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from jobs.alerts.forms import AlertForm
from jobs.models import SavedSearch
from jobs.search import JobSearchForm
from jobs.services.alerts import saved_search_create


def _require_candidate(user):
    if not user.is_candidate:
        raise PermissionDenied("Job alerts are for candidate accounts.")


def _summary(query: dict) -> list[str]:
    labels = {name: f.label or name for name, f in JobSearchForm.base_fields.items()}
    return [
        f"{labels.get(key, key)}: "
        + (", ".join(map(str, value)) if isinstance(value, list) else str(value))
        for key, value in query.items()
    ]


def _alerts_page(request, form, *, status=200):
    alerts = list(
        SavedSearch.objects.filter(user=request.user).order_by("-created_at", "-id")
    )
    for alert in alerts:
        alert.summary = _summary(alert.query)
    return render(
        request, "jobs/alerts.html", {"alerts": alerts, "form": form}, status=status
    )


@login_required
@require_GET
def alert_list(request):
    _require_candidate(request.user)
    return _alerts_page(request, None)


@login_required
@require_POST
def alert_create(request):
    _require_candidate(request.user)
    form = AlertForm(request.POST)
    if form.is_valid():
        try:
            alert = saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                query=form.alert_query(),
                frequency=form.cleaned_data["frequency"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                target = field if field in ("name", "frequency") else None
                search_field = JobSearchForm.base_fields.get(field.partition(".")[2])
                for error in errors:
                    if search_field is not None:  # "query.salary_min" → its label
                        error = f"{search_field.label}: {error}"
                    form.add_error(target, error)
        else:
            messages.success(request, f"Saved the alert “{alert.name}”.")
            return redirect("jobs:alerts")
    return _alerts_page(request, form, status=400)


@login_required
@require_POST
def alert_delete(request, pk):
    _require_candidate(request.user)
    alert = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    alert.delete()
    messages.success(request, f"Deleted the alert “{alert.name}”.")
    return redirect("jobs:alerts")
