from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from analytics import tracking
from candidates import selectors, services
from candidates.forms import (
    CandidateSearchForm,
    EducationFormSet,
    ExperienceFormSet,
    ProfileForm,
    SavedCandidateSearchForm,
    SkillFormSet,
    search_params_from_querydict,
)
from candidates.models import SavedCandidateSearch
from candidates.permissions import (
    can_search_candidates,
    can_see_contact_details,
    can_view_profile,
)
from candidates.search import candidate_page
from hotgigs.errors import Conflict
from hotgigs.search import InvalidCursor

PAGE_SIZE = 20


@login_required
def profile_edit(request):
    """The candidate's own profile editor: sections and three row lists."""
    if not request.user.is_candidate:
        raise PermissionDenied("Only candidates have a candidate profile.")
    profile = services.profile_get_or_create(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=profile)
    skills = SkillFormSet(data, instance=profile, prefix="skills")
    experience = ExperienceFormSet(data, instance=profile, prefix="experience")
    education = EducationFormSet(data, instance=profile, prefix="education")
    status = 200
    if request.method == "POST":
        forms_ok = [f.is_valid() for f in (form, skills, experience, education)]
        if all(forms_ok):
            skill_rows = [
                (row, getattr(_form_for(skills, row), "resolved_skill", None))
                for row in skills.save(commit=False)
            ]
            services.profile_update(
                profile=form.save(commit=False),
                skills=skill_rows,
                rows=[*experience.save(commit=False), *education.save(commit=False)],
                deleted=[
                    *skills.deleted_objects,
                    *experience.deleted_objects,
                    *education.deleted_objects,
                ],
            )
            messages.success(request, "Your profile is saved.")
            return redirect("candidates:profile")
        status = 400
    profile = selectors.profile_for_user(request.user)
    context = {
        "form": form,
        "skills": skills,
        "experience": experience,
        "education": education,
        "profile": profile,
        "completeness": selectors.profile_completeness(profile),
        "companies_viewed": selectors.profile_views_companies_count(profile=profile),
    }
    return render(request, "candidates/profile_edit.html", context, status=status)


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
    }
    return render(request, "candidates/detail.html", context)


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
    from django.urls import reverse

    return reverse("candidates:search")
