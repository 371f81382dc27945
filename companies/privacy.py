"""Personal data held by companies: memberships and invitations (see
accounts/privacy.py for the contract).

Erasure keeps companies intact: a company is shared data (its jobs and the
applications candidates sent to them belong to other people too). When the
erased user is a company's last owner, ownership passes to the longest-standing
admin, else the longest-standing member; a company with no one else stays
ownerless, and staff can assign an owner in the admin.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from companies.models import Company, Invitation, Membership, MembershipRole

EXPORTED = {"companies.Membership.user", "companies.Invitation.accepted_by"}
ERASED = EXPORTED


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    memberships = Membership.objects.filter(user=user).select_related("company")
    invitations = Invitation.objects.filter(
        Q(email__iexact=user.email) | Q(accepted_by=user)
    ).select_related("company")
    return {
        "memberships": [
            {
                "company": m.company.name,
                "company_slug": m.company.slug,
                "role": m.role,
                "joined_at": _iso(m.created_at),
            }
            for m in memberships.order_by("created_at", "id")
        ],
        "invitations_received": [
            {
                "company": i.company.name,
                "role": i.role,
                "created_at": _iso(i.created_at),
                "accepted_at": _iso(i.accepted_at),
            }
            for i in invitations.order_by("created_at", "id")
        ],
    }


def _successor(company: Company, leaving_user) -> Membership | None:
    rank = Case(
        When(role=MembershipRole.ADMIN, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        company.memberships.exclude(user=leaving_user)
        .annotate(rank=rank)
        .order_by("rank", "created_at", "id")
        .first()
    )


def erase(user) -> None:
    owned = Membership.objects.filter(user=user, role=MembershipRole.OWNER)
    for membership in owned.select_related("company"):
        company = membership.company
        other_owners = company.memberships.filter(role=MembershipRole.OWNER).exclude(
            user=user
        )
        if other_owners.exists():
            continue
        successor = _successor(company, user)
        if successor is not None:
            successor.role = MembershipRole.OWNER
            successor.save(update_fields=["role", "updated_at"])
    Membership.objects.filter(user=user).delete()
    # Invitations addressed to the user carry their email address.
    Invitation.objects.filter(
        Q(email__iexact=user.email) | Q(accepted_by=user)
    ).delete()
