"""Who may do what: every route of config.urls × each of its methods × each member of the cast.

One table, so a change that opens a route to the wrong person shows up as one wrong cell. 404
where the caller may not even know the row exists (another company's request, a pending vendor,
a page that is not theirs), 403 where they can see it but not act on it, 401 for anonymous
callers of the API's private routes and a redirect to the login page for the site's. The
policies, selectors and services decide; this table pins what each caller gets.

The routes come from the URL configuration, so a new one cannot be forgotten: every method it
answers (the API's actions; GET and POST of a page or form) needs a row, and a route without one
fails `test_every_route_has_a_row_for_each_method_it_answers`, naming it. The admin's pages are
Django's, behind its own staff check: `test_the_admin_lets_in_staff_only` walks every one of them.

Adding a person is a line in `CAST` (and one making them in `_build_world`); adding a route, or
another case of one, is a `Row`.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from django.utils.http import int_to_base36
from rest_framework.test import APIClient

from companies.choices import Role
from companies.models import Invitation
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest, Vendor
from marketplace.notifications.emails import unsubscribe_token
from marketplace.notifications.models import Notification
from marketplace.notifications.services import notifications_create_for_event
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_publish
from marketplace.tenders import services as tenders
from marketplace.webhooks.services import webhook_endpoint_create

from .factories import (
    CompanyFactory,
    MembershipFactory,
    OutsourcingRequestFactory,
    UserFactory,
    VendorFactory,
    api_token,
    skill,
)

pytestmark = pytest.mark.django_db

# Who asks (tests/conftest.py's cast), in the order the cases run. A person added later answers
# like the one named here wherever a row does not say otherwise, so the rows that differ for
# them are the only ones to write.
CAST = {
    "anonymous": None,  # not signed in
    "charlie": None,  # signed in, in no organisation
    "alice": None,  # owner of `company`
    "bob": None,  # member of `company`
    "olga": None,  # owner of `other_company`
    "vera": None,  # owner of the approved `vendor`
    "victor": None,  # member of `vendor`
    "pablo": None,  # owner of `pending_vendor`, not approved yet
    "staff": None,  # Norte staff
    # Owner of `other_vendor`, approved but invited to none of the company's tenders (where
    # `vendor` is): answers like Vera, its peer, wherever a row does not say otherwise.
    "una": "vera",
}

TEAMS = ["alice", "bob", "olga", "vera", "victor", "pablo", "una"]  # everyone in an organisation


def each(status: int, *people: str) -> dict[str, int]:
    """`{person: status}` for several people who get the same answer."""
    return dict.fromkeys(people, status)


@dataclass(frozen=True)
class Row:
    """What `method` on `path` answers to each person: `expect[who]`, else `default`.

    `route` is the URL's name (`v1:request-detail`), or its pattern when it has none; `path`
    names the rows of `world` it points at (`{draft}`). `case` tells apart several rows for one
    route and method (a draft and a published request)."""

    route: str
    method: str
    path: str
    default: int
    expect: dict[str, int] = field(default_factory=dict)
    data: dict | None = None
    case: str = ""

    def status_for(self, who: str) -> int:
        if who in self.expect:
            return self.expect[who]
        like = CAST[who]
        return self.default if like is None else self.status_for(like)

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    def __str__(self) -> str:
        return " ".join(filter(None, [self.method, self.route, self.case]))


LOGIN = 302  # the site's pages send anonymous visitors to log in

API = [
    # --- Accounts ---
    Row("v1:token", "POST", "/api/v1/auth/token/", 400, data={}),
    Row("v1:logout", "POST", "/api/v1/auth/logout/", 204, {"anonymous": 401}),
    Row("v1:logout-all", "POST", "/api/v1/auth/logout-all/", 204, {"anonymous": 401}),
    Row("v1:schema", "GET", "/api/v1/schema/?format=json", 200),
    Row("v1:docs", "GET", "/api/v1/docs/", 200),
    Row("v1:api-root", "GET", "/api/v1/", 200, {"anonymous": 401}),
    Row("^api/", "GET", "/api/v2/requests/", 404),
    Row("^api/", "POST", "/api/v2/requests/", 404, data={}),
    # --- Reference data: public, written by staff ---
    Row("v1:sector-list", "GET", "/api/v1/sectors/", 200),
    Row(
        "v1:sector-list",
        "POST",
        "/api/v1/sectors/",
        403,
        {"anonymous": 401, "staff": 201},
        data={"slug": "esports", "name": "Esports"},
    ),
    Row("v1:sector-detail", "GET", "/api/v1/sectors/{sector}/", 200),
    Row("v1:skill-list", "GET", "/api/v1/skills/", 200),
    Row("v1:skill-list", "POST", "/api/v1/skills/", 403, {"anonymous": 401, "staff": 400}, {}),
    Row("v1:skill-detail", "GET", "/api/v1/skills/{skill}/", 200),
    Row("v1:certification-list", "GET", "/api/v1/certifications/", 200),
    Row(
        "v1:certification-list",
        "POST",
        "/api/v1/certifications/",
        403,
        {"anonymous": 401, "staff": 400},
        data={},
    ),
    Row("v1:certification-detail", "GET", "/api/v1/certifications/{certification}/", 200),
    # --- Companies ---
    Row("v1:company-list", "GET", "/api/v1/companies/", 200, {"anonymous": 401}),
    Row(
        "v1:company-list",
        "POST",
        "/api/v1/companies/",
        403,
        # Only someone in no organisation founds one (the empty payload is then refused).
        {"anonymous": 401, "charlie": 400, "staff": 400},
        data={},
    ),
    Row(
        "v1:company-detail",
        "GET",
        "/api/v1/companies/{company}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "v1:company-detail",
        "PATCH",
        "/api/v1/companies/{company}/",
        404,
        {"anonymous": 401, "alice": 200, "bob": 403, "staff": 200},
        data={"city": "Monterrey"},
    ),
    Row(
        "v1:company-detail",
        "PUT",
        "/api/v1/companies/{company}/",
        404,
        {"anonymous": 401, "alice": 400, "bob": 403, "staff": 400},
        data={"city": "Monterrey"},
    ),
    Row(
        "v1:company-invitations",
        "GET",
        "/api/v1/companies/{company}/invitations/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "v1:company-invitations",
        "POST",
        "/api/v1/companies/{company}/invitations/",
        404,
        {"anonymous": 401, "alice": 201, "bob": 403, "staff": 201},
        data={"email": "diana@example.com"},
    ),
    # --- Vendors ---
    Row("v1:vendor-list", "GET", "/api/v1/vendors/", 200),
    Row(
        "v1:vendor-list",
        "POST",
        "/api/v1/vendors/",
        403,
        {"anonymous": 401, "charlie": 400, "staff": 400},
        data={},
    ),
    Row("v1:vendor-detail", "GET", "/api/v1/vendors/{vendor}/", 200, case="approved"),
    Row(
        "v1:vendor-detail",
        "PATCH",
        "/api/v1/vendors/{vendor}/",
        403,
        {"anonymous": 401, "vera": 200, "staff": 200, "una": 403},
        data={"city": "Québec"},
        case="approved",
    ),
    Row(
        "v1:vendor-detail",
        "PUT",
        "/api/v1/vendors/{vendor}/",
        403,
        {"anonymous": 401, "vera": 400, "staff": 400, "una": 403},
        data={"city": "Québec"},
        case="approved",
    ),
    Row(
        "v1:vendor-detail",
        "GET",
        "/api/v1/vendors/{pending_vendor}/",
        404,
        each(200, "pablo", "staff"),
        case="pending",
    ),
    Row(
        "v1:vendor-detail",
        "PATCH",
        "/api/v1/vendors/{pending_vendor}/",
        404,
        {"anonymous": 401, "pablo": 200, "staff": 200},
        data={"city": "Regina"},
        case="pending",
    ),
    Row(
        "v1:vendor-approve",
        "POST",
        "/api/v1/vendors/{pending_vendor}/approve/",
        # Refused before the vendor is looked up: moderation is staff's whatever the vendor.
        403,
        {"anonymous": 401, "staff": 200},
        data={},
    ),
    Row(
        "v1:vendor-suspend",
        "POST",
        "/api/v1/vendors/{vendor}/suspend/",
        403,
        {"anonymous": 401, "staff": 200},
        data={"reason": "Certificate expired."},
    ),
    Row(
        "v1:vendor-invitations",
        "GET",
        "/api/v1/vendors/{vendor}/invitations/",
        403,
        {"anonymous": 401, **each(200, "vera", "victor", "staff"), "una": 403},
    ),
    Row(
        "v1:vendor-invitations",
        "POST",
        "/api/v1/vendors/{vendor}/invitations/",
        403,
        {"anonymous": 401, "vera": 201, "victor": 403, "staff": 201, "una": 403},
        data={"email": "diana@example.com"},
    ),
    # --- Tenders: `tender` is by invitation, Maple Odds invited (it asked and proposed); `invited`
    # awaits Maple Odds' answer. Whoever cannot see a row gets 404, whoever sees it but may not
    # act 403. Owners award and cancel; staff help run a tender but never act for a vendor. ---
    *(
        Row(
            f"v1:request-tender-{part}",
            "GET",
            f"/api/v1/requests/{{tender}}/{part}/",
            404,
            {"anonymous": 401, **each(200, "alice", "bob", "vera", "victor", "staff"), "una": 404},
        )
        for part in ("bid-invitations", "questions")
    ),
    Row(
        "v1:request-tender-bid-invitations",
        "POST",
        "/api/v1/requests/{tender}/bid-invitations/",
        404,
        {
            "anonymous": 401,
            **each(201, "alice", "bob", "staff"),
            **each(403, "vera", "victor"),
            "una": 404,
        },
        data={"vendor": "{other_vendor}"},
    ),
    Row(
        "v1:request-tender-questions",
        "POST",
        "/api/v1/requests/{tender}/questions/",
        404,
        {
            "anonymous": 401,
            **each(403, "alice", "bob", "staff"),
            **each(201, "vera", "victor"),
            "una": 404,
        },
        data={"text": "¿Hay API de momios?"},
    ),
    Row(
        "v1:request-tender-proposals",
        "GET",
        "/api/v1/requests/{tender}/proposals/",
        # The comparison holds the buyer's ranking: vendors get 404, as for the matches.
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "v1:request-tender-award",
        "POST",
        "/api/v1/requests/{tender}/award/",
        404,
        {
            "anonymous": 401,
            "alice": 201,
            **each(403, "bob", "vera", "victor", "staff"),
            "una": 404,
        },
        data={"proposal": "{proposal}", "reason": "Best plan."},
    ),
    Row(
        "v1:request-tender-cancel",
        "POST",
        "/api/v1/requests/{tender}/cancel/",
        404,
        {
            "anonymous": 401,
            "alice": 200,
            **each(403, "bob", "vera", "victor", "staff"),
            "una": 404,
        },
        data={"reason": "Budget moved."},
    ),
    Row("v1:bid-invitation-list", "GET", "/api/v1/bid-invitations/", 200, {"anonymous": 401}),
    Row(
        "v1:bid-invitation-detail",
        "GET",
        "/api/v1/bid-invitations/{pending_bid}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "vera", "victor", "staff"), "una": 404},
    ),
    *(
        Row(
            f"v1:bid-invitation-{answer}",
            "POST",
            f"/api/v1/bid-invitations/{{pending_bid}}/{answer}/",
            404,
            {
                "anonymous": 401,
                **each(403, "alice", "bob", "staff"),
                **each(200, "vera", "victor"),
                "una": 404,
            },
            data={"reason": "Fully booked."} if answer == "decline" else {},
        )
        for answer in ("accept", "decline")
    ),
    Row(
        "v1:question-detail",
        "GET",
        "/api/v1/questions/{question}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "vera", "victor", "staff"), "una": 404},
    ),
    Row(
        "v1:question-answer",
        "POST",
        "/api/v1/questions/{question}/answer/",
        404,
        {
            "anonymous": 401,
            **each(200, "alice", "bob", "staff"),
            **each(403, "vera", "victor"),
            "una": 404,
        },
        data={"text": "Sí, REST."},
    ),
    Row("v1:proposal-list", "GET", "/api/v1/proposals/", 200, {"anonymous": 401}),
    Row(
        "v1:proposal-list",
        "POST",
        "/api/v1/proposals/",
        # Anyone outside an approved vendor is refused before the body is read; Una's vendor
        # names a request it cannot see.
        403,
        {"anonymous": 401, **each(201, "vera", "victor"), "una": 400},
        data={
            "request": "{invited}",
            "price": "1500000.00",
            "currency": "MXN",
            "duration_weeks": 20,
            "team_size": 5,
            "approach": "Two squads.",
        },
    ),
    Row(
        "v1:proposal-detail",
        "GET",
        "/api/v1/proposals/{proposal}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "vera", "victor", "staff"), "una": 404},
    ),
    Row(
        "v1:proposal-withdraw",
        "POST",
        "/api/v1/proposals/{proposal}/withdraw/",
        404,
        {
            "anonymous": 401,
            **each(403, "alice", "bob", "staff"),
            **each(200, "vera", "victor"),
            "una": 404,
        },
        data={},
    ),
    Row(
        "v1:proposal-shortlist",
        "POST",
        "/api/v1/proposals/{proposal}/shortlist/",
        404,
        {
            "anonymous": 401,
            **each(200, "alice", "bob", "staff"),
            **each(403, "vera", "victor"),
            "una": 404,
        },
        data={},
    ),
    Row("v1:engagement-list", "GET", "/api/v1/engagements/", 200, {"anonymous": 401}),
    Row(
        "v1:engagement-detail",
        "GET",
        "/api/v1/engagements/{engagement}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "vera", "victor", "staff"), "una": 404},
    ),
    Row(
        "v1:engagement-complete",
        "POST",
        "/api/v1/engagements/{engagement}/complete/",
        404,
        {
            "anonymous": 401,
            **each(200, "alice", "bob"),
            **each(403, "vera", "victor", "staff"),
            "una": 404,
        },
        data={},
    ),
    Row(
        "v1:engagement-cancel",
        "POST",
        "/api/v1/engagements/{engagement}/cancel/",
        404,
        {
            "anonymous": 401,
            "alice": 200,
            **each(403, "bob", "vera", "victor", "staff"),
            "una": 404,
        },
        data={"reason": "Vendor went quiet."},
    ),
    Row(
        "v1:engagement-review",
        "POST",
        "/api/v1/engagements/{completed}/review/",
        404,
        {
            "anonymous": 401,
            **each(201, "alice", "bob"),
            **each(403, "vera", "victor", "staff"),
            "una": 404,
        },
        data={"rating": 5, "text": "Great work."},
    ),
    # Reviews are public wherever their vendor is; only its members reply.
    Row("v1:review-list", "GET", "/api/v1/reviews/", 200),
    Row("v1:review-detail", "GET", "/api/v1/reviews/{review}/", 200),
    Row(
        "v1:review-reply",
        "POST",
        "/api/v1/reviews/{review}/reply/",
        403,
        {"anonymous": 401, **each(200, "vera", "victor"), "una": 403},
        data={"text": "Gracias."},
    ),
    # --- Requests: drafted by a company's members, read by approved vendors once published ---
    Row("v1:request-list", "GET", "/api/v1/requests/", 200, {"anonymous": 401}),
    Row(
        "v1:request-list",
        "POST",
        "/api/v1/requests/",
        403,
        {"anonymous": 401, **each(400, "alice", "bob", "olga", "staff")},
        data={},
    ),
    Row(
        "v1:request-detail",
        "GET",
        "/api/v1/requests/{draft}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
        case="draft",
    ),
    Row(
        "v1:request-detail",
        "PATCH",
        "/api/v1/requests/{draft}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
        data={"team_size": 6},
        case="draft",
    ),
    Row(
        "v1:request-detail",
        "PUT",
        "/api/v1/requests/{draft}/",
        404,
        {"anonymous": 401, **each(400, "alice", "bob", "staff")},
        data={"team_size": 6},
        case="draft",
    ),
    Row(
        "v1:request-detail",
        "GET",
        "/api/v1/requests/{published}/",
        404,
        # Approved vendors read published requests; a pending vendor does not.
        {"anonymous": 401, **each(200, "alice", "bob", "vera", "victor", "staff")},
        case="published",
    ),
    Row(
        "v1:request-detail",
        "PATCH",
        "/api/v1/requests/{published}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff"), **each(403, "vera", "victor")},
        data={"team_size": 6},
        case="published",
    ),
    Row(
        "v1:request-publish",
        "POST",
        "/api/v1/requests/{draft}/publish/",
        404,
        {"anonymous": 401, **each(202, "alice", "bob", "staff")},
    ),
    Row(
        "v1:request-matches",
        "GET",
        "/api/v1/requests/{published}/matches/",
        # Rankings are the buyer's: vendors who can read the request still get 404.
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "v1:request-rematch",
        "POST",
        "/api/v1/requests/{published}/rematch/",
        404,
        {"anonymous": 401, **each(202, "alice", "bob", "staff")},
    ),
    Row(
        "v1:match-run-detail",
        "GET",
        "/api/v1/match-runs/{run}/",
        # A run is the buyer's ranking too.
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "v1:match-run-results",
        "GET",
        "/api/v1/match-runs/{run}/results/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    # --- Invitations ---
    Row(
        "v1:invitation-detail",
        "DELETE",
        "/api/v1/invitations/{invitation}/",
        404,
        {"anonymous": 401, "alice": 204, "bob": 403, "staff": 204},
    ),
    Row(
        "v1:invitation-accept",
        "POST",
        "/api/v1/invitations/accept/",
        # Whoever may join an organisation learns whether the token is known (here: 400).
        409,
        {"anonymous": 401, "charlie": 400, "staff": 403},
        data={"token": "guessed"},
    ),
    # --- Events feed: everyone their organisation's (staff all; no organisation: empty) ---
    Row("v1:event-list", "GET", "/api/v1/events/", 200, {"anonymous": 401}),
    # --- Open data: the OCDS release package is anyone's (staff read more of it) ---
    Row("v1:ocds-releases", "GET", "/api/v1/ocds/releases/", 200),
    # --- Notifications: everyone their own; another person's is not found ---
    Row("v1:notification-list", "GET", "/api/v1/notifications/", 200, {"anonymous": 401}),
    Row(
        "v1:notification-detail",
        "GET",
        "/api/v1/notifications/{notification}/",
        404,
        {"anonymous": 401, "vera": 200, "una": 404},
    ),
    Row(
        "v1:notification-read",
        "POST",
        "/api/v1/notifications/{notification}/read/",
        404,
        {"anonymous": 401, "vera": 200, "una": 404},
        data={},
    ),
    Row(
        "v1:notification-read-all",
        "POST",
        "/api/v1/notifications/read-all/",
        200,
        {"anonymous": 401},
        data={},
    ),
    # --- Email preferences: everyone their own, the only ones the routes name ---
    Row(
        "v1:notification-preference-list",
        "GET",
        "/api/v1/notification-preferences/",
        200,
        {"anonymous": 401},
    ),
    Row(
        "v1:notification-preference-detail",
        "GET",
        "/api/v1/notification-preferences/question.asked/",
        200,
        {"anonymous": 401},
    ),
    Row(
        "v1:notification-preference-detail",
        "PATCH",
        "/api/v1/notification-preferences/question.asked/",
        200,
        {"anonymous": 401},
        data={"email": "daily"},
    ),
    # --- Webhooks: an organisation's members read its endpoints; its owners manage them ---
    Row("v1:webhook-endpoint-list", "GET", "/api/v1/webhook-endpoints/", 200, {"anonymous": 401}),
    Row(
        "v1:webhook-endpoint-list",
        "POST",
        "/api/v1/webhook-endpoints/",
        # Owners register one for their own organisation; staff belong to none.
        403,
        {"anonymous": 401, **each(201, "alice", "olga", "vera", "pablo")},
        data={"url": "http://127.0.0.1:9/hook", "events": ["review.posted"]},
    ),
    Row(
        "v1:webhook-endpoint-detail",
        "GET",
        "/api/v1/webhook-endpoints/{webhook_endpoint}/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "v1:webhook-endpoint-detail",
        "PATCH",
        "/api/v1/webhook-endpoints/{webhook_endpoint}/",
        404,
        {"anonymous": 401, "alice": 200, "bob": 403, "staff": 200},
        data={"is_active": False},
    ),
    Row(
        "v1:webhook-endpoint-detail",
        "PUT",
        "/api/v1/webhook-endpoints/{webhook_endpoint}/",
        # PUT names the URL and the events: the payload lacks them.
        404,
        {"anonymous": 401, "alice": 400, "bob": 403, "staff": 400},
        data={"is_active": False},
    ),
    Row(
        "v1:webhook-endpoint-detail",
        "DELETE",
        "/api/v1/webhook-endpoints/{webhook_endpoint}/",
        404,
        {"anonymous": 401, "alice": 204, "bob": 403, "staff": 204},
    ),
    Row(
        "v1:webhook-endpoint-roll-secret",
        "POST",
        "/api/v1/webhook-endpoints/{webhook_endpoint}/roll-secret/",
        404,
        {"anonymous": 401, "alice": 200, "bob": 403, "staff": 200},
        data={},
    ),
    Row(
        "v1:webhook-endpoint-replay",
        "POST",
        "/api/v1/webhook-endpoints/{webhook_endpoint}/replay/",
        # An attempt is recorded and its POST queued once the request commits (202).
        404,
        {"anonymous": 401, "alice": 202, "bob": 403, "staff": 202},
        data={"event": "{company_event}"},
    ),
    Row(
        "v1:webhook-endpoint-deliveries",
        "GET",
        "/api/v1/webhook-endpoints/{webhook_endpoint}/deliveries/",
        404,
        {"anonymous": 401, **each(200, "alice", "bob", "staff")},
    ),
    # --- Insights: aggregates anyone reads; staff read every figure ---
    Row("v1:insights-summary", "GET", "/api/v1/insights/summary/", 200),
    Row("v1:insights-summary-csv", "GET", "/api/v1/insights/summary.csv", 200),
]

PAGES = [
    # --- The public directory ---
    Row("marketplace:home", "GET", "/", 200),
    Row("marketplace:vendor-list", "GET", "/vendors/", 200),
    # The insights: public aggregates (visitors' small cells suppressed, tests/marketplace/
    # insights/test_views.py); a filter it cannot apply is a 400 with the form's errors.
    Row("insights:insights", "GET", "/insights/", 200),
    Row("insights:insights", "GET", "/insights/?period_from=2026-13", 400, case="bad month"),
    Row("marketplace:vendor-detail", "GET", "/vendors/{vendor_slug}/", 200, case="approved"),
    Row(
        "marketplace:vendor-detail",
        "GET",
        "/vendors/{pending_vendor_slug}/",
        404,
        each(200, "pablo", "staff"),
        case="pending",
    ),
    # Whom it shows is the profile page's rule (a pending vendor is left out for others, with a
    # message: tests/marketplace/web/test_vendor_compare.py); the page itself is everyone's.
    Row(
        "marketplace:vendor-compare",
        "GET",
        "/vendors/compare/?vendor={vendor}&vendor={pending_vendor}",
        200,
    ),
    Row(
        "marketplace:vendor-compare",
        "GET",
        "/vendors/compare/?vendor=1&vendor=2&vendor=3&vendor=4&vendor=5",
        400,
        case="more than four",
    ),
    # --- The company side: its members' pages (staff see every company's requests) ---
    Row(
        "marketplace:request-list",
        "GET",
        "/requests/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "olga", "staff")},
    ),
    Row(
        "marketplace:request-create",
        "GET",
        "/requests/new/",
        # A draft belongs to the author's company: staff, who have none, draft through the API.
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "olga")},
    ),
    Row(
        "marketplace:request-create",
        "POST",
        "/requests/new/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "olga")},
        data={},
    ),
    Row(
        "marketplace:request-validate",
        "POST",
        "/requests/validate/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "olga", "staff")},
        data={},
    ),
    Row(
        "marketplace:request-suggestions",
        "POST",
        "/requests/suggestions/",
        # As the validate view: staff edit any company's request (on its edit page).
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "olga", "staff")},
        data={},
    ),
    Row(
        "marketplace:request-detail",
        "GET",
        "/requests/{draft}/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "marketplace:request-edit",
        "GET",
        "/requests/{draft}/edit/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "staff")},
    ),
    Row(
        "marketplace:request-edit",
        "POST",
        "/requests/{draft}/edit/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "staff")},
        data={},
    ),
    Row(
        "marketplace:request-publish",
        "POST",
        "/requests/{draft}/publish/",
        404,
        {"anonymous": LOGIN, **each(302, "alice", "bob", "staff")},
        data={},
    ),
    Row(
        "marketplace:request-rematch",
        "POST",
        "/requests/{published}/rematch/",
        404,
        {"anonymous": LOGIN, **each(302, "alice", "bob", "staff")},
        data={},
    ),
    Row(
        "marketplace:request-keep-sector",
        "POST",
        "/requests/{published}/keep-sector/",
        404,
        {"anonymous": LOGIN, **each(302, "alice", "bob", "staff")},
        data={},
    ),
    Row(
        "marketplace:request-matches",
        "GET",
        "/requests/{published}/matches/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "staff")},
    ),
    # --- The vendor side: its members' desk ---
    Row(
        "marketplace:vendor-dashboard",
        "GET",
        "/vendor/",
        404,
        {"anonymous": LOGIN, **each(200, "vera", "victor", "pablo")},
    ),
    Row(
        "marketplace:vendor-edit",
        "GET",
        "/vendor/edit/",
        404,
        {"anonymous": LOGIN, **each(200, "vera", "pablo"), "victor": 403},
    ),
    Row(
        "marketplace:vendor-edit",
        "POST",
        "/vendor/edit/",
        404,
        {"anonymous": LOGIN, **each(200, "vera", "pablo"), "victor": 403},
        data={},
    ),
    Row(
        "marketplace:vendor-edit-suggestions",
        "POST",
        "/vendor/edit/suggestions/",
        404,
        {"anonymous": LOGIN, **each(200, "vera", "pablo"), "victor": 403},
        data={},
    ),
    Row(
        "marketplace:opportunity-detail",
        "GET",
        "/opportunities/{published}/",
        # Published requests are for approved vendors; the company reads it on its own pages.
        404,
        {"anonymous": LOGIN, **each(200, "vera", "victor")},
    ),
    # --- Tenders, the company's side: its members (staff too); awarding and cancelling, owners ---
    *(
        Row(
            f"tenders:request-{tab}",
            "GET",
            f"/requests/{{tender}}/{tab}/",
            404,
            {"anonymous": LOGIN, **each(200, "alice", "bob", "staff")},
        )
        for tab in ("bid-invitations", "questions", "proposals", "cancel")
    ),
    Row(
        "tenders:request-bid-invitations",
        "POST",
        "/requests/{tender}/bid-invitations/",
        404,
        {"anonymous": LOGIN, **each(302, "alice", "bob", "staff")},
        data={"vendor": "{other_vendor}"},
    ),
    Row(
        "tenders:request-bid-invitations-top",
        "POST",
        "/requests/{tender}/bid-invitations/top/",
        404,
        {"anonymous": LOGIN, **each(302, "alice", "bob", "staff")},
        data={"count": "1"},
    ),
    Row(
        "tenders:question-answer",
        "POST",
        "/questions/{question}/answer/",
        404,
        {"anonymous": LOGIN, **each(302, "alice", "bob", "staff")},
        data={"text": "Sí."},
    ),
    Row(
        "tenders:proposal-shortlist",
        "POST",
        "/proposals/{proposal}/shortlist/",
        404,
        {"anonymous": LOGIN, **each(302, "alice", "bob", "staff")},
        data={},
    ),
    Row(
        "tenders:request-award",
        "POST",
        "/requests/{tender}/award/",
        404,
        {"anonymous": LOGIN, "alice": 302, **each(403, "bob", "staff")},
        data={"proposal": "{proposal}", "reason": "Best plan."},
    ),
    Row(
        "tenders:request-cancel",
        "POST",
        "/requests/{tender}/cancel/",
        404,
        {"anonymous": LOGIN, "alice": 302, **each(403, "bob", "staff")},
        data={"reason": "Budget frozen."},
    ),
    # --- Engagements: both parties read them; the company completes, cancels and reviews ---
    Row(
        "tenders:engagement-list",
        "GET",
        "/engagements/",
        404,
        {"anonymous": LOGIN, **each(200, *TEAMS, "staff")},
    ),
    Row(
        "tenders:engagement-detail",
        "GET",
        "/engagements/{engagement}/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "vera", "victor", "staff"), "una": 404},
    ),
    Row(
        "tenders:engagement-complete",
        "POST",
        "/engagements/{engagement}/complete/",
        404,
        {
            "anonymous": LOGIN,
            **each(302, "alice", "bob"),
            **each(403, "vera", "victor", "staff"),
            "una": 404,
        },
        data={},
    ),
    Row(
        "tenders:engagement-cancel",
        "GET",
        "/engagements/{engagement}/cancel/",
        404,
        {"anonymous": LOGIN, **each(200, "alice", "bob", "vera", "victor", "staff"), "una": 404},
    ),
    Row(
        "tenders:engagement-cancel",
        "POST",
        "/engagements/{engagement}/cancel/",
        404,
        {
            "anonymous": LOGIN,
            "alice": 302,
            **each(403, "bob", "vera", "victor", "staff"),
            "una": 404,
        },
        data={"reason": "The vendor left."},
    ),
    Row(
        "tenders:engagement-review",
        "POST",
        "/engagements/{completed}/review/",
        404,
        {
            "anonymous": LOGIN,
            **each(302, "alice", "bob"),
            **each(403, "vera", "victor", "staff"),
            "una": 404,
        },
        data={"rating": "5", "text": "On time."},
    ),
    Row(
        "tenders:review-reply",
        "POST",
        "/reviews/{review}/reply/",
        404,
        {
            "anonymous": LOGIN,
            **each(302, "vera", "victor"),
            # Reviews are public: whoever may not reply is refused, not kept in the dark.
            **each(403, "charlie", "alice", "bob", "olga", "pablo", "una", "staff"),
        },
        data={"text": "Gracias."},
    ),
    # --- Tenders, the vendors' side: the invited vendor's members; others never see it ---
    Row(
        "tenders:bid-invitation-accept",
        "POST",
        "/bid-invitations/{pending_bid}/accept/",
        404,
        {"anonymous": LOGIN, **each(302, "vera", "victor"), "una": 404},
        data={},
    ),
    Row(
        "tenders:bid-invitation-decline",
        "GET",
        "/bid-invitations/{pending_bid}/decline/",
        404,
        {"anonymous": LOGIN, **each(200, "vera", "victor"), "una": 404},
    ),
    Row(
        "tenders:bid-invitation-decline",
        "POST",
        "/bid-invitations/{pending_bid}/decline/",
        404,
        {"anonymous": LOGIN, **each(302, "vera", "victor"), "una": 404},
        data={"reason": "Fully booked."},
    ),
    Row(
        "tenders:question-ask",
        "POST",
        "/opportunities/{tender}/questions/",
        404,
        {"anonymous": LOGIN, **each(302, "vera", "victor"), "una": 404},
        data={"text": "¿Hay API?"},
    ),
    Row(
        "tenders:proposal-submit",
        "POST",
        "/opportunities/{invited}/proposals/",
        404,
        {"anonymous": LOGIN, **each(302, "vera", "victor"), "una": 404},
        data={
            "price": "900000",
            "currency": "MXN",
            "duration_weeks": "12",
            "team_size": "4",
            "approach": "Un equipo de cuatro.",
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
        },
    ),
    Row(
        "tenders:proposal-withdraw",
        "POST",
        "/proposals/{proposal}/withdraw/",
        404,
        {"anonymous": LOGIN, **each(302, "vera", "victor"), "una": 404},
        data={},
    ),
    Row(
        "marketplace:opportunity-detail",
        "GET",
        "/opportunities/{tender}/",
        # By invitation: only the invited vendor sees it.
        404,
        {"anonymous": LOGIN, **each(200, "vera", "victor"), "una": 404},
        case="by invitation",
    ),
    # --- Staff: the moderation queue ---
    Row("marketplace:moderation", "GET", "/moderation/", 404, {"anonymous": LOGIN, "staff": 200}),
    Row(
        "marketplace:moderation-approve",
        "POST",
        "/moderation/vendors/{pending_vendor}/approve/",
        404,
        {"anonymous": LOGIN, "staff": 302},
        data={},
    ),
    Row(
        "marketplace:moderation-suspend",
        "POST",
        "/moderation/vendors/{vendor}/suspend/",
        404,
        {"anonymous": LOGIN, "staff": 302},
        data={"reason": "Certificate expired."},
    ),
    # --- Accounts (allauth): its log-in and sign-up pages send whoever is signed in on ---
    Row("account_signup", "GET", "/accounts/signup/", 302, {"anonymous": 200}),
    Row("account_signup", "POST", "/accounts/signup/", 302, {"anonymous": 200}, data={}),
    Row("account_login", "GET", "/accounts/login/", 302, {"anonymous": 200}),
    Row("account_login", "POST", "/accounts/login/", 302, {"anonymous": 200}, data={}),
    # GET asks to confirm; a visitor has nothing to log out of and is sent home.
    Row("account_logout", "GET", "/accounts/logout/", 200, {"anonymous": 302}),
    Row("account_logout", "POST", "/accounts/logout/", 302, data={}),
    Row("account_inactive", "GET", "/accounts/inactive/", 200),
    Row("account_email_verification_sent", "GET", "/accounts/confirm-email/", 200),
    # The page only says a link was sent (its view class has a `post` that refuses).
    Row("account_email_verification_sent", "POST", "/accounts/confirm-email/", 405, data={}),
    # An unknown link's page says so; confirming it is a 404.
    Row("account_confirm_email", "GET", "/accounts/confirm-email/unknown-key/", 200),
    Row("account_confirm_email", "POST", "/accounts/confirm-email/unknown-key/", 404, data={}),
    Row("account_change_password", "GET", "/accounts/password/change/", 200, {"anonymous": LOGIN}),
    Row(
        "account_change_password",
        "POST",
        "/accounts/password/change/",
        200,
        {"anonymous": LOGIN},
        data={},
    ),
    # Everyone in the cast has a password: this page sends them to change it instead.
    Row("account_set_password", "GET", "/accounts/password/set/", 302),
    Row("account_set_password", "POST", "/accounts/password/set/", 302, data={}),
    Row("account_reset_password", "GET", "/accounts/password/reset/", 200),
    Row("account_reset_password", "POST", "/accounts/password/reset/", 200, data={}),
    Row("account_reset_password_done", "GET", "/accounts/password/reset/done/", 200),
    Row(
        "account_reset_password_from_key",
        "GET",
        "/accounts/password/reset/key/{uidb36}-expired-key/",
        200,
    ),
    Row(
        "account_reset_password_from_key",
        "POST",
        "/accounts/password/reset/key/{uidb36}-expired-key/",
        200,
        data={},
    ),
    Row("account_reset_password_from_key_done", "GET", "/accounts/password/reset/key/done/", 200),
    # --- Onboarding: for someone in no organisation; everyone else is sent on ---
    Row("companies:onboarding", "GET", "/onboarding/", 302, {"charlie": 200}),
    Row("companies:onboarding-company", "GET", "/onboarding/company/", 302, {"charlie": 200}),
    Row(
        "companies:onboarding-company",
        "POST",
        "/onboarding/company/",
        302,
        {"charlie": 200},
        data={},
    ),
    Row("marketplace:onboarding-vendor", "GET", "/onboarding/vendor/", 302, {"charlie": 200}),
    Row("marketplace:onboarding-vendor", "POST", "/onboarding/vendor/", 302, {"charlie": 200}, {}),
    # --- The team page: an organisation's members; its owners invite and withdraw ---
    Row("companies:team", "GET", "/team/", 404, {"anonymous": LOGIN, **each(200, *TEAMS)}),
    Row(
        "companies:team-invite",
        "POST",
        "/team/invitations/",
        # Owners get the form back with its errors (the empty payload); members may not invite.
        404,
        {
            "anonymous": LOGIN,
            **each(400, "alice", "olga", "vera", "pablo"),
            **each(403, "bob", "victor"),
        },
        data={},
    ),
    Row(
        "companies:team-invitation-revoke",
        "POST",
        "/team/invitations/{invitation}/revoke/",
        404,
        {"anonymous": LOGIN, "alice": 302, "bob": 403},
        data={},
    ),
    Row(
        "companies:invitation",
        "GET",
        "/invitations/{token}/",
        # Someone already in an organisation cannot join another; staff never join one.
        409,
        {"anonymous": 200, "charlie": 200, "staff": 403},
    ),
    Row(
        "companies:invitation",
        "POST",
        "/invitations/{token}/",
        409,
        {"anonymous": LOGIN, "charlie": 302, "staff": 403},
        data={},
    ),
    Row("set_language", "GET", "/i18n/setlang/", 302),
    Row("set_language", "POST", "/i18n/setlang/", 302, data={"language": "fr-ca"}),
    # --- The admin's login form (throttled; the admin's own pages: see the admin test) ---
    Row("admin/login/", "GET", "/admin/login/", 200, {"staff": 302}),
    Row("admin/login/", "POST", "/admin/login/", 200, data={}),
    Row(
        "admin:view_on_site",
        "GET",
        "/admin/r/{vendor_type}/{vendor}/",
        # Django's "view on site" link: a redirect to the vendor's public page, for anyone.
        302,
    ),
    Row("admin:view_on_site", "POST", "/admin/r/{vendor_type}/{vendor}/", 302, data={}),
    # --- Events feed: everyone their organisation's (staff all; no organisation: empty) ---
    Row("v1:event-list", "GET", "/api/v1/events/", 200, {"anonymous": 401}),
    # --- Notifications: everyone their own; another person's is not found ---
    Row("notifications:list", "GET", "/notifications/", 200, {"anonymous": LOGIN}),
    # The header polls it: a visitor whose session ended gets nothing to swap in.
    Row("notifications:bell", "GET", "/notifications/bell/", 200, {"anonymous": 204}),
    Row("notifications:read-all", "POST", "/notifications/read-all/", 302, data={}),
    Row(
        "notifications:read",
        "POST",
        "/notifications/{notification}/read/",
        404,
        {"anonymous": LOGIN, "vera": 302, "una": 404},
        data={},
    ),
    # --- Webhooks: an organisation's owners manage its endpoints; its members read why not
    # (403); someone in no organisation, staff too, has no list (404), another's endpoint is not
    # found; staff manage any endpoint, as in the API ---
    Row(
        "webhooks:endpoint-list",
        "GET",
        "/webhooks/",
        404,
        {
            "anonymous": LOGIN,
            **each(200, "alice", "olga", "vera", "pablo"),
            **each(403, "bob", "victor"),
        },
    ),
    Row(
        "webhooks:endpoint-create",
        "GET",
        "/webhooks/new/",
        404,
        {
            "anonymous": LOGIN,
            **each(200, "alice", "olga", "vera", "pablo"),
            **each(403, "bob", "victor"),
        },
    ),
    Row(
        "webhooks:endpoint-create",
        "POST",
        "/webhooks/new/",
        404,
        {
            "anonymous": LOGIN,
            **each(302, "alice", "olga", "vera", "pablo"),
            **each(403, "bob", "victor"),
        },
        data={"url": "http://127.0.0.1:9/hook", "events": ["review.posted"]},
    ),
    Row(
        "webhooks:endpoint-detail",
        "GET",
        "/webhooks/{webhook_endpoint}/",
        404,
        {"anonymous": LOGIN, "alice": 200, "bob": 403, "staff": 200},
    ),
    Row(
        "webhooks:endpoint-detail",
        "POST",
        "/webhooks/{webhook_endpoint}/",
        404,
        {"anonymous": LOGIN, "alice": 302, "bob": 403, "staff": 302},
        data={"url": "http://127.0.0.1:9/hook", "events": ["review.posted"], "is_active": "on"},
    ),
    Row(
        "webhooks:endpoint-enable",
        "POST",
        "/webhooks/{webhook_endpoint}/enable/",
        404,
        {"anonymous": LOGIN, "alice": 302, "bob": 403, "staff": 302},
        data={},
    ),
    Row(
        "webhooks:endpoint-roll-secret",
        "GET",
        "/webhooks/{webhook_endpoint}/roll-secret/",
        404,
        {"anonymous": LOGIN, "alice": 200, "bob": 403, "staff": 200},
    ),
    Row(
        "webhooks:endpoint-roll-secret",
        "POST",
        "/webhooks/{webhook_endpoint}/roll-secret/",
        404,
        {"anonymous": LOGIN, "alice": 302, "bob": 403, "staff": 302},
        data={},
    ),
    Row(
        "webhooks:endpoint-delete",
        "GET",
        "/webhooks/{webhook_endpoint}/delete/",
        404,
        {"anonymous": LOGIN, "alice": 200, "bob": 403, "staff": 200},
    ),
    Row(
        "webhooks:endpoint-delete",
        "POST",
        "/webhooks/{webhook_endpoint}/delete/",
        404,
        {"anonymous": LOGIN, "alice": 302, "bob": 403, "staff": 302},
        data={},
    ),
    Row(
        "webhooks:endpoint-replay",
        "POST",
        "/webhooks/{webhook_endpoint}/replay/",
        # An attempt is made (nothing listens on port 9: a failed one, told as a message).
        404,
        {"anonymous": LOGIN, "alice": 302, "bob": 403, "staff": 302},
        data={"event": "{company_event}"},
    ),
    Row(
        "notifications:preferences", "GET", "/notifications/preferences/", 200, {"anonymous": LOGIN}
    ),
    # "No email at all", then back to the page.
    Row(
        "notifications:preferences",
        "POST",
        "/notifications/preferences/",
        302,
        data={"no_email": "1"},
    ),
    # The link of an email: the signed token alone says whose emails stop (Vera's), whoever
    # follows it, signed in or not, without a CSRF token (RFC 8058's one-click POST).
    Row("notifications:unsubscribe", "GET", "/notifications/unsubscribe/{unsubscribe}/", 200),
    Row(
        "notifications:unsubscribe",
        "POST",
        "/notifications/unsubscribe/{unsubscribe}/",
        200,
        data={"List-Unsubscribe": "One-Click"},
    ),
    Row(
        "notifications:unsubscribe",
        "POST",
        "/notifications/unsubscribe/forged/",
        400,
        data={"List-Unsubscribe": "One-Click"},
        case="tampered",
    ),
]

MATRIX = API + PAGES
CASES = [pytest.param(row, who, id=f"{row}-{who}") for row in MATRIX for who in CAST]


# --- The world the rows point at -----------------------------------------------------------------


INVITATION_TOKEN = "known-token"


def _member(username: str, role: str, **organisation):
    return MembershipFactory(user=UserFactory(username=username), role=role, **organisation).user


def _build_world() -> dict:
    """The cast and the rows the paths name, as tests/conftest.py's fixtures make them."""
    company = CompanyFactory(name="Operadora Azteca", slug="operadora-azteca")
    other_company = CompanyFactory(name="Lotería del Norte", slug="loteria-del-norte", state="NLE")
    vendor = VendorFactory(name="Maple Odds", slug="maple-odds")
    pending_vendor = VendorFactory(
        name="Prairie Bits", slug="prairie-bits", status=Vendor.Status.PENDING, listed=True
    )
    people = {
        "charlie": UserFactory(username="charlie"),
        "alice": _member("alice", Role.OWNER, company=company),
        "bob": _member("bob", Role.MEMBER, company=company),
        "olga": _member("olga", Role.OWNER, company=other_company),
        "vera": _member("vera", Role.OWNER, vendor=vendor),
        "victor": _member("victor", Role.MEMBER, vendor=vendor),
        "pablo": _member("pablo", Role.OWNER, vendor=pending_vendor),
        "staff": UserFactory(username="staff", is_staff=True),
    }
    draft = OutsourcingRequestFactory(company=company, speaks_en=True)
    draft.skills.set([skill("sportsbook")])
    published = OutsourcingRequestFactory(company=company, speaks_en=True)
    _published, run = request_publish(request=published, actor=people["alice"])
    match_run_execute(run_id=run.pk)
    invitation = Invitation.objects.create(
        company=company,
        invited_by=people["alice"],
        email="ernesto@example.com",
        token_hash=Invitation.hash_token(INVITATION_TOKEN),
        expires_at=timezone.now() + timedelta(days=7),
    )
    tenders = _build_tenders(company=company, vendor=vendor, people=people)
    webhook_endpoint = webhook_endpoint_create(
        actor=people["alice"], url="http://127.0.0.1:9/hook", events=["request.awarded"]
    )
    charlie = people["charlie"]
    return {
        "people": people,
        "tokens": {who: api_token(user) for who, user in people.items()},
        "ids": {
            "company": company.pk,
            "vendor": vendor.pk,
            "pending_vendor": pending_vendor.pk,
            "vendor_slug": vendor.slug,
            "pending_vendor_slug": pending_vendor.slug,
            "vendor_type": ContentType.objects.get_for_model(Vendor).pk,
            "draft": draft.pk,
            "published": published.pk,
            "run": run.pk,
            "invitation": invitation.pk,
            "token": INVITATION_TOKEN,
            "sector": "igaming",
            "skill": "sportsbook",
            "certification": "iso-27001",
            "uidb36": int_to_base36(charlie.pk),
            "webhook_endpoint": webhook_endpoint.pk,
            "company_event": company.events.order_by("pk").first().pk,
            **tenders,
        },
    }


