"""GET /api/v1/schema/ and /api/v1/docs/: the contract's OpenAPI document and its offline Swagger UI."""

import re

import numpy as np
import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from marketplace.matching import core
from marketplace.matching.core import ExclusionCode, ReasonCode

BREAKDOWN_KEYS = {"expertise", "skills", "languages", "rating", "text", "budget", "capacity"}

CONTRACT_PATHS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/sectors/": {"get", "post"},
    "/api/v1/skills/": {"get", "post"},
    "/api/v1/certifications/": {"get", "post"},
    "/api/v1/vendors/": {"get", "post"},
    "/api/v1/vendors/{id}/": {"get", "put", "patch"},
    "/api/v1/vendors/{id}/approve/": {"post"},
    "/api/v1/vendors/{id}/suspend/": {"post"},
    "/api/v1/companies/": {"get", "post"},
    "/api/v1/companies/{id}/": {"get", "put", "patch"},
    "/api/v1/requests/": {"get", "post"},
    "/api/v1/requests/{id}/": {"get", "put", "patch"},
    "/api/v1/requests/{id}/publish/": {"post"},
    "/api/v1/requests/{id}/rematch/": {"post"},
    "/api/v1/requests/{id}/matches/": {"get"},
    "/api/v1/match-runs/{id}/": {"get"},
    "/api/v1/match-runs/{id}/results/": {"get"},
    "/api/v1/requests/{id}/bid-invitations/": {"get", "post"},
    "/api/v1/bid-invitations/": {"get"},
    "/api/v1/bid-invitations/{id}/": {"get"},
    "/api/v1/bid-invitations/{id}/accept/": {"post"},
    "/api/v1/bid-invitations/{id}/decline/": {"post"},
    "/api/v1/requests/{id}/questions/": {"get", "post"},
    "/api/v1/questions/{id}/answer/": {"post"},
    "/api/v1/proposals/": {"get", "post"},
    "/api/v1/proposals/{id}/": {"get"},
    "/api/v1/requests/{id}/proposals/": {"get"},
    "/api/v1/proposals/{id}/withdraw/": {"post"},
    "/api/v1/proposals/{id}/shortlist/": {"post"},
    "/api/v1/requests/{id}/award/": {"post"},
    "/api/v1/requests/{id}/cancel/": {"post"},
    "/api/v1/engagements/": {"get"},
    "/api/v1/engagements/{id}/": {"get"},
    "/api/v1/engagements/{id}/complete/": {"post"},
    "/api/v1/engagements/{id}/cancel/": {"post"},
    "/api/v1/engagements/{id}/review/": {"post"},
    "/api/v1/reviews/": {"get"},
    "/api/v1/reviews/{id}/reply/": {"post"},
    "/api/v1/events/": {"get"},
    "/api/v1/ocds/releases/": {"get"},
}


@pytest.fixture(scope="module")
def schema():
    # Generated once for the module: building it takes a while and reads no data.
    response = Client().get("/api/v1/schema/", {"format": "json"})
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


@pytest.mark.parametrize("component", ["OutsourcingRequest", "OutsourcingRequestEdit"])
def test_a_request_says_whether_its_sector_is_kept_as_filed(schema, component):
    field = schema["components"]["schemas"][component]["properties"]["sector_confirmed"]

    assert field["type"] == "boolean"
    assert "as filed" in field["description"]


def test_it_documents_the_vendor_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/vendors/"]["get"]["parameters"]}

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
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert set(yaml.safe_load(response.content)["paths"]) >= set(CONTRACT_PATHS)


