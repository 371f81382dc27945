from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)
from django_ratelimit.decorators import ratelimit

from analytics import tracking
from candidates import selectors, services
from candidates.forms import (
    BasicsForm,
    CandidateSearchForm,
    EducationFormSet,
    ExperienceFormSet,
    LinksForm,
    MessageCandidateForm,
    PreferencesForm,
    SavedCandidateSearchForm,
    SkillFormSet,
    SummaryForm,
    VisibilityForm,
    search_params_from_querydict,
)
from candidates.models import CandidateProfile, SavedCandidateSearch
from candidates.permissions import (
    can_search_candidates,
    can_see_contact_details,
    can_view_profile,
    is_company_user,
)
from candidates.search import candidate_page
from companies.models import Company
from hotgigs.errors import Conflict, NotAllowed
from hotgigs.search import InvalidCursor
from notifications import messaging
from notifications.views import MESSAGE_PAGE_RATE

PAGE_SIZE = 20


# The profile page's sections, in page order: each is its own form with its own
# Save, posted to /profile/<name>/, so a long profile is saved a part at a time.
PROFILE_SECTIONS = {
    "basics": ("Basics", BasicsForm),
    "summary": ("Summary", SummaryForm),
    "skills": ("Skills", SkillFormSet),
    "experience": ("Experience", ExperienceFormSet),
    "education": ("Education", EducationFormSet),
    "preferences": ("Preferences", PreferencesForm),
    "links": ("Links", LinksForm),
    "visibility": ("Visibility", VisibilityForm),
}
FORMSET_SECTIONS = {"skills", "experience", "education"}


def _section_form(name, profile, data=None):
    form_class = PROFILE_SECTIONS[name][1]
    if name in FORMSET_SECTIONS:
        return form_class(data, instance=profile, prefix=name)
    return form_class(data, instance=profile)


def _own_profile(request):
    if not request.user.is_candidate:
        raise PermissionDenied("Only candidates have a candidate profile.")
    return services.profile_get_or_create(user=request.user)


def _error_links(name, form):
    """(text, anchor) for each error of a section's form or formset, for the
    summary at the top of the page."""
    title = PROFILE_SECTIONS[name][0]
    rows = form.forms if name in FORMSET_SECTIONS else [form]
    links = []
    for number, row in enumerate(rows, start=1):
        where = f"{title} {number}: " if name in FORMSET_SECTIONS else ""
        for field in row:
            for error in field.errors:
                links.append((f"{where}{field.label}: {error}", field.id_for_label))
        for error in row.non_field_errors():
            links.append((f"{where}{error}", f"section-{name}"))
    if name in FORMSET_SECTIONS:
        for error in form.non_form_errors():
            links.append((f"{title}: {error}", f"section-{name}"))
    return links


def _profile_page(request, profile, *, bound=None, status=200):
    sections = []
    for name, (title, _form_class) in PROFILE_SECTIONS.items():
        if bound and bound[0] == name:
            form = bound[1]
        else:
            form = _section_form(name, profile)
        sections.append(
            {
                "name": name,
                "title": title,
                "form": form,
                "save_label": f"Save {title.lower()}",
            }
        )
    profile = selectors.profile_for_user(request.user)
    context = {
        "sections": sections,
        "media": sections[1]["form"].media,
        "error_links": _error_links(*bound) if bound else [],
        "profile": profile,
        "completeness": selectors.profile_completeness(profile),
        "companies_viewed": selectors.profile_views_companies_count(profile=profile),
    }
    return render(request, "candidates/profile_edit.html", context, status=status)


@login_required
@require_GET
def profile_edit(request):
    """The candidate's own profile: one form per section, each saved on its own."""
    return _profile_page(request, _own_profile(request))


@login_required
@require_POST
def profile_section_save(request, section):
    if section not in PROFILE_SECTIONS:
        raise Http404("No such section of the profile.")
    profile = _own_profile(request)
    form = _section_form(section, profile, request.POST)
    if not form.is_valid():
        return _profile_page(request, profile, bound=(section, form), status=400)
    if section == "skills":
        services.profile_skills_save(
            profile=profile,
            rows=[
                (row, getattr(_form_for(form, row), "resolved_skill", None))
                for row in form.save(commit=False)
            ],
            deleted=form.deleted_objects,
        )
    elif section in FORMSET_SECTIONS:
        services.profile_rows_save(
            profile=profile, rows=form.save(commit=False), deleted=form.deleted_objects
        )
    else:
        services.profile_save(profile=form.save(commit=False))
    messages.success(request, f"{PROFILE_SECTIONS[section][0]} saved.")
    return redirect(reverse("candidates:profile") + f"#section-{section}")


def _form_for(formset, instance):
    for form in formset.forms:
        if form.instance is instance:
            return form
    return None


