"""schemathesis against the API's own schema (`/api/v1/schema/`), as each role of the cast.

Every operation is called as anonymous, alice (a company's owner), vera (an approved vendor's
owner) and staff, with `Authorization: Token …`, and every answer goes through all of
schemathesis' checks: no server error; status code, content type, headers and body as the
schema says; schema-valid input accepted and invalid input refused; authentication enforced
where the schema requires it; 405 with `Allow` for a method a route does not have.

The requests go through the WSGI application in-process, inside the test's transaction, so the
fuzzer meets the data the fixtures create: both companies, an approved and a pending vendor, a
draft and a published request whose matching has run (`RUN`), a pending invitation, a tender
(bid invitation, question, proposal) and two awarded requests (an active engagement, a
completed and reviewed one), and the reference data of the migrations. Path ids and the slugs in bodies are drawn half of the time from those
rows (`DATA`), so the calls reach real objects, not only 404s.

Bounded and reproducible: a fixed seed, derandomized generation, `MAX_EXAMPLES` per operation
in the fuzzing phase besides the deterministic coverage phase, no example database. The totals
per role are printed at the end of the run.

`pytest -m fuzz` runs only this module; `make test` runs it with the rest.
"""

import collections
from datetime import timedelta
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.core.mutations import OperatorKind
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoverageScenario

from companies.choices import Role
from companies.models import Invitation
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_publish
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Question, Review

from .factories import (
    CompanyFactory,
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    api_token,
    skill,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

ROLES = ["anonymous", "company_owner", "vendor_owner", "staff"]
MAX_EXAMPLES = 15

# The rows the fuzzer is pointed at. Their ids are fixed because the schemathesis configuration
# is built when this module is imported, before any row exists; far above what the sequences
# reach in a test run, so they never collide with rows other tests create.
COMPANY, OTHER_COMPANY = 910_001, 910_002
VENDOR, PENDING_VENDOR = 920_001, 920_002
PUBLISHED, DRAFT = 930_001, 930_002
INVITATION, INVITATION_TOKEN = 940_001, "fuzz-invitation-token"
RUN = 950_001
# A tender by invitation (the vendor invited, its proposal and question on it), and two
# requests awarded to the vendor: one engagement active, one completed and reviewed.
TENDER, AWARDED, COMPLETED = 930_003, 930_004, 930_005
BID_INVITATION, QUESTION = 960_001, 965_001
PROPOSAL, AWARDED_PROPOSAL, COMPLETED_PROPOSAL = 970_001, 970_002, 970_003
ENGAGEMENT, COMPLETED_ENGAGEMENT = 980_001, 980_002
REVIEW = 990_001

DATA = {
    "companies": [COMPANY, OTHER_COMPANY],
    "vendors": [VENDOR, PENDING_VENDOR],
    "requests": [PUBLISHED, DRAFT, TENDER, AWARDED, COMPLETED],
    "invitations": [INVITATION],
    "runs": [RUN],
    "bid_invitations": [BID_INVITATION],
    "questions": [QUESTION],
    "proposals": [PROPOSAL, AWARDED_PROPOSAL, COMPLETED_PROPOSAL],
    "engagements": [ENGAGEMENT, COMPLETED_ENGAGEMENT],
    "reviews": [REVIEW],
    "tokens": [INVITATION_TOKEN],
    # Reference data from the migrations.
    "sectors": ["igaming", "sports-betting", "fintech-payments"],
    "skills": ["sportsbook", "odds-feeds", "kyc-aml"],
    "certifications": ["gli-certified", "iso-27001"],
}
BINDINGS = {
    r"^/api/v1/companies/": {"path.id": "companies"},
    r"^/api/v1/vendors/": {
        "path.id": "vendors",
        "body.skills[*]": "skills",
        "body.certifications[*]": "certifications",
        "body.expertise[*].sector": "sectors",
    },
    r"^/api/v1/requests/": {
        "path.id": "requests",
        "body.sector": "sectors",
        "body.skills[*]": "skills",
        "body.required_certifications[*]": "certifications",
        "body.vendor": "vendors",
        "body.proposal": "proposals",
        "query.vendor": "vendors",
    },
    r"^/api/v1/bid-invitations/": {
        "path.id": "bid_invitations",
        "query.request": "requests",
        "query.vendor": "vendors",
    },
    r"^/api/v1/questions/": {"path.id": "questions"},
    r"^/api/v1/proposals/": {
        "path.id": "proposals",
        "body.request": "requests",
        "query.request": "requests",
        "query.vendor": "vendors",
    },
    r"^/api/v1/engagements/": {
        "path.id": "engagements",
        "query.request": "requests",
        "query.vendor": "vendors",
    },
    r"^/api/v1/reviews/": {"path.id": "reviews", "query.vendor": "vendors"},
    r"^/api/v1/invitations/": {"path.id": "invitations", "body.token": "tokens"},
    r"^/api/v1/match-runs/": {"path.id": "runs"},
    r"^/api/v1/sectors/": {"path.slug": "sectors"},
    r"^/api/v1/skills/": {"path.slug": "skills", "body.sector": "sectors"},
    r"^/api/v1/certifications/": {"path.slug": "certifications", "body.sectors[*]": "sectors"},
}

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260409,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
        "checks": {
            # The schema cannot say which slugs exist, that an RFC's check digit is right or
            # that a minimum is below its maximum: a schema-valid body may still be refused
            # with 400 naming the field. Nor which `Idempotency-Key`s a role already used: one
            # sent again with another body is refused with 422. Every other refusal of valid
            # input is still a failure.
            "positive_data_acceptance": {
                "expected-statuses": [
                    "2xx",
                    "3xx",
                    "400",
                    "401",
                    "403",
                    "404",
                    "409",
                    "422",
                    "429",
                    "5xx",
                ]
            },
        },
        "dictionaries": {name: {"values": values} for name, values in DATA.items()},
        "operations": [
            {
                "include-path-regex": path,
                "parameters": {
                    key: {"dictionary": name, "probability": 0.5} for key, name in bindings.items()
                },
            }
            for path, bindings in BINDINGS.items()
        ],
    }
)

