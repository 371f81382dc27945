"""API fuzzing with Schemathesis against the project's own OpenAPI schema.

Every operation of /api/v1/ is called with generated input, through the WSGI
application in this process (so it sees the test database), as a candidate, an
employer, a recruiter and staff, over the authorisation matrix's world. Checks:
no 5xx, the status code is documented, the body conforms to the documented
schema. Fixed seed (derandomized) and a bounded number of examples per
operation keep it deterministic and inside the CI budget; raise
`FUZZ_EXAMPLES` locally for a deeper run.

The generated phases (explicit examples, schemathesis's coverage phase with
its positive and negative values, and generated fuzzing) are followed by
`test_hostile_input_answers_as_documented`: what an outside review found and
generation alone did not — NUL and control characters in every
query parameter, forged cursors, over-long query strings and objects with
missing keys in nested lists — sent to every operation as every role, each
request rolled back so nothing it changes leaks into the next.

Left out: operations that end the session or the account under the fuzzer
(password change, account deletion, logout) and the sign-in endpoints, which
the throttles guard (they have their own tests in accounts/tests).
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

# The whole file: CI runs it against PostgreSQL (.ci/run leaves it out of the
# embedded run, which would only repeat it on SQLite).
pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
SKIPPED = {
    "auth_register",
    "auth_token",
    "auth_token_refresh",
    "auth_logout",
    "me_password",
    "me_delete",
}

RAW_SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(RAW_SCHEMA).exclude(
    func=lambda ctx: ctx.operation.definition.raw.get("operationId") in SKIPPED
)
schema.app = get_wsgi_application()

# Every answer is documented: its status code and its body (errors in the one
# `Error` shape, see hotgigs/api/schema.py for which operation documents which).
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" connections at the end of each request;
    Django's test client suspends that, and so must this in-process transport,
    or the test's transaction (and world) would be lost after the first call."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(shared_world, db):
    """The world built once for this module (hotgigs/tests/conftest.py), inside
    this test's own savepoint (`db`): not once for each of the ~580 tests."""
    return shared_world


@pytest.fixture(params=["alice", "olivia", "rita", "sam"])
def token(request, world):
    return str(RefreshToken.for_user(world.personas[request.param]).access_token)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, token):
    cache.clear()  # the fuzzer is not a flood: throttles start fresh per call
    # identity: the WSGI transport does not undo the GZip middleware.
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    response = case.call(headers=headers)

    case.validate_response(response, checks=CHECKS)


# --- Hostile input, deterministically ---------------------------------------------

assert schema.config.phases.coverage.enabled  # the coverage phase runs above

OPERATIONS = [
    result.ok() for result in schema.get_all_operations() if result.ok() is not None
]
CONTROL_VALUES = ["a\x00b", "\x01\x08\x1b\x7f", "\t\r\n\u202e\ufeff"]
FORGED_CURSORS = [
    "cD0yMDI2",  # p=2026: no timestamp
    "cD0lMDA=",  # p=NUL
    "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5",  # p=99999999999999999999999
    "bz0tMSZyPTI=",  # o=-1&r=2
    "eyJzIjogMX0=",  # a JSON cursor of the wrong shape
    "!!!",
]
LONG_QUERY = {"q": "a" * 5000}


def _resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        node = RAW_SCHEMA["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _nested_object_lists(operation):
    """Request-body fields that are lists of objects: each gets an item with
    none of its keys ({"a": 1})."""
    body = operation.definition.raw.get("requestBody", {})
    found = []
    for content in body.get("content", {}).values():
        for name, field in (
            _resolve(content.get("schema", {})).get("properties", {}).items()
        ):
            items = _resolve(_resolve(field).get("items", {}))
            if items.get("type") == "object" or "properties" in items:
                found.append(name)
    return sorted(set(found))


def _hostile_cases(operation):
    """(label, Case arguments) for everything hostile this operation takes."""
    cases = [("long query", {"query": LONG_QUERY})]
    for parameter in operation.definition.raw.get("parameters", []):
        if parameter.get("in") != "query":
            continue
        name = parameter["name"]
        values = CONTROL_VALUES + (FORGED_CURSORS if name == "cursor" else [])
        cases += [(f"{name}={value!r}", {"query": {name: value}}) for value in values]
    for name in _nested_object_lists(operation):
        body = {"body": {name: [{"a": 1}]}, "media_type": "application/json"}
        cases.append((f"{name}=[{{}}]", body))
    return cases


def _path_parameters(operation, objects):
    """Real objects of the world where the authorisation matrix names them, so
    hostile input reaches the view instead of a 404."""
    from django.urls import Resolver404, resolve

    from hotgigs.tests.authz_matrix import url_kwargs

    names = [
        parameter["name"]
        for parameter in operation.definition.raw.get("parameters", [])
        if parameter.get("in") == "path"
    ]
    if not names:
        return {}
    placeholder = operation.path
    for name in names:
        placeholder = placeholder.replace("{" + name + "}", "1")
    try:
        match = resolve(placeholder)
        values = list(url_kwargs(match.url_name, objects).values())
    except (Resolver404, AttributeError):
        values = []
    if len(values) == len(names):
        return dict(zip(names, [str(value) for value in values], strict=True))
    return dict.fromkeys(names, "1")


@pytest.mark.parametrize("persona", ["alice", "olivia", "rita", "sam"])
def test_hostile_input_answers_as_documented(world, persona):
    user = world.personas[persona]
    headers = {
        "Authorization": f"Bearer {RefreshToken.for_user(user).access_token}",
        "Accept-Encoding": "identity",
    }
    failures = []
    for operation in OPERATIONS:
        path_parameters = _path_parameters(operation, world)
        for label, arguments in _hostile_cases(operation):
            case = operation.Case(path_parameters=path_parameters, **arguments)
            cache.clear()
            with transaction.atomic():
                response = case.call(headers=headers)
                transaction.set_rollback(True)
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as exc:  # noqa: BLE001 - collect them all
                failures.append(
                    f"{operation.method.upper()} {operation.path} {label}: "
                    f"{response.status_code} {str(exc).splitlines()[0][:200]}"
                )
    assert failures == []
