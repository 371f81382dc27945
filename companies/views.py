"""Company pages: onboarding, the public page, settings, team and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from companies import permissions, selectors, services
from companies.forms import CompanyForm, InviteForm, LogoForm, RoleForm
from companies.models import Membership, MembershipRole
from hotgigs.errors import NotAllowed, add_form_errors


def _company_or_404(slug):
    company = selectors.company_by_slug(slug)
    if company is None:
        raise Http404("No such company.")
    return company


@login_required
def company_new(request):
    """Onboarding for employers and recruiters: create the company or agency."""
    existing = selectors.companies_for_user(request.user).first()
    if existing is not None:
        return redirect(existing)
    if not permissions.can_create_company(request.user):
        raise PermissionDenied("Only employer and recruiter accounts have a company.")
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, f"{company.name} is ready. Add your logo.")
            return redirect("companies:settings", slug=company.slug)
    is_agency = request.user.role == "recruiter"
    return render(request, "companies/new.html", {"form": form, "is_agency": is_agency})


def company_detail(request, slug):
    company = _company_or_404(slug)
    membership = selectors.membership_in(company, request.user)
    return render(
        request,
        "companies/detail.html",
        {
            "company": company,
            "open_jobs": selectors.open_jobs_for_company(company),
            "membership": membership,
        },
    )


def _managed_company_or_403(request, slug):
    company = _company_or_404(slug)
    if not permissions.can_manage_company(request.user, company):
        raise PermissionDenied("Only owners and admins manage the company.")
    return company


@login_required
def company_settings(request, slug):
    company = _managed_company_or_403(request, slug)
    form = CompanyForm(initial=CompanyForm.initial_for(company))
    logo_form = LogoForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "profile":
            form = CompanyForm(request.POST)
            if form.is_valid():
                try:
                    services.company_update(
                        user=request.user, company=company, **form.cleaned_data
                    )
                except ValidationError as exc:
                    company.refresh_from_db()
                    add_form_errors(form, exc)
                else:
                    messages.success(request, "Company profile saved.")
                    return redirect("companies:settings", slug=company.slug)
        elif action == "logo":
            logo_form = LogoForm(request.POST, request.FILES)
            if logo_form.is_valid():
                try:
                    services.company_set_logo(
                        user=request.user,
                        company=company,
                        upload=logo_form.cleaned_data["file"],
                    )
                except ValidationError as exc:
                    logo_form.add_error("file", exc.messages)
                else:
                    messages.success(request, "Logo updated.")
                    return redirect("companies:settings", slug=company.slug)
        elif action == "remove_logo":
            services.company_remove_logo(user=request.user, company=company)
            messages.success(request, "Logo removed.")
            return redirect("companies:settings", slug=company.slug)
        else:
            return render(request, "400.html", status=400)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "companies/settings.html",
        {"company": company, "form": form, "logo_form": logo_form},
        status=status,
    )


def _member_company_or_403(request, slug):
    company = _company_or_404(slug)
    membership = selectors.membership_in(company, request.user)
    if membership is None:
        raise PermissionDenied("Only members see the team.")
    return company, membership


def _team_context(company, membership, **extra):
    can_manage = membership.role in (MembershipRole.OWNER, MembershipRole.ADMIN)
    context = {
        "company": company,
        "membership": membership,
        "can_manage": can_manage,
        "is_owner": membership.role == MembershipRole.OWNER,
        "team": list(selectors.team_for_company(company)),
        "invitations": list(selectors.pending_invitations(company))
        if can_manage
        else [],
        "invite_form": InviteForm(),
        "roles": MembershipRole.choices,
    }
    context.update(extra)
    return context


@login_required
def company_team(request, slug):
    company, membership = _member_company_or_403(request, slug)
    if request.method == "POST":
        if not membership.can_manage:
            raise PermissionDenied("Only owners and admins invite teammates.")
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    user=request.user, company=company, **form.cleaned_data
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, f"Invitation sent to {invitation.email}.")
                return redirect("companies:team", slug=company.slug)
        return render(
            request,
            "companies/team.html",
            _team_context(company, membership, invite_form=form),
            status=400,
        )
    return render(request, "companies/team.html", _team_context(company, membership))


def _target_membership(company, membership_id):
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, company=company
    )


@login_required
@require_POST
def member_role(request, slug, membership_id):
    company, _ = _member_company_or_403(request, slug)
    target = _target_membership(company, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, admin or member.")
        return redirect("companies:team", slug=company.slug)
    try:
        services.membership_change_role(
            user=request.user, membership=target, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{target.user.full_name or target.user.email} is now {target.role}.",
        )
    return redirect("companies:team", slug=company.slug)


@login_required
def member_remove(request, slug, membership_id):
    """GET asks for confirmation; POST removes (or leaves, for your own row)."""
    company, membership = _member_company_or_403(request, slug)
    target = _target_membership(company, membership_id)
    leaving = target.pk == membership.pk
    if not leaving and not permissions.can_manage_company(request.user, company):
        raise PermissionDenied("Only owners and admins remove teammates.")
    if request.method == "POST":
        try:
            services.membership_remove(user=request.user, membership=target)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("companies:team", slug=company.slug)
        if leaving:
            messages.success(request, f"You left {company.name}.")
            return redirect("accounts:dashboard")
        messages.success(
            request, f"{target.user.full_name or target.user.email} was removed."
        )
        return redirect("companies:team", slug=company.slug)
    return render(
        request,
        "companies/confirm_remove.html",
        {"company": company, "target": target, "leaving": leaving},
    )


@login_required
def company_leave(request, slug):
    company, membership = _member_company_or_403(request, slug)
    return redirect(
        "companies:member-remove", slug=company.slug, membership_id=membership.pk
    )


@login_required
@require_POST
def invitation_revoke(request, slug, invitation_id):
    company = _managed_company_or_403(request, slug)
    invitation = get_object_or_404(
        company.invitations, pk=invitation_id, accepted_at__isnull=True
    )
    services.invitation_revoke(user=request.user, invitation=invitation)
    messages.success(request, f"Invitation to {invitation.email} revoked.")
    return redirect("companies:team", slug=company.slug)


def invitation_detail(request, token):
    """Anyone with the link sees the invitation; the invited user accepts it."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404("No such invitation.")
    return _invitation_page(request, invitation)


@login_required
def invitation_mine(request, pk):
    """The same page for the signed-in invitee, without a token (the in-app
    notification links here); anyone else gets a 404."""
    invitation = selectors.invitation_for_invitee(request.user, pk)
    if invitation is None:
        raise Http404("No such invitation.")
    return _invitation_page(request, invitation)


def _invitation_page(request, invitation):
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except (ValidationError, NotAllowed) as exc:
            error = " ".join(getattr(exc, "messages", None) or [str(exc)])
        else:
            messages.success(request, f"Welcome to {invitation.company.name}!")
            return redirect("companies:team", slug=invitation.company.slug)
    user = request.user
    context = {
        "invitation": invitation,
        "error": error,
        "email_matches": user.is_authenticated
        and user.email.lower() == invitation.email.lower(),
    }
    return render(
        request,
        "companies/invitation.html",
        context,
        status=400 if error else 200,
    )
