"""OpenAPI schema conventions, shared by every endpoint.

- `accounts.authentication.JWTAuthentication` is documented as the JWT bearer
  security scheme (drf-spectacular only knows simplejwt's own class).
- A postprocessing hook adds the one error shape (`Error`) as a component and
  documents the error answers each operation can give by its shape (credentials,
  path and query parameters, request body), and describes the pagination and
  `?fields=` conventions in the API description.
- `errors(...)` documents the answers particular to one operation (a 409, a 404
  for an id in the body): `@extend_schema(responses={200: S, **errors(409)})`.
- `FIELDS_PARAMETER` documents `?fields=` on endpoints whose serializer uses
  `hotgigs.api.fields.SparseFieldsetMixin`:
  `@extend_schema(parameters=[FIELDS_PARAMETER])`.
"""

import re

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

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
                    "description": "Per-field messages for `invalid` input "
                    "(`non_field_errors` for the input as a whole). A message "
                    "about part of a field starts with its dotted path: "
                    "`skills: ['0.skill: This field is required.']`.",
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
    400: "Invalid input: `code` is `invalid` (with `fields`) or `parse_error`.",
    401: "Missing, expired or invalid credentials (on sign-in: a wrong email "
    "or password; on refresh and logout: an invalid, expired or void token).",
    403: "Authenticated but not allowed.",
    404: "No such object, or not visible to you.",
    409: "Conflicts with the object's current state (`code` is `conflict`).",
    413: "The request body is too large.",
    414: "The query string is too long (`code` is `uri_too_long`).",
    415: "Unsupported `Content-Type`.",
    429: "Throttled: retry after the `Retry-After` header's seconds.",
    503: "The database is briefly unreachable (`code` is `unavailable`): retry "
    "after the `Retry-After` header's seconds.",
}
# Any request can carry an address no view should see: a NUL character answers
# 400 (`code` is `bad_request`).
ADDRESS_INVALID = (
    "Invalid input: `code` is `invalid` (with `fields`) or `parse_error`; a NUL "
    "character in the address answers `bad_request`."
)
PAGE_NOT_FOUND = "No such page: `page` past the last page or an invalid `cursor`."
QUERY_INVALID = "Invalid query parameters: `code` is `invalid`, with `fields`."
# Query parameters that never answer 400 (pagination clamps `page_size`, sparse
# fieldsets ignore unknown names); a bad `page` or `cursor` answers 404.
LENIENT_QUERY_PARAMETERS = {"page", "page_size", "cursor", "fields"}
PAGINATION_PARAMETERS = {"page", "cursor"}


def errors(*codes, **descriptions):
    """Error answers for `extend_schema(responses=…)`, beyond the ones every
    operation documents (see `postprocess_schema`): `errors(404, 409)`, or with
    the operation's own words, `errors(conflict="Already applied.")`.

    The postprocessing hook gives each of them the `Error` body.
    """
    names = {"not_found": 404, "conflict": 409}
    responses = {code: ERROR_RESPONSES[code] for code in codes}
    responses.update({names[name]: text for name, text in descriptions.items()})
    return {code: OpenApiResponse(description=text) for code, text in responses.items()}


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
answers 429 with `Retry-After` (a request refused by one limit does not count
against the others).

**Limits.** A query string longer than 4,096 bytes answers 414; a NUL character
in the address answers 400. With the database briefly unreachable every
operation answers 503 with `Retry-After`.
"""


class HotGigsJWTScheme(SimpleJWTScheme):
    """Our JWT authentication (a simplejwt subclass) as the bearer scheme."""

    target_class = "accounts.authentication.JWTAuthentication"
    name = "jwtAuth"


def postprocess_schema(result, generator, request, public):
    """Add the error shape and the conventions to the generated schema, and the
    error answers each operation can give by its shape:

    - every operation: 400 (a NUL in the address), 403, 414 (an over-long
      query string, hotgigs/request_guards.py), 429 and 503 (the database
      unreachable); 401 when it takes credentials (a bad token is refused even
      where signing in is optional);
    - a path parameter: 404; a `page` or `cursor` parameter: 404 (no such page);
    - other query parameters (filters): 400;
    - POST/PUT/PATCH: 400; with a request body also 413 and 415.

    Answers particular to one operation (a 409, a 404 for an id in the body)
    are declared on its view with `errors(...)`. Every 4xx documented without a
    body gets the `Error` body.
    """
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
            query = {
                parameter["name"]
                for parameter in operation.get("parameters", [])
                if parameter.get("in") == "query"
            }
            wanted = {400: ADDRESS_INVALID, 403: None, 414: None, 429: None, 503: None}
            if any(requirement for requirement in operation.get("security", [{}])):
                wanted[401] = None
            if has_path_parameter:
                wanted[404] = None
            if query & PAGINATION_PARAMETERS:
                wanted.setdefault(404, PAGE_NOT_FOUND)
            if query - LENIENT_QUERY_PARAMETERS:
                wanted[400] = QUERY_INVALID
            if method in {"post", "put", "patch"} and "requestBody" in operation:
                wanted.update({413: None, 415: None})
            for code, description in sorted(wanted.items()):
                responses.setdefault(
                    str(code), {"description": description or ERROR_RESPONSES[code]}
                )
            for code, response in responses.items():
                if code.startswith(("4", "5")) and "content" not in response:
                    response["content"] = {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Error"}
                        }
                    }
    return result