def _require_searcher(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_search_candidates(request.user):
        raise PermissionDenied("Only employers and recruiters can search candidates.")
    return None


def _cursor_link(query, cursor):
    if not cursor:
        return None
    query = query.copy()
    query["cursor"] = cursor
    return "?" + query.urlencode()


def _suggestion_link(query, suggestion):
    """ "Did you mean …": the corrected search's link and what it reads."""
    if not suggestion:
        return None
    query = query.copy()
    for name, value in suggestion.items():
        query[name] = value
    label = " · ".join(str(value) for value in suggestion.values())
    return {"url": "?" + query.urlencode(), "label": label}


def search(request):
    denied = _require_searcher(request)
    if denied:
        return denied
    form = CandidateSearchForm(request.GET or None)
    results, status, error, page = [], 200, "", None
    if request.GET and not form.is_valid():
        status = 400
    else:
        if not request.GET:
            form = CandidateSearchForm({})
            form.is_valid()
        try:
            page = candidate_page(
                form.to_params(),
                cursor=request.GET.get("cursor") or None,
                page_size=PAGE_SIZE,
            )
        except InvalidCursor:
            status, error = 400, "That results page link is no longer valid."
        else:
            results = selectors.profiles_in_order(page.ids)
    query = request.GET.copy()
    query.pop("cursor", None)
    query.pop("page", None)
    context = {
        "form": form,
        "results": results,
        "search": page and page.results,
        "error": error,
        "suggestion": _suggestion_link(query, page and page.results.suggestion),
        "next_link": _cursor_link(query, page and page.next_cursor),
        "previous_link": _cursor_link(query, page and page.previous_cursor),
        "query": query.urlencode(),
        "saved_searches": list(
            SavedCandidateSearch.objects.filter(owner=request.user)[:50]
        ),
        "save_form": SavedCandidateSearchForm(),
    }
    return render(request, "candidates/search.html", context, status=status)


def detail(request, pk):
    profile = get_object_or_404(selectors.profiles_with_details(), pk=pk)
    if not can_view_profile(request.user, profile):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.is_candidate and not request.user.is_staff:
            raise PermissionDenied("Candidates cannot see other candidates.")
        raise Http404("No such profile.")
    services.profile_view_record(profile=profile, viewer=request.user)
    tracking.record(
        tracking.EventKind.PROFILE_VIEW,
        request=request,
        candidate_id=profile.user_id,
        is_own_team=request.user.pk == profile.user_id,
    )
    context = {
        "profile": profile,
        "show_contact": can_see_contact_details(request.user, profile),
        "is_owner": request.user.is_authenticated
        and request.user.pk == profile.user_id,
        # Company members act on the profile (message, invite, talent pool);
        # the action pages check each rule again.
        "is_company_user": is_company_user(request.user)
        and request.user.pk != profile.user_id,
    }
    return render(request, "candidates/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=MESSAGE_PAGE_RATE, method="POST", block=True)
def message_candidate(request, pk):
    """A company member writes to a candidate from their profile: the company's
    direct thread with them (notifications.messaging decides who may)."""
    profile = get_object_or_404(CandidateProfile.objects.select_related("user"), pk=pk)
    companies = [
        company
        for company in Company.objects.filter(memberships__user=request.user)
        if messaging.can_message_candidate(
            request.user, company=company, candidate=profile.user
        )
    ]
    if not companies:
        raise Http404("No such candidate to message.")
    form = MessageCandidateForm(request.POST or None, companies=companies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                conversation = messaging.conversation_start_direct(
                    user=request.user,
                    company=form.cleaned_data["company"],
                    candidate=profile.user,
                    body=form.cleaned_data["body"],
                )
            except NotAllowed as exc:
                form.add_error(None, str(exc))
                status = 403
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Message sent to {profile.user.full_name}.")
                return redirect("notifications:conversation", pk=conversation.pk)
    return render(
        request,
        "candidates/message.html",
        {"form": form, "profile": profile},
        status=status,
    )


@require_POST
def saved_search_create(request):
    denied = _require_searcher(request)
    if denied:
        return denied
    form = SavedCandidateSearchForm(request.POST)
    query = QueryDict(request.POST.get("query", ""))
    search_form = CandidateSearchForm(query)
    if form.is_valid() and search_form.is_valid():
        try:
            services.saved_search_create(
                owner=request.user,
                name=form.cleaned_data["name"],
                params=search_params_from_querydict(query),
            )
        except Conflict as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, "Search saved.")
            return redirect(f"{_search_url()}?{query.urlencode()}")
    return render(
        request,
        "candidates/saved_search_error.html",
        {"form": form, "search_form": search_form, "query": query.urlencode()},
        status=400,
    )


@require_POST
def saved_search_delete(request, pk):
    denied = _require_searcher(request)
    if denied:
        return denied
    saved = get_object_or_404(SavedCandidateSearch, pk=pk, owner=request.user)
    saved.delete()
    messages.success(request, "Saved search deleted.")
    return redirect("candidates:search")


def _search_url():

    return reverse("candidates:search")