# Django's own WSGI application, not config.wsgi's: importing that turns on the web processes'
# statement timeout (config/db.py) for every connection of the whole test session, CREATE and
# DROP DATABASE included, and a DROP cancelled on a loaded machine leaves an invalid database
# that breaks every later test (tests/config/test_statement_timeout.py keeps it so).
application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application, config=CONFIG)


# --- What the API accepts on purpose --------------------------------------------------------

SCALAR_TYPES = {"string", "integer", "number", "boolean"}


def drf_reads_it_otherwise(case) -> bool:
    """Whether the one thing wrong with the body is something DRF reads on purpose.

    DRF takes `0` sent for a text field as "0" and "5" sent for a whole number as 5 (for HTML
    forms' sake), and trims the spaces around a text before measuring it. The API keeps DRF's
    fields as they are rather than a stricter copy of each, so negative_data_rejection is not
    asked to see those refused.
    """
    data = case.meta.phase.data
    if getattr(data, "parameter_location", None) != ParameterLocation.BODY:
        return False
    if getattr(data, "scenario", None) == CoverageScenario.INCORRECT_TYPE:
        name = data.description.partition(":")[0]
        value = case.body.get(name) if isinstance(case.body, dict) else None
        return isinstance(value, str | int | float)
    mutations = getattr(data, "mutations", ())
    return bool(mutations) and all(
        (
            mutation.operator == OperatorKind.CHANGE_TYPE
            and all(
                isinstance(name, str) and name in SCALAR_TYPES
                for name in (mutation.original_value, mutation.new_value)
            )
        )
        or (
            mutation.keywords == ("maxLength",)
            and isinstance(mutation.new_value, str)
            and mutation.new_value != mutation.new_value.strip()
        )
        for mutation in mutations
    )


@schema.hook
def filter_failure(context, failure, case, response):
    if type(failure).checks[0] == "negative_data_rejection" and drf_reads_it_otherwise(case):
        ALLOWED["what DRF reads on purpose"] += 1
        return False
    return True


# --- The data and the callers ------------------------------------------------------------------


@pytest.fixture(autouse=True)
def one_connection_for_the_test():
    """Django closes the database connection after each request, which would end the test's
    transaction on PostgreSQL; its test client does the same as this for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def throttles_out_of_the_way(settings):
    """Every rate the API throttles at, raised out of reach: throttling has tests of its own,
    and here it would turn most of a role's calls into 429s."""
    rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(rates, "1000000/minute"),
    }


@pytest.fixture
def company(db):
    return CompanyFactory(pk=COMPANY, name="Operadora Azteca", slug="operadora-azteca")


@pytest.fixture
def other_company(db):
    return CompanyFactory(pk=OTHER_COMPANY, name="Lotería del Norte", slug="loteria-del-norte")


@pytest.fixture
def vendor(db):
    return VendorFactory(pk=VENDOR, name="Maple Odds", slug="maple-odds")


@pytest.fixture
def pending_vendor(db):
    return VendorFactory(
        pk=PENDING_VENDOR, name="Prairie Bits", slug="prairie-bits", status=Vendor.Status.PENDING
    )


