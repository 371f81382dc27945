"""The OpenAPI schema and the offline API docs."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from drf_spectacular.validation import validate_schema

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.urls("hotgigs.tests.urls_api")
def test_schema_documents_jwt_errors_and_pagination(api, db):
    response = api.get("/api/schema/?format=json")

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)  # raises on an invalid OpenAPI document

    components = schema["components"]
    assert components["securitySchemes"]["jwtAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    assert components["schemas"]["Error"]["required"] == ["error"]
    assert components["schemas"]["Error"]["properties"]["error"]["required"] == [
        "code",
        "message",
        "fields",
    ]

    private = schema["paths"]["/api/v1/private/"]["get"]
    assert {"jwtAuth": []} in private["security"]
    assert private["responses"]["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert set(private["responses"]) == {
        *("200", "400", "401", "403", "414", "429", "503")
    }

    post = schema["paths"]["/api/v1/echo/"]["post"]
    assert set(post["responses"]) >= {"201", "400", "403", "429"}
    detail = schema["paths"]["/api/v1/fail/{kind}/"]["get"]
    assert "404" in detail["responses"]

    users = schema["paths"]["/api/v1/users/"]["get"]
    parameters = {parameter["name"] for parameter in users["parameters"]}
    assert parameters == {"page", "page_size", "fields"}
    page_schema = components["schemas"]["PaginatedUserOutList"]
    assert set(page_schema["properties"]) == {
        "count",
        "count_capped",
        "next",
        "previous",
        "results",
    }
    feed = schema["paths"]["/api/v1/feed/"]["get"]
    assert {parameter["name"] for parameter in feed["parameters"]} == {
        "cursor",
        "page_size",
    }
    assert "## Conventions" in schema["info"]["description"]
    assert "page_size" in schema["info"]["description"]


def test_real_schema_is_served(api, db):
    response = api.get("/api/schema/?format=json")

    assert response.status_code == 200
    validate_schema(response.json())
    assert response.json()["info"]["title"] == "HotGigs API"


def test_each_operation_documents_the_errors_it_can_answer(api, db):
    schema = api.get("/api/schema/?format=json").json()
    paths = schema["paths"]

    def codes(path, method):
        return sorted(paths[path][method]["responses"])

    # By shape: credentials 401, a path id 404, a page number 404 (no such
    # page), filters 400, a request body 400/413/415; on the view: 409 and a
    # 404 for an id in the body.
    # Every operation: 400 (a NUL in the address), 414, 503.
    assert codes("/api/v1/me/", "get") == [
        *("200", "400", "401", "403", "414", "429", "503")
    ]
    assert codes("/api/v1/saved-searches/", "get") == [
        *("200", "400", "401", "403", "404", "414", "429", "503")
    ]
    assert codes("/api/v1/ai/match/", "get") == [
        *("200", "400", "401", "403", "404", "409", "414", "429", "503")
    ]
    assert codes("/api/v1/recruiters/submissions/{id}/accept/", "post") == [
        *("200", "400", "401", "403", "404", "409", "414", "429", "503")
    ]
    assert codes("/api/v1/recruiters/clients/", "post") == [
        *("201", "400", "401", "403", "409", "413", "414", "415", "429", "503")
    ]
    assert codes("/api/v1/companies/{id}/members/", "get") == [
        *("200", "400", "401", "403", "404", "414", "429", "503")
    ]
    error_bodies = {
        json.dumps(response["content"])
        for operations in paths.values()
        for operation in operations.values()
        if isinstance(operation, dict)
        for code, response in operation.get("responses", {}).items()
        if code.startswith(("4", "5"))
    }
    assert error_bodies == {
        json.dumps(
            {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        )
    }


def test_spectacular_validate_fail_on_warn_passes():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            "/dev/null",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr[-3000:]


def test_docs_are_served_from_our_own_static_files(client, db):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert "http://" not in html and "https://" not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts[:2] == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/"
        "swagger-ui-standalone-preset.js",
    ]
    assert scripts[2].startswith("/api/docs/?script")
    # The CSP forbids inline scripts and styles: the page has none.
    assert "<script>" not in html
    assert "<style" not in html
    assert "/static/hotgigs/swagger.css" in html

    script = client.get(scripts[2].replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"/api/schema/" in script.content

    for asset in scripts[:2] + ["/static/hotgigs/swagger.css"]:
        assert client.get(asset).status_code == 200, asset
