"""Refusing oversized uploads early (413) instead of after reading them.

Two checks, both before the body is fully read:
- `declared_too_large(request)`: the request's Content-Length already says the
  body exceeds the limit (plus room for the multipart envelope) — the view answers
  413 without touching the body;
- `SizeLimitUploadHandler`: counts each file's bytes as they arrive and stops the
  upload (`StopUpload`, the rest of the body is not read) once a file passes the
  limit, for clients that send no or a wrong Content-Length; the view then sees
  `upload_was_too_large(request)`.

`install_upload_limit(request)` must run before anything reads `request.POST` /
`request.FILES` (so page views are csrf_exempt outside and csrf_protect inside).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

# Boundaries, part headers and the small text fields around the file.
MULTIPART_SLACK = 64 * 1024
FLAG = "_document_upload_too_large"


def declared_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.DOCUMENT_MAX_BYTES + MULTIPART_SLACK


def upload_was_too_large(request) -> bool:
    return getattr(request, FLAG, False)


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.DOCUMENT_MAX_BYTES
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            setattr(self.request, FLAG, True)
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def install_upload_limit(request) -> None:
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