def _build_tenders(*, company, vendor, people) -> dict:
    """Tenders of `company` at each stage the routes act on, built through the services: one
    by invitation where Maple Odds is invited, asked and proposed; one where its invitation
    awaits an answer; an engagement under way; one completed and reviewed. Una's vendor, Northern
    Lights, qualifies for all of them and is invited to none."""
    alice, vera = people["alice"], people["vera"]
    other_vendor = VendorFactory(name="Northern Lights", slug="northern-lights", speaks_es=True)
    people["una"] = _member("una", Role.OWNER, vendor=other_vendor)

    def by_invitation(title):
        outsourcing_request = OutsourcingRequestFactory(
            company=company,
            title=title,
            speaks_en=True,
            visibility=OutsourcingRequest.Visibility.INVITATION,
        )
        request_publish(request=outsourcing_request, actor=alice)
        tenders.bid_invitation_create(
            actor=alice, outsourcing_request=outsourcing_request, vendor=vendor
        )
        return outsourcing_request

    def proposed(outsourcing_request):
        return tenders.proposal_submit(
            actor=vera,
            outsourcing_request=outsourcing_request,
            price=900000,
            currency="MXN",
            duration_weeks=12,
            team_size=4,
            approach="Un equipo de cuatro.",
        )

    tender = by_invitation("Casa de apuestas")
    question = tenders.question_ask(actor=vera, outsourcing_request=tender, text="¿Hay API?")
    proposal = proposed(tender)
    invited = by_invitation("Lotería en línea")
    engagement = tenders.request_award(
        actor=alice,
        outsourcing_request=(won := by_invitation("Casino en vivo")),
        proposal=proposed(won),
        reason="El mejor plan.",
    )
    finished = tenders.request_award(
        actor=alice,
        outsourcing_request=(done := by_invitation("Bingo")),
        proposal=proposed(done),
        reason="El mejor plan.",
    )
    tenders.engagement_complete(actor=alice, engagement=finished)
    completed = tenders.request_award(
        actor=alice,
        outsourcing_request=(ended := by_invitation("Keno")),
        proposal=proposed(ended),
        reason="El mejor plan.",
    )
    tenders.engagement_complete(actor=alice, engagement=completed)
    review = tenders.review_create(actor=alice, engagement=finished, rating=4, text="Bien.")
    # Events are delivered after commit, which the world never reaches: deliver the invitation
    # to "Lotería en línea" as the task would, and take Vera's notification of it.
    notifications_create_for_event(
        event=Event.objects.get(request=invited, kind=Event.Kind.BID_INVITATION_SENT)
    )
    return {
        "other_vendor": other_vendor.pk,
        "tender": tender.pk,
        "question": question.pk,
        "proposal": proposal.pk,
        "invited": invited.pk,
        "pending_bid": invited.bid_invitations.get().pk,
        "engagement": engagement.pk,
        "finished": finished.pk,
        "completed": completed.pk,
        "review": review.pk,
        "notification": Notification.objects.get(recipient=vera).pk,
        "unsubscribe": unsubscribe_token(user=vera, kind=Event.Kind.QUESTION_ASKED),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction that each test's own rolls back to, and
    that is rolled back at the end: every case starts from the same rows, at the cost of one."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        built = _build_world()
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def client_for(world, row: Row, who: str):
    """The API's callers send a token, as integrations do; the site's, a session cookie."""
    if row.is_api:
        client = APIClient()
        if who != "anonymous":
            client.credentials(HTTP_AUTHORIZATION=f"Token {world['tokens'][who]}")
        return client
    client = Client()
    if who != "anonymous":
        client.force_login(world["people"][who])
    return client


@pytest.mark.parametrize(("row", "who"), CASES)
def test_each_caller_gets_what_the_matrix_says(world, row, who):
    client = client_for(world, row, who)
    path = row.path.format(**world["ids"])
    data = row.data
    if isinstance(data, dict):  # ids in a payload are named like a path's: {"vendor": "{vendor}"}
        data = {
            key: value.format(**world["ids"]) if isinstance(value, str) else value
            for key, value in data.items()
        }

    response = getattr(client, row.method.lower())(path, data)

    assert response.status_code == row.status_for(who), response.content[:300]


# --- Every route has its rows ------------------------------------------------------------------

HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# What a page or a form of the site is asked with; the API's routes name their own methods.
PAGE_METHODS = {"GET", "POST"}


def url_patterns(patterns=None, prefix="", namespace=""):
    """(key, route, URLPattern) of every route; its key is its name with its namespace
    (`v1:request-detail`), or its route when it has no name (`^api/`)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", route, pattern
        else:
            yield route, route, pattern


def methods_of(pattern: URLPattern) -> set[str]:
    """The methods a route answers: a viewset's actions; a class-based view's handlers; what a
    function view's `require_http_methods` (`require_POST`, `require_safe`) allows; of a page or
    form, GET and POST at most."""
    view = pattern.callback
    if actions := getattr(view, "actions", None):
        return {method.upper() for method in actions} - {"HEAD", "OPTIONS"}
    if view_class := getattr(view, "view_class", None):
        methods = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    else:
        methods = _required_methods(view) or PAGE_METHODS
    if getattr(view, "cls", None) is None:  # a page of the site
        methods &= PAGE_METHODS
    return methods - {"HEAD", "OPTIONS"}


def _required_methods(view) -> set[str] | None:
    """What the `require_http_methods` decorators around `view` allow (None: no such decorator),
    read from the list each keeps in its closure."""
    allowed = None
    while view is not None:
        for cell in getattr(view, "__closure__", None) or ():
            value = cell.cell_contents
            if isinstance(value, list | tuple) and value and set(value) <= HTTP_METHODS:
                allowed = set(value) if allowed is None else allowed & set(value)
        view = getattr(view, "__wrapped__", None)
    return allowed


def routes() -> dict[str, set[str]]:
    """Route key → the methods it answers (a route and its `.json` twin share a key)."""
    found = {}
    for key, _route, pattern in url_patterns():
        found.setdefault(key, set()).update(methods_of(pattern))
    return found


ROUTES = routes()


# The admin's pages that are not behind its staff check, which have rows: its login form (the
# throttled one of config/urls.py) and the "view on site" redirect.
ADMIN_OPEN = {"admin/login/", "admin:view_on_site"}
# Routes that never answer: the throttled login form is matched before the admin's own.
SHADOWED = {"admin:login"}


def is_admin_page(key: str) -> bool:
    return key.startswith(("admin:", "admin/")) and key not in ADMIN_OPEN | SHADOWED


def test_every_route_has_a_row_for_each_method_it_answers():
    rows = {(row.route, row.method) for row in MATRIX}
    missing = [
        f"{method} {key}"
        for key, methods in ROUTES.items()
        if not is_admin_page(key) and key not in SHADOWED
        for method in sorted(methods)
        if (key, method) not in rows
    ]

    assert not missing, f"No row in the authorization matrix for: {', '.join(missing)}"


@pytest.mark.parametrize("row", MATRIX, ids=str)
def test_every_row_points_at_its_route(row):
    match = resolve(row.path.format_map(_AnyId()).split("?")[0])
    key = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name

    assert (key or match.route) == row.route
    assert row.method in ROUTES[row.route], f"{row.route} does not answer {row.method}"


class _AnyId(dict):
    def __missing__(self, key):
        return "1"


def test_a_person_added_later_answers_like_the_one_named_unless_a_row_says_otherwise(
    monkeypatch,
):
    monkeypatch.setitem(CAST, "ivan", "vera")  # say, a vendor's owner invited to a tender
    row = Row("v1:vendor-detail", "PATCH", "/api/v1/vendors/{vendor}/", 403, {"vera": 200})

    assert row.status_for("ivan") == 200
    assert Row(**{**row.__dict__, "expect": {"vera": 200, "ivan": 404}}).status_for("ivan") == 404


def test_the_walk_finds_pages_forms_and_api_actions():
    found = ROUTES

    assert found["marketplace:home"] == {"GET"}
    assert found["marketplace:request-edit"] == {"GET", "POST"}
    assert found["companies:team-invite"] == {"POST"}
    assert found["account_logout"] == {"GET", "POST"}
    assert found["v1:request-detail"] == {"GET", "PUT", "PATCH"}
    assert found["v1:token"] == {"POST"}
    assert found["^api/"] == {"GET", "POST"}


# --- The admin -----------------------------------------------------------------------------------


def admin_paths() -> list[str]:
    """A path to each of the admin's pages, any id standing in for its object's."""
    return [_example_path(route) for key, route, _pattern in url_patterns() if is_admin_page(key)]


def _example_path(route: str) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", "1", route)
    path = re.sub(r"\(\?P<app_label>[^)]*\)", "marketplace", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + path.replace("^", "").replace("$", "")


@pytest.mark.parametrize("who", CAST)
def test_the_admin_lets_in_staff_only(world, who):
    client = Client()
    if who != "anonymous":
        client.force_login(world["people"][who])

    for path in admin_paths():
        response = client.get(path)
        redirect = response["Location"] if response.status_code == 302 else ""
        if who == "staff":
            assert not redirect.startswith("/admin/login/"), path
        else:
            # To the admin's login form (its index, from its logout), never the page itself.
            assert redirect.startswith("/admin/"), f"{path} answered {who} {response.status_code}"
