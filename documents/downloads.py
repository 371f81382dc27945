"""The response that hands a private file to an authorised user, once the view
has decided that they may have it:

- S3 storage (`documents.storage.PrivateS3Storage`): a 302 to a presigned GET URL
  that expires after `DOCUMENT_SIGNED_URL_SECONDS` and makes S3 send our
  Content-Disposition and Content-Type; the redirect itself is never cached;
- filesystem storage behind nginx (`PRIVATE_ACCEL_REDIRECT_PREFIX`): an empty
  response with `X-Accel-Redirect`, nginx sends the bytes;
- otherwise Django streams the file.
"""

import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect

from accounts import audit
from accounts.models import AuditAction
from documents.models import Document
from documents.services import open_blob, private_storage

UNSAFE = set('"\\;/:*?<>|%')


def content_disposition(filename: str) -> str:
    """RFC 6266: an ASCII `filename=` fallback and the UTF-8 `filename*=`."""
    ascii_name = (
        unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    )
    ascii_name = "".join(
        "_" if (c in UNSAFE or not c.isprintable()) else c for c in ascii_name
    ).strip(" ")
    stem, dot, extension = ascii_name.rpartition(".")
    if not dot:
        stem, extension = ascii_name, ""
    stem = stem.strip(" .") or "document"
    ascii_name = f"{stem}.{extension}" if extension else stem
    encoded = quote(filename, safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"


def record_download(request, document: Document) -> None:
    """Audit a download by anyone but the owner (a company reading a resume)."""
    if request.user.pk != document.owner_id:
        audit.record(
            action=AuditAction.DOCUMENT_DOWNLOADED,
            request=request,
            target=document,
            owner_id=document.owner_id,
        )


def download_response(document: Document):
    disposition = content_disposition(document.original_filename)
    storage = private_storage()
    if hasattr(storage, "signed_download_url"):
        return _signed_redirect(storage, document, disposition)
    prefix = settings.PRIVATE_ACCEL_REDIRECT_PREFIX
    if prefix:
        # nginx serves the bytes from an `internal` location; Django only decides.
        response = HttpResponse(content_type=document.content_type)
        response["X-Accel-Redirect"] = (
            f"{prefix.rstrip('/')}/{quote(document.blob.storage_name)}"
        )
    else:
        response = FileResponse(open_blob(document), content_type=document.content_type)
        response["Content-Length"] = str(document.size)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _signed_redirect(storage, document: Document, disposition: str):
    url = storage.signed_download_url(
        document.blob.storage_name,
        content_disposition=disposition,
        content_type=document.content_type,
        expire=settings.DOCUMENT_SIGNED_URL_SECONDS,
    )
    response = HttpResponseRedirect(url)
    # The URL is a bearer credential until it expires: no cache may keep the
    # redirect. The bucket needs no Referer naming our download URL either.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