def test_it_validates_without_warnings(db, tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert set(yaml.safe_load(target.read_text())["paths"]) >= set(CONTRACT_PATHS)


def test_the_docs_page_is_swagger_ui_served_offline(client, db):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "swagger-ui" in html
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert any(asset.endswith("swagger-ui.css") for asset in assets)
    # The start-up script is a file of its own (the CSP allows no inline script), naming the schema.
    startup = "/api/v1/docs/?script="
    assets.remove(startup)
    script = client.get(startup)
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()
    assert "<script>" not in html and "<style>" not in html
    for asset in assets:
        assert not re.match(r"(https?:)?//", asset), f"{asset} is not served by Norte"
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is missing"
    assert not re.search(r"https?://[^\"' ]*\.(js|css)", html)


# --- What the schema promises besides success (config/schema.py) -------------------------------

PUBLIC = {
    ("post", "/api/v1/auth/token/"),
    ("get", "/api/v1/sectors/"),
    ("get", "/api/v1/sectors/{slug}/"),
    ("get", "/api/v1/skills/"),
    ("get", "/api/v1/skills/{slug}/"),
    ("get", "/api/v1/certifications/"),
    ("get", "/api/v1/certifications/{slug}/"),
    ("get", "/api/v1/vendors/"),
    ("get", "/api/v1/vendors/{id}/"),
    ("get", "/api/v1/reviews/"),
    ("get", "/api/v1/reviews/{id}/"),
    ("get", "/api/v1/insights/summary/"),
    ("get", "/api/v1/insights/summary.csv"),
    ("get", "/api/v1/ocds/releases/"),
}


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def test_exactly_the_public_operations_need_no_credentials(schema):
    public = {(method, path) for method, path, op in operations(schema) if {} in op["security"]}

    assert public == PUBLIC
    for _method, path, operation in operations(schema):
        if path == "/api/v1/auth/token/":  # where a token is had: no credentials taken
            assert operation["security"] == [{}]
        else:
            assert {"knoxApiToken": []} in operation["security"], path


def test_every_operation_documents_wrong_credentials(schema):
    for method, path, operation in operations(schema):
        assert "401" in operation["responses"], (method, path)


def test_only_operations_that_need_a_caller_document_403(schema):
    for method, path, operation in operations(schema):
        public_read = (method, path) in PUBLIC and method == "get"
        assert ("403" in operation["responses"]) != public_read, (method, path)


def test_addresses_with_an_object_and_paginated_lists_document_404(schema):
    paths = schema["paths"]

    assert "404" in paths["/api/v1/companies/{id}/"]["get"]["responses"]
    assert "404" in paths["/api/v1/vendors/"]["get"]["responses"]  # ?page=99
    assert "404" not in paths["/api/v1/invitations/accept/"]["post"]["responses"]


def test_input_to_validate_documents_400_and_a_body_415(schema):
    paths = schema["paths"]

    assert {"400", "415"} <= set(paths["/api/v1/requests/"]["post"]["responses"])
    assert "400" in paths["/api/v1/vendors/"]["get"]["responses"]  # filters, page size
    assert "400" not in paths["/api/v1/requests/{id}/"]["get"]["responses"]
    assert "400" not in paths["/api/v1/invitations/{id}/"]["delete"]["responses"]
    assert "415" not in paths["/api/v1/requests/{id}/publish/"]["post"]["responses"]


def test_the_actions_that_can_clash_with_the_state_document_409(schema):
    clashing = {
        (method, path)
        for method, path, operation in operations(schema)
        if "409" in operation["responses"]
    }

    assert clashing >= {
        ("post", "/api/v1/companies/{id}/invitations/"),
        ("post", "/api/v1/vendors/{id}/invitations/"),
        ("post", "/api/v1/invitations/accept/"),
        ("delete", "/api/v1/invitations/{id}/"),
        ("post", "/api/v1/requests/{id}/publish/"),
        ("post", "/api/v1/requests/{id}/rematch/"),
        ("put", "/api/v1/requests/{id}/"),  # awarded or cancelled: it can no longer change
        ("patch", "/api/v1/requests/{id}/"),
        ("get", "/api/v1/requests/{id}/matches/"),
        ("post", "/api/v1/vendors/{id}/approve/"),
        ("post", "/api/v1/vendors/{id}/suspend/"),
        *TENDER_TRANSITIONS,
    }
    assert ("patch", "/api/v1/companies/{id}/") not in clashing
    assert ("get", "/api/v1/requests/{id}/proposals/") not in clashing


# Every tender action a service may refuse for the state it finds.
TENDER_TRANSITIONS = {
    ("post", "/api/v1/requests/{id}/bid-invitations/"),
    ("post", "/api/v1/bid-invitations/{id}/accept/"),
    ("post", "/api/v1/bid-invitations/{id}/decline/"),
    ("post", "/api/v1/requests/{id}/questions/"),
    ("post", "/api/v1/questions/{id}/answer/"),
    ("post", "/api/v1/proposals/"),
    ("post", "/api/v1/proposals/{id}/withdraw/"),
    ("post", "/api/v1/proposals/{id}/shortlist/"),
    ("post", "/api/v1/requests/{id}/award/"),
    ("post", "/api/v1/requests/{id}/cancel/"),
    ("post", "/api/v1/engagements/{id}/complete/"),
    ("post", "/api/v1/engagements/{id}/cancel/"),
    ("post", "/api/v1/engagements/{id}/review/"),
    ("post", "/api/v1/reviews/{id}/reply/"),
}
TENDER_CREATIONS = {
    "/api/v1/requests/{id}/bid-invitations/": "BidInvitation",
    "/api/v1/requests/{id}/questions/": "Question",
    "/api/v1/proposals/": "Proposal",
    "/api/v1/requests/{id}/award/": "Engagement",
    "/api/v1/engagements/{id}/review/": "Review",
}


def test_what_a_tender_action_creates_answers_201_with_its_location(schema):
    for path, component in TENDER_CREATIONS.items():
        created = schema["paths"][path]["post"]["responses"]["201"]

        assert created["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{component}"
        }, path
        assert created["headers"]["Location"]["required"] is True, path


def test_a_questions_asker_is_declared_as_there_only_for_some(schema):
    question = schema["components"]["schemas"]["Question"]

    assert question["properties"]["vendor"]["type"] == "integer"
    assert "vendor" not in question["required"]


def test_each_tender_state_has_its_own_enum(schema):
    components = schema["components"]["schemas"]

    assert components["ProposalStatusEnum"]["enum"] == [
        "submitted",
        "shortlisted",
        "withdrawn",
        "awarded",
        "not_awarded",
        "request_cancelled",
    ]
    assert components["BidInvitationStatusEnum"]["enum"] == ["pending", "accepted", "declined"]
    assert components["EngagementStatusEnum"]["enum"] == ["active", "completed", "cancelled"]
    assert components["QuestionStatusEnum"]["enum"] == ["open", "answered"]
    assert components["RequestStatusEnum"]["enum"] == [
        "draft",
        "published",
        "awarded",
        "cancelled",
    ]


def test_ids_in_tender_answers_are_integers(schema):
    components = schema["components"]["schemas"]

    for name, fields in (
        ("BidInvitation", ("id", "request", "vendor")),
        ("Proposal", ("id", "request", "vendor")),
        ("Engagement", ("id", "request", "proposal", "company", "vendor")),
        ("Review", ("id", "engagement", "vendor", "company")),
    ):
        for field in fields:
            assert components[name]["properties"][field]["type"] == "integer", (name, field)
    for name, field in (("AwardRequest", "proposal"), ("BidInvitationCreateRequest", "vendor")):
        assert components[name]["properties"][field]["type"] == "integer", (name, field)


def test_every_error_response_is_the_envelope(schema):
    for method, path, operation in operations(schema):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                body = response["content"]["application/json"]["schema"]
                assert body == {"$ref": "#/components/schemas/Error"}, (method, path, status)


def test_the_envelope_is_described_exactly(schema):
    components = schema["components"]["schemas"]

    assert components["Error"]["properties"] == {
        "error": {"$ref": "#/components/schemas/ErrorDetail"}
    }
    assert components["Error"]["required"] == ["error"]
    detail = components["ErrorDetail"]
    assert set(detail["properties"]) == {"type", "code", "message", "fields"}
    assert sorted(detail["required"]) == ["code", "message", "type"]
    # New codes are additive within a version: a string, described, never an enum.
    assert detail["properties"]["code"]["type"] == "string"
    assert "enum" not in detail["properties"]["code"]
    assert detail["properties"]["type"]["allOf"] == [{"$ref": "#/components/schemas/ErrorTypeEnum"}]
    assert components["ErrorTypeEnum"]["enum"] == [
        "invalid_request",
        "authentication_error",
        "permission_error",
        "not_found",
        "conflict",
        "rate_limited",
        "server_error",
        "unavailable",
    ]
    assert detail["properties"]["fields"]["additionalProperties"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/FieldError"},
    }
    assert components["FieldError"]["required"] == ["code", "message"]
    assert set(components["FieldError"]["properties"]) == {"code", "message"}


def test_a_body_documents_413(schema):
    paths = schema["paths"]

    assert "413" in paths["/api/v1/requests/"]["post"]["responses"]
    assert "413" not in paths["/api/v1/requests/"]["get"]["responses"]


LIST_PARAMETERS = {"ordering", "page", "page_size", "pagination", "cursor"}
TIMESTAMP_FILTERS = {"created_after", "created_before", "updated_after", "updated_before"}


def test_the_invitation_lists_are_paginated_without_the_directory_filters(schema):
    for kind in ("companies", "vendors"):
        operation = schema["paths"][f"/api/v1/{kind}/{{id}}/invitations/"]["get"]

        body = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/PaginatedInvitationList"}
        assert {p["name"] for p in operation["parameters"]} == {
            "id",
            *LIST_PARAMETERS,
            *TIMESTAMP_FILTERS,
        }
        assert {} not in operation["security"]


def list_operations(schema):
    for method, path, operation in operations(schema):
        body = operation["responses"].get("200", {}).get("content", {}).get("application/json")
        if method == "get" and body and body["schema"].get("$ref", "").endswith("List"):
            yield path, operation


def test_every_list_takes_an_ordering_pages_or_a_cursor_and_the_timestamps(schema):
    lists = dict(list_operations(schema))
    # The events feed is walked by id instead (its own test below).
    assert lists.pop("/api/v1/events/")

    assert set(lists) == {
        "/api/v1/sectors/",
        "/api/v1/skills/",
        "/api/v1/certifications/",
        "/api/v1/vendors/",
        "/api/v1/companies/",
        "/api/v1/companies/{id}/invitations/",
        "/api/v1/vendors/{id}/invitations/",
        "/api/v1/requests/",
        "/api/v1/requests/{id}/matches/",
        "/api/v1/match-runs/{id}/results/",
        "/api/v1/requests/{id}/bid-invitations/",
        "/api/v1/requests/{id}/questions/",
        "/api/v1/requests/{id}/proposals/",
        "/api/v1/bid-invitations/",
        "/api/v1/proposals/",
        "/api/v1/engagements/",
        "/api/v1/reviews/",
        "/api/v1/notifications/",
        "/api/v1/webhook-endpoints/",
        "/api/v1/webhook-endpoints/{id}/deliveries/",
    }
    for path, operation in lists.items():
        parameters = {p["name"]: p for p in operation["parameters"]}
        assert set(parameters) >= LIST_PARAMETERS, path
        ordering = parameters["ordering"]["schema"]
        assert ordering["type"] == "string" and ordering["enum"], path
        assert all(value.lstrip("-") in ordering["enum"] for value in ordering["enum"]), path
        assert parameters["pagination"]["schema"]["enum"] == ["page", "cursor"]
        if "/matches/" in path or "/results/" in path:  # a ranking's rows have no timestamps
            assert ordering["enum"] == ["rank", "-rank"]
            continue
        for name in TIMESTAMP_FILTERS:
            assert parameters[name]["schema"] == {"type": "string", "format": "date-time"}, path


def test_one_filter_has_one_name_everywhere(schema):
    lists = dict(list_operations(schema))

    for path in ("/api/v1/vendors/", "/api/v1/requests/", "/api/v1/skills/"):
        assert "sector" in {p["name"] for p in lists[path]["parameters"]}, path
    assert "sector" in {p["name"] for p in lists["/api/v1/certifications/"]["parameters"]}
    assert not any("__" in p["name"] for op in lists.values() for p in op["parameters"])


def test_a_page_counts_its_rows_unless_it_comes_from_a_cursor(schema):
    page = schema["components"]["schemas"]["PaginatedVendorList"]

    assert page["required"] == ["next", "previous", "results"]
    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    assert page["properties"]["next"]["nullable"] is True


def test_a_ranking_page_names_its_run_and_the_latest(schema):
    page = schema["components"]["schemas"]["PaginatedMatchResultList"]
    run = {"$ref": "#/components/schemas/MatchRun"}

    assert set(page["required"]) == {"run", "latest_run", "next", "previous", "results"}
    assert page["properties"]["run"]["allOf"] == [run]
    assert page["properties"]["run"]["nullable"] is True
    assert page["properties"]["latest_run"]["allOf"] == [run]


def test_reason_codes_and_the_breakdown_are_typed(schema):
    components = schema["components"]["schemas"]

    reason_code = components["MatchReason"]["properties"]["code"]
    assert reason_code["allOf"] == [{"$ref": "#/components/schemas/MatchReasonCodeEnum"}]
    assert components["MatchReasonCodeEnum"]["enum"] == [code.value for code in ReasonCode]
    breakdown = components["MatchBreakdown"]
    assert components["MatchResult"]["properties"]["breakdown"] == {
        "$ref": "#/components/schemas/MatchBreakdown"
    }
    assert set(breakdown["required"]) == set(breakdown["properties"]) == BREAKDOWN_KEYS
    assert "additionalProperties" not in breakdown


def test_a_run_says_who_it_left_out_in_optional_typed_fields(schema):
    components = schema["components"]["schemas"]
    run = components["MatchRun"]

    assert run["properties"]["excluded"]["nullable"] is True
    exclusions = run["properties"]["exclusions"]
    assert exclusions["nullable"] is True
    assert exclusions["items"] == {"$ref": "#/components/schemas/MatchExclusion"}
    code = components["MatchExclusion"]["properties"]["code"]
    assert code["allOf"] == [{"$ref": "#/components/schemas/MatchExclusionCodeEnum"}]
    assert components["MatchExclusionCodeEnum"]["enum"] == [c.value for c in ExclusionCode]
    assert components["MatchExclusion"]["required"] == ["code", "count", "text"]
    assert components["MatchResult"]["properties"]["strong"]["type"] == "boolean"


def test_the_breakdown_declared_is_the_one_the_core_gives():
    request = core.RequestProfile(sector="igaming", team_size=2, languages=frozenset({"en"}))
    vendors = core.Candidates(
        vendor_ids=np.array([1]),
        rate_min=np.array([50.0]),
        rate_max=np.array([90.0]),
        team_size=np.array([3]),
        languages=np.array([core.LANGUAGE_BITS["en"]]),
        approved=np.array([True]),
    )

    [match] = core.rank(request, vendors)

    assert set(match.breakdown) == BREAKDOWN_KEYS


def test_starting_a_run_answers_with_it_and_its_location(schema):
    paths = schema["paths"]

    for action in ("publish", "rematch"):
        accepted = paths[f"/api/v1/requests/{{id}}/{action}/"]["post"]["responses"]["202"]
        assert accepted["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/MatchRun"
        }
        assert accepted["headers"]["Location"]["required"] is True
    for method in ("put", "patch"):
        edited = paths["/api/v1/requests/{id}/"][method]["responses"]["200"]
        assert edited["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/OutsourcingRequestEdit"
        }
        assert not edited["headers"]["Location"].get("required", False)
    match_run = schema["components"]["schemas"]["OutsourcingRequestEdit"]["properties"]["match_run"]
    assert match_run["allOf"] == [{"$ref": "#/components/schemas/MatchRun"}]
    assert match_run["nullable"] is True
    assert "match_run" not in schema["components"]["schemas"]["OutsourcingRequest"]["properties"]


def test_a_run_is_a_resource_with_its_results(schema):
    run = schema["components"]["schemas"]["MatchRun"]

    assert set(run["properties"]) >= {
        "id",
        "url",
        "status",
        "trigger",
        "created_at",
        "started_at",
        "finished_at",
        "error",
        "candidates",
        "results",
    }
    assert set(schema["paths"]["/api/v1/match-runs/{id}/"]) == {"get"}
    assert set(schema["paths"]["/api/v1/match-runs/{id}/results/"]) == {"get"}


def test_an_organisation_link_is_declared_nullable(schema):
    components = schema["components"]["schemas"]

    for name, fields in (
        ("Invitation", ("company", "vendor", "invited_by")),
        ("Membership", ("company", "vendor")),
    ):
        for field in fields:
            assert components[name]["properties"][field]["nullable"] is True, (name, field)


def test_the_page_size_is_a_whole_number_from_1(schema):
    parameters = schema["paths"]["/api/v1/vendors/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")

    assert page_size["schema"] == {"type": "integer", "minimum": 1}


def test_it_is_the_same_document_whatever_the_callers_language(db):
    documents = {
        language: Client().get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE=language).content
        for language in ("es-mx", "fr-ca", "en")
    }

    assert documents["es-mx"] == documents["fr-ca"] == documents["en"]
    assert b"Pending approval" in documents["es-mx"]  # a choice label, in English


