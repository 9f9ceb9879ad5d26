"""The API as an integrator meets it: fetch the live schema, validate it, generate a typed Python
client with openapi-python-client, import every module of it, and drive a request from creation
to its ranked matches, and on to a bid invitation, a proposal and its award, through that client
against a live server — unpatched.

The client is generated into a temporary folder for the run and never committed.
"""

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from companies.choices import Role

from .factories import (
    MembershipFactory,
    OutsourcingRequestFactory,
    UserFactory,
    VendorExpertiseFactory,
    VendorFactory,
    skill,
)

pytestmark = [pytest.mark.client, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PACKAGE = "norte_api_client"


def fetch_schema(base_url: str) -> dict:
    with urllib.request.urlopen(f"{base_url}/api/v1/schema/?format=json") as response:  # noqa: S310 (the live test server)
        return json.load(response)


@pytest.fixture(scope="module")
def schema(live_server, django_db_blocker):
    # Fetched once for the module, before any test's database is set up; serving the schema
    # reads nothing a test writes.
    with django_db_blocker.unblock():
        return fetch_schema(live_server.url)


@pytest.fixture(scope="module")
def client_package(schema, tmp_path_factory):
    """The generated client package, imported from a temporary folder."""
    folder = tmp_path_factory.mktemp("generated")
    schema_file = folder / "schema.json"
    schema_file.write_text(json.dumps(schema))
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(  # noqa: S603
        [
            bin_dir / "openapi-python-client",
            "generate",
            "--path",
            str(schema_file),
            "--meta",
            "none",
            "--output-path",
            str(folder / PACKAGE),
        ],
        capture_output=True,
        text=True,
        # Its post-generation hooks run ruff, installed beside it.
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout, result.stdout
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_the_live_schema_is_a_valid_openapi_document(schema):
    validate(schema)


def test_every_generated_module_imports(client_package):
    names = [
        module.name
        for module in pkgutil.walk_packages(client_package.__path__, prefix=f"{PACKAGE}.")
    ]

    for name in names:
        importlib.import_module(name)
    assert len([name for name in names if ".api." in name]) >= 40


# --- A procurement system's integration, through the generated client only ---------------------


class Generated:
    """`gen.op("requests", "requests_create")` and `gen.model("AuthTokenRequest")`."""

    def __init__(self, package):
        self.package = package
        self.models = importlib.import_module(f"{PACKAGE}.models")

    def op(self, tag: str, name: str):
        return importlib.import_module(f"{PACKAGE}.api.{tag}.{name}")

    def model(self, name: str):
        return getattr(self.models, name)


@pytest.fixture
def spanish_speaking_experts(db):
    """Three approved vendors a Spanish sports-betting request should be matched with."""
    experts = []
    for n, level in enumerate((5, 4, 3)):
        vendor = VendorFactory(name=f"Apuestas Boreales {n}", speaks_es=True)
        vendor.skills.set([skill("sportsbook"), skill("odds-feeds")])
        VendorExpertiseFactory(vendor=vendor, level=level, years=4 + level)
        experts.append(vendor)
    return experts


def a_request(gen, **overrides):
    fields = {
        "title": "Casa de apuestas deportivas con momios en vivo",
        "description": "Buscamos un equipo que construya nuestra plataforma de apuestas "
        "deportivas, con momios en vivo y pagos con SPEI.",
        "sector": "sports-betting",
        "budget_min": "1500000.00",
        "budget_max": "2500000.00",
        "currency": gen.model("CurrencyEnum").MXN,
        "team_size": 5,
        "duration_weeks": 20,
        "languages": [gen.model("LanguagesEnum").ES],
        "skills": ["sportsbook", "odds-feeds"],
        "visibility": gen.model("VisibilityEnum").INVITATION,
        **overrides,
    }
    return gen.model("OutsourcingRequestRequest")(**fields)


def error_code(response) -> str:
    return response.parsed.error.code


def login_as(gen, client_package, live_server, username: str) -> str:
    login = gen.op("auth", "auth_token_create").sync_detailed(
        client=client_package.Client(base_url=live_server.url),
        body=gen.model("AuthTokenRequest")(username=username, password="correct-horse-battery"),
    )
    assert login.status_code == 200
    return login.parsed.token


def test_a_procurement_system_takes_a_request_from_creation_to_its_award(
    client_package, live_server, alice, olga, vera, spanish_speaking_experts, record_property
):
    MembershipFactory(
        user=UserFactory(username="vicente"), role=Role.OWNER, vendor=spanish_speaking_experts[0]
    )
    gen = Generated(client_package)
    transcript = []

    def say(line: str) -> None:
        transcript.append(line)

    # Log in: a token, for the integration.
    login = gen.op("auth", "auth_token_create").sync_detailed(
        client=client_package.Client(base_url=live_server.url),
        body=gen.model("AuthTokenRequest")(username="alice", password="correct-horse-battery"),
    )
    assert login.status_code == 200
    api = client_package.AuthenticatedClient(
        base_url=live_server.url, token=login.parsed.token, prefix="Token"
    )
    say(f"login: {login.status_code}, token expires {login.parsed.expiry.isoformat()}")

    # Create a request in Spanish with an MXN budget; a retry with the same key creates nothing.
    create = gen.op("requests", "requests_create")
    created = create.sync_detailed(client=api, body=a_request(gen), idempotency_key="crm-4711")
    assert created.status_code == 201
    request_id = created.parsed.id
    retried = create.sync_detailed(client=api, body=a_request(gen), idempotency_key="crm-4711")
    assert retried.status_code == 201
    assert retried.parsed.id == request_id
    assert retried.headers["Idempotent-Replayed"] == "true"
    drafts = gen.op("requests", "requests_list").sync_detailed(client=api)
    assert drafts.parsed.count == 1
    say(f"create: {created.status_code} request {request_id}; retry: replayed, 1 draft")

    # Publish with an idempotency key, and retry it: one run.
    publish = gen.op("requests", "requests_publish_create")
    published = publish.sync_detailed(id=request_id, client=api, idempotency_key="pub-4711")
    assert published.status_code == 202
    run = published.parsed
    assert published.headers["Location"] == run.url
    again = publish.sync_detailed(id=request_id, client=api, idempotency_key="pub-4711")
    assert (again.status_code, again.parsed.id) == (202, run.id)
    say(f"publish: {published.status_code} run {run.id} ({run.status.value}); retry: same run")

    # Fetch the run until it is done (tasks run eagerly in tests: at once).
    fetch = gen.op("match_runs", "match_runs_retrieve")
    for _ in range(50):
        run = fetch.sync_detailed(id=run.id, client=api).parsed
        if run.status.value in ("done", "failed"):
            break
    assert run.status == gen.model("MatchRunStatusEnum").DONE
    say(f"run {run.id}: {run.status.value}, {run.candidates} candidates")

    # Read the ranking, a page at a time, with each score's reasons.
    matches = gen.op("requests", "requests_matches_list").sync_detailed(
        id=request_id, client=api, page_size=2
    )
    assert matches.status_code == 200
    page = matches.parsed
    assert page.run.id == run.id
    assert page.count == 3
    assert len(page.results) == 2
    assert page.next_ is not None
    best = page.results[0]
    assert best.vendor == spanish_speaking_experts[0].pk
    assert all(isinstance(reason.code, gen.model("MatchReasonCodeEnum")) for reason in best.reasons)
    say(
        f"matches: {page.count} ranked, page of {len(page.results)}; best {best.vendor} "
        f"score {best.score}: " + "; ".join(reason.text for reason in best.reasons[:2])
    )

    # Each kind of error, with its stable code.
    nobody = client_package.AuthenticatedClient(
        base_url=live_server.url, token="not-a-token", prefix="Token"
    )
    refusals = {
        "authentication_failed": gen.op("requests", "requests_list").sync_detailed(client=nobody),
        "invalid": create.sync_detailed(
            client=api, body=a_request(gen, budget_min="9000000.00"), idempotency_key="crm-4712"
        ),
        "idempotency_key_reused": create.sync_detailed(
            client=api, body=a_request(gen, team_size=9), idempotency_key="crm-4711"
        ),
        "request_already_published": publish.sync_detailed(
            id=request_id, client=api, idempotency_key="pub-4712"
        ),
        "not_found": fetch.sync_detailed(id=run.id + 1000, client=api),
        "permission_denied": gen.op("requests", "requests_create").sync_detailed(
            client=client_package.AuthenticatedClient(
                base_url=live_server.url,
                token=gen.op("auth", "auth_token_create")
                .sync_detailed(
                    client=client_package.Client(base_url=live_server.url),
                    body=gen.model("AuthTokenRequest")(
                        username="vera", password="correct-horse-battery"
                    ),
                )
                .parsed.token,
                prefix="Token",
            ),
            body=a_request(gen),
        ),
    }
    statuses = {
        "authentication_failed": 401,
        "invalid": 400,
        "idempotency_key_reused": 422,
        "request_already_published": 409,
        "not_found": 404,
        "permission_denied": 403,
    }
    for code, response in refusals.items():
        assert (response.status_code, error_code(response)) == (statuses[code], code)
        say(f"error {response.status_code} {code}: {response.parsed.error.message}")
    fields = refusals["invalid"].parsed.error.fields.additional_properties
    assert [item.code for item in fields["budget_min"]] == ["min_above_max"]

    # Another company's request is not there for this caller.
    other = OutsourcingRequestFactory(company=olga.membership.company)
    hidden = gen.op("requests", "requests_retrieve").sync_detailed(id=other.pk, client=api)
    assert (hidden.status_code, error_code(hidden)) == (404, "not_found")

    # Invite the best match to bid; its owner proposes through its own integration.
    invited = gen.op("requests", "requests_bid_invitations_create").sync_detailed(
        id=request_id,
        client=api,
        body=gen.model("BidInvitationCreateRequest")(vendor=best.vendor),
        idempotency_key="bid-4711",
    )
    assert invited.status_code == 201
    assert invited.parsed.status == gen.model("BidInvitationStatusEnum").PENDING
    vendor_api = client_package.AuthenticatedClient(
        base_url=live_server.url,
        token=login_as(gen, client_package, live_server, "vicente"),
        prefix="Token",
    )
    mine = gen.op("bid_invitations", "bid_invitations_list").sync_detailed(client=vendor_api)
    assert [row.id for row in mine.parsed.results] == [invited.parsed.id]
    proposed = gen.op("proposals", "proposals_create").sync_detailed(
        client=vendor_api,
        body=gen.model("ProposalCreateRequest")(
            request=request_id,
            price="1800000.00",
            currency=gen.model("CurrencyEnum").MXN,
            duration_weeks=18,
            team_size=5,
            approach="Un equipo de momios y otro de pagos.",
            milestones=[gen.model("MilestoneRequest")(title="Momios en vivo", week=8)],
        ),
        idempotency_key="prop-4711",
    )
    assert proposed.status_code == 201
    assert proposed.headers["Location"].endswith(f"/api/v1/proposals/{proposed.parsed.id}/")
    say(f"invite: {invited.status_code}; propose: {proposed.status_code} {proposed.parsed.price}")

    # Compare, shortlist and award: the engagement is where the work is followed.
    compared = gen.op("requests", "requests_proposals_list").sync_detailed(
        id=request_id, client=api
    )
    [row] = compared.parsed.results
    assert row.match_score is not None
    assert row.price_cad is not None
    shortlisted = gen.op("proposals", "proposals_shortlist_create").sync_detailed(
        id=row.id, client=api
    )
    assert shortlisted.parsed.status == gen.model("ProposalStatusEnum").SHORTLISTED
    awarded = gen.op("requests", "requests_award_create").sync_detailed(
        id=request_id,
        client=api,
        body=gen.model("AwardRequest")(proposal=row.id, reason="El mejor plan de pagos."),
        idempotency_key="award-4711",
    )
    assert awarded.status_code == 201
    assert awarded.parsed.status == gen.model("EngagementStatusEnum").ACTIVE
    again = gen.op("requests", "requests_award_create").sync_detailed(
        id=request_id,
        client=api,
        body=gen.model("AwardRequest")(proposal=row.id, reason="Otra vez."),
    )
    assert (again.status_code, error_code(again)) == (409, "request_already_awarded")
    say(
        f"compare: score {row.match_score}, {row.price_cad} CAD; award: {awarded.status_code} "
        f"engagement {awarded.parsed.id}; again: 409 request_already_awarded"
    )

    # Printed at the end of the run (tests/summary.py), from whichever process ran the test.
    record_property(
        "closing-note", ("integration scenario through the generated client", transcript)
    )
