"""Pages: the owner's documents (upload, rename, default, replace, delete) and
the authorised download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents import services
from documents.downloads import download_response, record_download
from documents.forms import RenameForm, ReplaceForm, UploadForm
from documents.models import Document
from documents.permissions import can_download
from documents.selectors import (
    any_processing,
    document_for_owner,
    documents_for_owner,
    storage_used,
)
from documents.uploads import (
    declared_too_large,
    install_upload_limit,
    upload_was_too_large,
)
from documents.validation import DocumentRejected, max_bytes


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _list_context(request, *, upload_form=None, status=200):
    documents = list(documents_for_owner(request.user))
    return {
        "documents": documents,
        "upload_form": upload_form or UploadForm(),
        "used": storage_used(request.user),
        "processing": any_processing(documents),
        "max_mb": max_bytes() // (1024 * 1024),
    }


def _owned_or_404(request, pk) -> Document:
    document = document_for_owner(request.user, pk)
    if document is None:
        raise Http404
    return document


def _too_large(request):
    message = f"The file is larger than {max_bytes() // (1024 * 1024)} MB."
    if _wants_json(request):
        return JsonResponse({"errors": {"file": [message]}}, status=413)
    return render(
        request,
        "documents/too_large.html",
        {"message": message},
        status=413,
    )


@login_required
@require_GET
def document_list(request):
    return render(request, "documents/list.html", _list_context(request))


@csrf_exempt  # the size limit must be installed before CSRF reads the body
@login_required
@require_POST
def document_upload(request):
    if declared_too_large(request):
        return _too_large(request)
    install_upload_limit(request)
    return _upload_checked(request)


@csrf_protect
def _upload_checked(request):
    form = UploadForm(request.POST, request.FILES)
    if upload_was_too_large(request):
        return _too_large(request)
    status = 400
    if form.is_valid():
        try:
            document = services.document_upload(
                owner=request.user,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
            )
        except DocumentRejected as error:
            if error.code == "too_large":
                return _too_large(request)
            form.add_error("file", error.message)
        else:
            messages.success(request, f"“{document.name}” uploaded.")
            if _wants_json(request):
                return JsonResponse({"redirect": reverse("documents:list")}, status=201)
            return redirect("documents:list")
    if _wants_json(request):
        return JsonResponse({"errors": form.errors}, status=status)
    return render(
        request,
        "documents/list.html",
        _list_context(request, upload_form=form),
        status=status,
    )


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def document_replace(request, pk):
    document = _owned_or_404(request, pk)
    if request.method == "POST":
        if declared_too_large(request):
            return _too_large(request)
        install_upload_limit(request)
    return _replace_checked(request, document)


@csrf_protect
def _replace_checked(request, document):
    if request.method == "GET":
        form = ReplaceForm()
        return render(
            request, "documents/replace.html", {"document": document, "form": form}
        )
    form = ReplaceForm(request.POST, request.FILES)
    if upload_was_too_large(request):
        return _too_large(request)
    if form.is_valid():
        try:
            services.document_replace(document=document, file=form.cleaned_data["file"])
        except DocumentRejected as error:
            if error.code == "too_large":
                return _too_large(request)
            form.add_error("file", error.message)
        else:
            messages.success(request, f"“{document.name}” replaced.")
            return redirect("documents:list")
    return render(
        request,
        "documents/replace.html",
        {"document": document, "form": form},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_rename(request, pk):
    document = _owned_or_404(request, pk)
    form = RenameForm(request.POST or None, initial={"name": document.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(document=document, name=form.cleaned_data["name"])
        except DocumentRejected as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, "Document renamed.")
            return redirect("documents:list")
    return render(
        request,
        "documents/rename.html",
        {"document": document, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def document_make_default(request, pk):
    document = _owned_or_404(request, pk)
    try:
        services.document_update(document=document, is_default=True)
    except DocumentRejected as error:
        messages.error(request, error.message)
        return redirect("documents:list")
    messages.success(request, f"“{document.name}” is now your default resume.")
    return redirect("documents:list")


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, pk):
    document = _owned_or_404(request, pk)
    if request.method == "POST":
        services.document_delete(document=document)
        messages.success(request, f"“{document.name}” deleted.")
        return redirect("documents:list")
    return render(request, "documents/delete.html", {"document": document})


@login_required
@require_GET
def document_statuses(request):
    """Status refresh for the list page (polled by static/js/documents.js)."""
    rows = documents_for_owner(request.user).values(
        "id", "status", "failure_reason", "page_count"
    )
    return JsonResponse({"documents": list(rows)})


@require_GET
def document_download(request, pk):
    document = Document.objects.select_related("blob").filter(pk=pk).first()
    if document is None or not can_download(request.user, document):
        raise Http404
    record_download(request, document)
    return download_response(document)
