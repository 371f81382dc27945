"""OpenAPI schema conventions, shared by every endpoint.

- `accounts.authentication.JWTAuthentication` is documented as the JWT bearer
  security scheme (drf-spectacular only knows simplejwt's own class).
- A postprocessing hook adds the one error shape (`Error`) as a component and
  documents the error answers every operation can give, and describes the
  pagination and `?fields=` conventions in the API description.
- `FIELDS_PARAMETER` documents `?fields=` on endpoints whose serializer uses
  `hotgigs.api.fields.SparseFieldsetMixin`:
  `@extend_schema(parameters=[FIELDS_PARAMETER])`.
"""

import re

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.utils import OpenApiParameter

FIELDS_PARAMETER = OpenApiParameter(
    name="fields",
    type=str,
    location=OpenApiParameter.QUERY,
    required=False,
    description=(
        "Comma-separated field names to return (sparse fieldset), e.g. "
        "`?fields=id,title`. Unknown names are ignored."
    ),
)

ERROR_SCHEMA = {
    "type": "object",
    "description": "The one error shape every 4xx and 5xx answer uses.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {
                    "type": "string",
                    "description": "Machine-readable: invalid, not_authenticated, "
                    "permission_denied, not_found, method_not_allowed, conflict, "
                    "unsupported_media_type, parse_error, throttled, server_error …",
                    "example": "not_found",
                },
                "message": {"type": "string", "example": "Not found."},
                "fields": {
                    "type": "object",
                    "description": "Per-field messages for `invalid` input.",
                    "additionalProperties": {
                        "type": "array",
                        "items": {"type": "string"},
                    },
                },
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}

ERROR_RESPONSES = {
    "400": "Invalid input: `code` is `invalid` (with `fields`) or `parse_error`.",
    "401": "Missing, expired or invalid credentials.",
    "403": "Authenticated but not allowed.",
    "404": "No such object, or not visible to you.",
    "429": "Throttled: retry after the `Retry-After` header's seconds.",
}

CONVENTIONS = """

## Conventions

**Errors.** Every error answers `{"error": {"code", "message", "fields"}}`
(schema `Error`), never an HTML page.

**Pagination.** Lists with a total use page numbers: `?page=2&page_size=50`
(`page_size` is capped at 100) and answer `count` (capped at 10 000;
`count_capped` says so), `next`, `previous` and `results`. Feeds use cursor
pagination: follow `next`/`previous` links, which carry an opaque `cursor`.

**Sparse fieldsets.** List endpoints accept `?fields=a,b` to return only those
fields.

**Caching.** GET answers carry an `ETag`; send it back in `If-None-Match` to get
`304 Not Modified`. Responses are gzip-compressed on `Accept-Encoding: gzip`.

**Throttling.** Per user and per IP, by minute and by hour; a throttled request
answers 429 with `Retry-After`.
"""


class HotGigsJWTScheme(SimpleJWTScheme):
    """Our JWT authentication (a simplejwt subclass) as the bearer scheme."""

    target_class = "accounts.authentication.JWTAuthentication"
    name = "jwtAuth"


def _error_response(description):
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }


def postprocess_schema(result, generator, request, public):
    """Add the error shape and the conventions to the generated schema."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
        ERROR_SCHEMA
    )
    info = result.setdefault("info", {})
    info["description"] = info.get("description", "") + CONVENTIONS
    for path, operations in result.get("paths", {}).items():
        has_path_parameter = bool(re.search(r"{\w+}", path))
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            wanted = ["403", "429"]
            if method in {"post", "put", "patch"}:
                wanted.append("400")
            if any(requirement for requirement in operation.get("security", [{}])):
                wanted.append("401")
            if has_path_parameter:
                wanted.append("404")
            for code in sorted(wanted):
                responses.setdefault(code, _error_response(ERROR_RESPONSES[code]))
    return result