def test_it_is_served_under_the_api_version_and_says_which(schema):
    assert schema["info"]["version"].startswith("1.")
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_an_unknown_version_is_an_unknown_route(client, db):
    response = client.get("/api/v2/vendors/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_the_events_feed_is_walked_by_id_and_answers_the_webhook_payload(schema):
    operation = schema["paths"]["/api/v1/events/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}

    # A feed, not a numbered list: `after` the last id seen, `limit`, and the kinds.
    assert set(parameters) == {"after", "limit", "type"}
    assert parameters["after"]["schema"]["type"] == "integer"
    assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1}
    assert {"400", "401", "403"} <= set(operation["responses"])
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    body = schema["components"]["schemas"][page["$ref"].rsplit("/", 1)[-1]]
    assert body["required"] == ["next", "results"]
    item = schema["components"]["schemas"]["Event"]
    assert set(item["properties"]) == {"id", "type", "created", "data"}
    assert item["properties"]["type"]["allOf"][0]["$ref"].endswith("/EventKindEnum")


def test_the_ocds_releases_are_a_release_package_walked_by_cursor(schema):
    operation = schema["paths"]["/api/v1/ocds/releases/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}

    # A cursor walk by date and a sync filter; no page numbers, no ordering.
    assert set(parameters) == {"cursor", "page_size", "updated_after"}
    assert parameters["updated_after"]["schema"] == {"type": "string", "format": "date-time"}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}
    assert {"400", "401", "429"} <= set(operation["responses"])
    assert not {"403", "404"} & set(operation["responses"])
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/OcdsReleasePackage"}
    package = schema["components"]["schemas"]["OcdsReleasePackage"]
    assert set(package["required"]) == {
        "uri",
        "version",
        "publishedDate",
        "publisher",
        "releases",
        "links",
    }
    assert package["properties"]["releases"]["items"] == {
        "$ref": "#/components/schemas/OcdsRelease"
    }
    release = schema["components"]["schemas"]["OcdsRelease"]
    assert {"ocid", "id", "date", "tag", "initiationType"} <= set(release["required"])
    assert "awards" not in release["required"]
