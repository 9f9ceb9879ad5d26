"""Who may do what through the API: every tenant route × method × member of the cast.

One table, so a change that opens a route to the wrong person shows up as one wrong cell. 404
where the caller may not even know the row exists (another company's request, a pending
vendor), 403 where they can see it but not act on it, 401 for anonymous callers of private
routes. The services and selectors check the same rules; this table pins what each caller gets.
"""

import pytest

from companies.services import invitation_create
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_publish

from .factories import OutsourcingRequestFactory, skill

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "alice", "bob", "olga", "vera", "victor", "pablo", "charlie", "staff"]

# route → (method, payload, {who: status}); anyone not named gets `default`.
MATRIX = {
    "company list": ("GET", "/api/v1/companies/", None, {"anonymous": 401}, 200),
    "company": (
        "GET",
        "/api/v1/companies/{company}/",
        None,
        {"anonymous": 401, "alice": 200, "bob": 200, "staff": 200},
        404,
    ),
    "company edit": (
        "PATCH",
        "/api/v1/companies/{company}/",
        {"city": "Monterrey"},
        {"anonymous": 401, "alice": 200, "bob": 403, "staff": 200},
        404,
    ),
    "company invitations": (
        "GET",
        "/api/v1/companies/{company}/invitations/",
        None,
        {"anonymous": 401, "alice": 200, "bob": 200, "staff": 200},
        404,
    ),
    "company invite": (
        "POST",
        "/api/v1/companies/{company}/invitations/",
        {"email": "diana@example.com"},
        {"anonymous": 401, "alice": 201, "bob": 403, "staff": 201},
        404,
    ),
    "draft": (
        "GET",
        "/api/v1/requests/{draft}/",
        None,
        {"anonymous": 401, "alice": 200, "bob": 200, "staff": 200},
        404,
    ),
    "draft edit": (
        "PATCH",
        "/api/v1/requests/{draft}/",
        {"team_size": 6},
        {"anonymous": 401, "alice": 200, "bob": 200, "staff": 200},
        404,
    ),
    "publish": (
        "POST",
        "/api/v1/requests/{draft}/publish/",
        None,
        {"anonymous": 401, "alice": 202, "bob": 202, "staff": 202},
        404,
    ),
    "published request": (
        "GET",
        "/api/v1/requests/{published}/",
        None,
        # Approved vendors read published requests; a pending vendor does not.
        {"anonymous": 401, "alice": 200, "bob": 200, "vera": 200, "victor": 200, "staff": 200},
        404,
    ),
    "published request edit": (
        "PATCH",
        "/api/v1/requests/{published}/",
        {"team_size": 6},
        {"anonymous": 401, "alice": 200, "bob": 200, "vera": 403, "victor": 403, "staff": 200},
        404,
    ),
    "matches": (
        "GET",
        "/api/v1/requests/{published}/matches/",
        None,
        # Rankings are the buyer's: vendors who can read the request still get 404.
        {"anonymous": 401, "alice": 200, "bob": 200, "staff": 200},
        404,
    ),
    "rematch": (
        "POST",
        "/api/v1/requests/{published}/rematch/",
        None,
        {"anonymous": 401, "alice": 202, "bob": 202, "staff": 202},
        404,
    ),
    "match run": (
        "GET",
        "/api/v1/match-runs/{run}/",
        None,
        # A run is the buyer's ranking too.
        {"anonymous": 401, "alice": 200, "bob": 200, "staff": 200},
        404,
    ),
    "match run results": (
        "GET",
        "/api/v1/match-runs/{run}/results/",
        None,
        {"anonymous": 401, "alice": 200, "bob": 200, "staff": 200},
        404,
    ),
    "approved vendor": ("GET", "/api/v1/vendors/{vendor}/", None, {}, 200),
    "approved vendor edit": (
        "PATCH",
        "/api/v1/vendors/{vendor}/",
        {"city": "Québec"},
        {"anonymous": 401, "vera": 200, "staff": 200},
        403,
    ),
    "pending vendor": (
        "GET",
        "/api/v1/vendors/{pending_vendor}/",
        None,
        {"pablo": 200, "staff": 200},
        404,
    ),
    "pending vendor edit": (
        "PATCH",
        "/api/v1/vendors/{pending_vendor}/",
        {"city": "Regina"},
        {"anonymous": 401, "pablo": 200, "staff": 200},
        404,
    ),
    "approve": (
        "POST",
        "/api/v1/vendors/{pending_vendor}/approve/",
        {},
        {"anonymous": 401, "staff": 200},
        403,
    ),
    "suspend": (
        "POST",
        "/api/v1/vendors/{vendor}/suspend/",
        {"reason": "Certificate expired."},
        {"anonymous": 401, "staff": 200},
        403,
    ),
    "vendor invitations": (
        "GET",
        "/api/v1/vendors/{vendor}/invitations/",
        None,
        {"anonymous": 401, "vera": 200, "victor": 200, "staff": 200},
        403,
    ),
    "vendor invite": (
        "POST",
        "/api/v1/vendors/{vendor}/invitations/",
        {"email": "diana@example.com"},
        {"anonymous": 401, "vera": 201, "victor": 403, "staff": 201},
        403,
    ),
    "withdraw invitation": (
        "DELETE",
        "/api/v1/invitations/{invitation}/",
        None,
        {"anonymous": 401, "alice": 204, "bob": 403, "staff": 204},
        404,
    ),
    "reference data write": (
        "POST",
        "/api/v1/sectors/",
        {"slug": "esports", "name": "Esports"},
        {"anonymous": 401, "staff": 201},
        403,
    ),
}


@pytest.fixture
def rows(request, alice, bob, olga, vera, victor, pablo, charlie, staff, company, vendor):
    """The rows the routes name, owned by the cast (the fixtures create the people too)."""
    draft = OutsourcingRequestFactory(company=company, speaks_en=True)
    draft.skills.set([skill("sportsbook")])
    published = OutsourcingRequestFactory(company=company, speaks_en=True)
    _published, run = request_publish(request=published, actor=alice)
    match_run_execute(run_id=run.pk)
    invitation = invitation_create(
        actor=alice,
        organisation=company,
        email="ernesto@example.com",
        role="member",
        base_url="https://norte.example/",
    )
    return {
        "company": company.pk,
        "vendor": vendor.pk,
        "pending_vendor": request.getfixturevalue("pending_vendor").pk,
        "draft": draft.pk,
        "published": published.pk,
        "run": run.pk,
        "invitation": invitation.pk,
    }


CASES = [pytest.param(name, who, id=f"{name}-{who}") for name in MATRIX for who in CAST]


@pytest.mark.parametrize("name, who", CASES)
def test_each_caller_gets_what_the_matrix_says(request, api, rows, name, who):
    method, route, payload, expected, default = MATRIX[name]
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = api(user)

    response = getattr(client, method.lower())(route.format(**rows), payload)

    assert response.status_code == expected.get(who, default), response.content[:300]
