"""The authorisation matrix: every API endpoint and every object page × method ×
persona → the expected status (table in hotgigs/tests/authz_matrix.py).

The rows are checked against the URL configuration: a new API endpoint, or a new
page with a path converter, fails `test_every_endpoint_has_a_row` until its row
is written. Every request runs in a savepoint that is rolled back, so a DELETE or
an action by one persona does not change what the next one sees.

To (re)record a row after a deliberate change, run the suite with
`AUTHZ_RECORD=/tmp/rows.py` and copy the printed rows after reviewing them.
"""

import os

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from hotgigs.tests.authz_matrix import MATRIX, PERSONAS, url_kwargs
from hotgigs.tests.authz_world import build_world

API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PAGE_METHODS = ("GET", "POST")
RECORD = os.environ.get("AUTHZ_RECORD")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else (pattern.namespace)
                )
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


def endpoints_needing_a_row():
    """Every named API route, and every page whose URL carries an object key."""
    needed = {}
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        if route.startswith("api/v1/"):
            needed[name] = "api"
        elif pattern.pattern.converters or getattr(
            pattern.pattern.regex, "groupindex", None
        ):
            needed[name] = "page"
    return needed


def test_every_endpoint_has_a_row():
    needed = endpoints_needing_a_row()

    missing = sorted(set(needed) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(needed))

    assert not missing, (
        "These endpoints have no row in hotgigs/tests/authz_matrix.py MATRIX "
        f"(who may call them, with which status?): {missing}"
    )
    assert not stale, f"Rows for endpoints that no longer exist: {stale}"


@pytest.fixture
def world(
    settings, tmp_path, alice, bob, olivia, tom, eve, rita, sam, acme, globex, agency
):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.PRIVATE_ACCEL_REDIRECT_PREFIX = ""
    return build_world(
        alice=alice,
        bob=bob,
        olivia=olivia,
        tom=tom,
        eve=eve,
        rita=rita,
        sam=sam,
        acme=acme,
        globex=globex,
        agency=agency,
    )


def _clients(request, world, kind):
    """{persona: client}; the personas are the world's own when it has them
    (`shared_world`), else the conftest fixtures."""
    personas = getattr(world, "personas", None)
    clients = {}
    for persona in PERSONAS:
        user = (
            None
            if persona == "anon"
            else world.ivan
            if persona == "ivan"
            else personas[persona]
            if personas is not None
            else request.getfixturevalue(persona)
        )
        if kind == "api":
            client = APIClient()
            if user is not None:
                token = RefreshToken.for_user(user).access_token
                client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        else:
            client = Client()
            if user is not None:
                client.force_login(user)
        client.raise_request_exception = False
        clients[persona] = client
    return clients


def _call(client, kind, method, url):
    from django.core.cache import cache

    cache.clear()  # throttles and cached pages start fresh for every request
    with transaction.atomic():
        if kind == "api":
            response = client.generic(
                method, url, data="{}", content_type="application/json"
            )
        elif method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return response.status_code


def _actual(request, world, name, kind, methods):
    url = reverse(name, kwargs=url_kwargs(name, world))
    clients = _clients(request, world, kind)
    return url, {
        method: " ".join(str(_call(clients[p], kind, method, url)) for p in PERSONAS)
        for method in methods
    }


def _not_allowed(statuses: str) -> bool:
    """Nobody gets in: 405 for all (401/403 or a login redirect for anonymous)."""
    anon, *rest = statuses.split()
    return anon in {"302", "401", "403", "405"} and set(rest) <= {"405"}


@pytest.fixture
def matrix_world(shared_world, db):
    """The world built once for this module (hotgigs/tests/conftest.py), inside
    this test's own savepoint (`db`): the rows only send requests, each rolled
    back, so they can share it instead of building it 162 times."""
    return shared_world


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix_row(request, matrix_world, name):
    world = matrix_world
    kind = endpoints_needing_a_row().get(name, "api")
    everything = API_METHODS if kind == "api" else PAGE_METHODS
    # Recording tries every method; checking runs the listed ones (CI time).
    methods = everything if RECORD else tuple(MATRIX[name])
    url, actual = _actual(request, world, name, kind, methods)

    if RECORD:
        listed = {m: s for m, s in actual.items() if not _not_allowed(s)}
        with open(RECORD, "a") as out:
            out.write(f"    {name!r}: {{  # {url}\n")
            for method, statuses in listed.items():
                out.write(f"        {method!r}: {statuses!r},\n")
            out.write("    },\n")
        return

    assert actual == MATRIX[name], f"{name} {url}"
