"""API fuzzing with Schemathesis against the project's own OpenAPI schema.

Every operation of /api/v1/ is called with generated input, through the WSGI
application in this process (so it sees the test database), as a candidate, an
employer, a recruiter and staff, over the authorisation matrix's world. Checks:
no 5xx, the status code is documented, the body conforms to the documented
schema. Fixed seed (derandomized) and a bounded number of examples per
operation keep it deterministic and inside the CI budget; raise
`FUZZ_EXAMPLES` locally for a deeper run.

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
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from hotgigs.tests.test_authz_matrix import world  # noqa: F401

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
SKIPPED = {
    "auth_register",
    "auth_token",
    "auth_token_refresh",
    "auth_logout",
    "me_password",
    "me_delete",
}

schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True)
).exclude(func=lambda ctx: ctx.operation.definition.raw.get("operationId") in SKIPPED)
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


@pytest.fixture(params=["alice", "olivia", "rita", "sam"])
def token(request, world):  # noqa: F811
    user = request.getfixturevalue(request.param)
    return str(RefreshToken.for_user(user).access_token)


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
