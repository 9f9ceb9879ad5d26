"""GET /api/schema/ and /api/docs/: the contract's OpenAPI document and its offline Swagger UI."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

CONTRACT_PATHS = {
    "/api/auth/token/": {"post"},
    "/api/sectors/": {"get", "post"},
    "/api/skills/": {"get", "post"},
    "/api/certifications/": {"get", "post"},
    "/api/vendors/": {"get", "post"},
    "/api/vendors/{id}/": {"get", "put", "patch"},
    "/api/vendors/{id}/approve/": {"post"},
    "/api/vendors/{id}/suspend/": {"post"},
    "/api/companies/": {"get", "post"},
    "/api/companies/{id}/": {"get", "put", "patch"},
    "/api/requests/": {"get", "post"},
    "/api/requests/{id}/": {"get", "put", "patch"},
    "/api/requests/{id}/publish/": {"post"},
}


@pytest.fixture(scope="module")
def schema():
    # Generated once for the module: building it takes a while and reads no data.
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_it_is_an_openapi_3_document(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Norte API"


def test_it_lists_every_contract_path_and_method(schema):
    for path, methods in CONTRACT_PATHS.items():
        assert path in schema["paths"], path
        assert set(schema["paths"][path]) >= methods, path


def test_it_documents_the_vendor_fields_of_the_contract(schema):
    properties = schema["components"]["schemas"]["Vendor"]["properties"]

    assert set(properties) >= {
        "id",
        "slug",
        "name",
        "province",
        "city",
        "description",
        "website",
        "business_number",
        "team_size",
        "hourly_rate_min",
        "hourly_rate_max",
        "currency",
        "languages",
        "skills",
        "certifications",
        "expertise",
        "status",
    }


def test_it_documents_the_vendor_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/vendors/"]["get"]["parameters"]}

    assert parameters >= {
        "sector",
        "min_level",
        "skills",
        "certification",
        "language",
        "province",
        "max_rate",
        "q",
        "status",
        "page",
        "page_size",
    }


def test_it_documents_token_authentication(schema):
    assert schema["components"]["securitySchemes"]["knoxApiToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }


def test_it_is_served_as_yaml_by_default(client, db):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert set(yaml.safe_load(response.content)["paths"]) >= set(CONTRACT_PATHS)


def test_it_validates_without_warnings(db, tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert set(yaml.safe_load(target.read_text())["paths"]) >= set(CONTRACT_PATHS)


def test_the_docs_page_is_swagger_ui_served_offline(client, db):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "swagger-ui" in html
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert any(asset.endswith("swagger-ui.css") for asset in assets)
    # The start-up script is a file of its own (the CSP allows no inline script), naming the schema.
    startup = "/api/docs/?script="
    assets.remove(startup)
    script = client.get(startup)
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()
    assert "<script>" not in html and "<style>" not in html
    for asset in assets:
        assert not re.match(r"(https?:)?//", asset), f"{asset} is not served by Norte"
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is missing"
    assert not re.search(r"https?://[^\"' ]*\.(js|css)", html)
