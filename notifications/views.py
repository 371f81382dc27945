from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from hotgigs.errors import NotAllowed
from jobs.models import Application
from notifications import messaging, selectors, services
from notifications.forms import MessageForm, PreferencesForm
from notifications.models import Conversation, NotificationKind

MESSAGE_PAGE_RATE = "20/m"
FEED_LIMIT = 50


@login_required
def centre(request):
    kind = request.GET.get("kind", "")
    if kind and kind not in NotificationKind.values:
        kind = ""
    unread_only = request.GET.get("unread") == "1"
    rows = list(
        selectors.notifications_for(request.user, kind=kind, unread=unread_only)[
            :FEED_LIMIT
        ]
    )
    return render(
        request,
        "notifications/centre.html",
        {
            "notifications": rows,
            "kinds": NotificationKind.choices,
            "kind": kind,
            "unread_only": unread_only,
        },
    )


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()][:500]


@login_required
@require_POST
def mark_read(request):
    if request.POST.get("all") == "1":
        changed = services.notification_mark_read(user=request.user)
    else:
        ids = _ids(request.POST.getlist("ids"))
        if not ids:
            flash.error(request, "Choose at least one notification.")
            return redirect("notifications:centre")
        changed = services.notification_mark_read(user=request.user, ids=ids)
    flash.success(request, f"Marked {changed} as read.")
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    rows = selectors.preferences_for(request.user)
    form = PreferencesForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        for kind, in_app, email in form.changes():
            services.preference_set(
                user=request.user, kind=kind, in_app=in_app, email=email
            )
        flash.success(request, "Your notification settings are saved.")
        return redirect("notifications:preferences")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "notifications/preferences.html", {"form": form}, status=status
    )


@csrf_exempt  # The signed token is the credential; mail clients post one-click.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        _, kinds = services.unsubscribe_parse(token)
    except signing.BadSignature:
        return render(
            request, "notifications/unsubscribe.html", {"bad": True}, status=400
        )
    if request.method == "POST":
        try:
            services.unsubscribe(token=token)
        except signing.BadSignature:
            return render(
                request, "notifications/unsubscribe.html", {"bad": True}, status=400
            )
        return render(
            request,
            "notifications/unsubscribe.html",
            {"done": True, "kinds_label": services.kinds_label(kinds)},
        )
    # GET only asks: link scanners in mail systems must not unsubscribe anybody.
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kinds_label": services.kinds_label(kinds)},
    )


# --- Messages ---------------------------------------------------------------------


@login_required
def inbox(request):
    conversations = list(selectors.conversations_for(request.user)[:100])
    return render(request, "notifications/inbox.html", {"conversations": conversations})


def _conversation_for(user, pk) -> Conversation:
    conversation = (
        selectors.conversations_for(user).filter(pk=pk).first()
        if user.is_authenticated
        else None
    )
    if conversation is None:
        raise Http404("No such conversation.")
    return conversation


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=MESSAGE_PAGE_RATE, method="POST", block=True)
def conversation(request, pk):
    conversation = _conversation_for(request.user, pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                messaging.message_send(
                    user=request.user,
                    conversation=conversation,
                    body=form.cleaned_data["body"],
                )
            except NotAllowed as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                form.add_error("body", exc.message_dict.get("body", exc.messages))
            else:
                return redirect("notifications:conversation", pk=conversation.pk)
        status = 400
    else:
        messaging.conversation_mark_read(user=request.user, conversation=conversation)
    receipts = selectors.read_receipts(conversation)
    thread = list(selectors.conversation_messages(conversation))
    other_read = [at for uid, at in receipts.items() if uid != request.user.pk and at]
    seen_until = max(other_read) if other_read else None
    for message in thread:
        message.seen = bool(seen_until and message.created_at <= seen_until)
    blocked = messaging.is_blocked(
        candidate_id=conversation.candidate_id, company_id=conversation.company_id
    )
    return render(
        request,
        "notifications/conversation.html",
        {
            "conversation": conversation,
            "thread": thread,
            "form": form,
            "is_candidate": conversation.candidate_id == request.user.pk,
            "blocked": blocked,
        },
        status=status,
    )


@login_required
@require_POST
def block(request, pk):
    conversation = _conversation_for(request.user, pk)
    if conversation.candidate_id != request.user.pk:
        raise PermissionDenied("Only the candidate can block a company.")
    if request.POST.get("unblock") == "1":
        messaging.company_unblock(candidate=request.user, company=conversation.company)
        flash.success(request, f"{conversation.company.name} can message you again.")
    else:
        messaging.company_block(candidate=request.user, company=conversation.company)
        flash.success(
            request, f"{conversation.company.name} can no longer message you."
        )
    return redirect("notifications:conversation", pk=conversation.pk)


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=MESSAGE_PAGE_RATE, method="POST", block=True)
def start_for_application(request, application_id):
    application = (
        Application.objects.select_related("job").filter(pk=application_id).first()
    )
    if application is None or not messaging.can_message_about_application(
        request.user, application
    ):
        raise Http404("No such application.")
    existing = Conversation.objects.filter(application=application).first()
    if existing and request.method == "GET":
        return redirect("notifications:conversation", pk=existing.pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = messaging.conversation_start_for_application(
                user=request.user,
                application=application,
                body=form.cleaned_data["body"],
            )
        except NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("notifications:conversation", pk=conversation.pk)
    return render(
        request,
        "notifications/start.html",
        {"form": form, "about": application.job.title},
        status=400 if request.method == "POST" else 200,
    )