@pytest.fixture
def world(alice, olga, vera, pablo, staff, company, vendor):
    """Everything `DATA` names; the cast's owners for the roles."""
    VendorExpertiseFactory(vendor=vendor)
    vendor.skills.set([skill("sportsbook")])
    published = OutsourcingRequestFactory(pk=PUBLISHED, company=company, speaks_en=True)
    published.skills.set([skill("sportsbook")])
    request_publish(request=published, actor=alice)
    published.match_runs.update(id=RUN)  # not yet referenced by any result
    match_run_execute(run_id=RUN)
    OutsourcingRequestFactory(pk=DRAFT, company=company, title="Borrador")
    Invitation.objects.create(
        pk=INVITATION,
        company=company,
        email="diana@example.com",
        role=Role.MEMBER,
        invited_by=alice,
        token_hash=Invitation.hash_token(INVITATION_TOKEN),
        expires_at=timezone.now() + timedelta(days=7),
    )
    tender_world(alice=alice, vera=vera, company=company, vendor=vendor)
    return {"company_owner": alice, "vendor_owner": vera, "staff": staff}


def tender_world(*, alice, vera, company, vendor):
    """The tender rows `DATA` names, at their fixed ids (hence rows, not services)."""
    now = timezone.now()

    def request(pk, status):
        return OutsourcingRequestFactory(
            pk=pk,
            company=company,
            status=status,
            published_at=now - timedelta(days=30),
            visibility=OutsourcingRequest.Visibility.INVITATION,
            closed_at=None if status == OutsourcingRequest.Status.PUBLISHED else now,
            speaks_en=True,
        )

    def proposal(pk, outsourcing_request, status):
        return Proposal.objects.create(
            pk=pk,
            request=outsourcing_request,
            vendor=vendor,
            submitted_by=vera,
            price=Decimal("1500000"),
            currency="MXN",
            duration_weeks=20,
            team_size=5,
            approach="Two squads: odds feeds and the bet slip.",
            milestones=[{"title": "Odds feed live", "week": 8, "amount": "500000"}],
            status=status,
        )

    tender = request(TENDER, OutsourcingRequest.Status.PUBLISHED)
    BidInvitation.objects.create(pk=BID_INVITATION, request=tender, vendor=vendor, invited_by=alice)
    Question.objects.create(
        pk=QUESTION, request=tender, vendor=vendor, asked_by=vera, text="¿Hay API de momios?"
    )
    proposal(PROPOSAL, tender, Proposal.Status.SUBMITTED)
    for pk, proposal_pk, engagement_pk, status in (
        (AWARDED, AWARDED_PROPOSAL, ENGAGEMENT, Engagement.Status.ACTIVE),
        (COMPLETED, COMPLETED_PROPOSAL, COMPLETED_ENGAGEMENT, Engagement.Status.COMPLETED),
    ):
        awarded = request(pk, OutsourcingRequest.Status.AWARDED)
        BidInvitation.objects.create(
            request=awarded, vendor=vendor, status=BidInvitation.Status.ACCEPTED, responded_at=now
        )
        Engagement.objects.create(
            pk=engagement_pk,
            request=awarded,
            proposal=proposal(proposal_pk, awarded, Proposal.Status.AWARDED),
            company=company,
            vendor=vendor,
            award_reason="Best plan.",
            awarded_by=alice,
            status=status,
            completed_at=now if status == Engagement.Status.COMPLETED else None,
        )
    Review.objects.create(
        pk=REVIEW,
        engagement_id=COMPLETED_ENGAGEMENT,
        vendor=vendor,
        company=company,
        author=alice,
        rating=4,
        text="Delivered on time.",
    )
    Vendor.objects.filter(pk=vendor.pk).update(review_count=1, review_rating_total=4)


@pytest.fixture
def credentials(role, world):
    user = world.get(role)
    if user is None:
        return {}
    return {"Authorization": f"Token {api_token(user)}"}


# What the hook above let through, by reason, in this process; each test records its share.
ALLOWED = collections.Counter()


@pytest.fixture
def tally(role, record_property):
    """This test's calls and failed calls, and what the hook let through during it, recorded for
    the totals per role at the end of the run (tests/summary.py), in one process or several."""
    counts = {"operation": None, "calls": 0, "failures": collections.Counter()}
    allowed_before = ALLOWED.copy()
    yield counts
    if counts["calls"]:
        record_property(
            "schemathesis",
            {
                **counts,
                "role": role,
                "failures": dict(counts["failures"]),
                "allowed": dict(ALLOWED - allowed_before),
                "roles": ROLES,
            },
        )


# --- The test ----------------------------------------------------------------------------------


@schema.parametrize()
# The data is meant to live across a role's calls to one operation, as on a real server.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_as_its_schema_says(case, role, credentials, tally):
    tally["operation"] = case.operation.label
    tally["calls"] += 1
    try:
        case.call_and_validate(headers=credentials)
    except FailureGroup as group:
        tally["failures"].update(type(failure).checks[0] for failure in group.exceptions)
        raise
