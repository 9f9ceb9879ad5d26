"""GET /requests/: a company's requests, for its members only."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.matching.weights import STORED_RESULTS
from marketplace.models import MatchResult, MatchRun, OutsourcingRequest
from marketplace.tenders.models import Proposal
from tests.factories import (
    BidInvitationFactory,
    OutsourcingRequestFactory,
    ProposalFactory,
    VendorFactory,
    sector,
)

from .pages import text


@pytest.fixture
def draft(company):
    return OutsourcingRequestFactory(
        company=company,
        title="Casa de apuestas",
        budget_min=Decimal("1000000"),
        budget_max=Decimal("2500000.50"),
    )


@pytest.fixture
def olgas_request(other_company):
    return OutsourcingRequestFactory(company=other_company, title="Lotería instantánea")


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/requests/")

    assert response.status_code == 302
    assert "next=/requests/" in response.url


def test_members_see_their_companys_requests(client, bob, draft, olgas_request):
    client.force_login(bob)

    response = client.get("/requests/")

    assert response.status_code == 200
    page = text(response)
    assert "Casa de apuestas Sports betting Draft MXN\xa01,000,000 to MXN\xa02,500,000.50" in page
    assert "Not matched yet" in page
    assert "Lotería instantánea" not in page
    assert 'href="/requests/new/"' in response.content.decode()


def test_it_shows_the_latest_runs_status(client, bob, draft):
    MatchRun.objects.create(request=draft, trigger=MatchRun.Trigger.PUBLISH)
    client.force_login(bob)

    assert "Queued" in text(client.get("/requests/"))


def published_with_results(
    company, *, scores: list[float], title: str = "Momios en vivo", candidates: int | None = None
):
    """A published request whose finished ranking holds one result per score, out of
    `candidates` vendors meeting the requirements (by default as many as it holds)."""
    published = OutsourcingRequestFactory(
        company=company,
        title=title,
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=datetime.fromisoformat("2026-11-02T16:00:00+00:00"),
        proposals_due=datetime.fromisoformat("2026-12-15T16:00:00+00:00"),
    )
    run = MatchRun.objects.create(
        request=published,
        trigger=MatchRun.Trigger.PUBLISH,
        status=MatchRun.Status.DONE,
        candidates=len(scores) if candidates is None else candidates,
    )
    MatchResult.objects.bulk_create(
        MatchResult(run=run, vendor=VendorFactory(), rank=rank, score=score)
        for rank, score in enumerate(scores, start=1)
    )
    return published


def test_it_shows_what_came_of_each_request_not_the_runs_status(client, bob, company):
    published = published_with_results(company, scores=[81.5, 64, 42, 12])
    BidInvitationFactory.create_batch(2, request=published)
    ProposalFactory(request=published)
    ProposalFactory(request=published, status=Proposal.Status.WITHDRAWN)
    client.force_login(bob)

    page = text(client.get("/requests/"))

    assert "Momios en vivo Sports betting Published" in page
    assert "Published 2026-11-02 Proposals due 2026-12-15" in page
    assert "4 vendors meet the requirements 2 strong 2 1" in page
    assert "Done" not in page


def test_it_counts_every_vendor_meeting_the_requirements_not_only_those_stored(
    client, bob, company
):
    # A run stores only the best STORED_RESULTS; the request's own page says how many more
    # meet the requirements, so the list must count them too.
    published_with_results(company, scores=[81.5, 64, 42], candidates=STORED_RESULTS + 70)
    client.force_login(bob)

    page = text(client.get("/requests/"))

    assert f"{STORED_RESULTS + 70} vendors meet the requirements 2 strong" in page


def test_a_rematch_under_way_shows_beside_the_last_rankings_counts(client, bob, company):
    published = published_with_results(company, scores=[70])
    MatchRun.objects.create(request=published, trigger=MatchRun.Trigger.REMATCH)
    client.force_login(bob)

    page = text(client.get("/requests/"))

    assert "1 vendor meets the requirements 1 strong Queued" in page


def test_a_request_ranked_as_another_sector_says_so_under_the_filed_one(client, bob, company):
    published = published_with_results(company, scores=[70])
    published.sector = sector("software-development")
    published.save(update_fields=["sector"])
    published.match_runs.update(sector=sector("sports-betting"))
    client.force_login(bob)

    english = text(client.get("/requests/"))
    spanish = text(client.get("/requests/", headers={"accept-language": "es-MX,es;q=0.9"}))

    assert "Momios en vivo Custom software development Ranked as Sports betting" in english
    assert "Clasificada en el sector «Apuestas deportivas»" in spanish


def test_a_run_ranked_as_the_filed_sector_or_before_runs_kept_one_says_nothing(
    client, bob, company
):
    published_with_results(company, scores=[70]).match_runs.update(sector=sector("sports-betting"))
    published_with_results(company, scores=[70], title="Lotería")
    client.force_login(bob)

    assert "Ranked as" not in text(client.get("/requests/"))


def test_it_is_paginated(client, bob, company):
    for n in range(21):
        OutsourcingRequestFactory(company=company, title=f"Solicitud {n:02}")
    client.force_login(bob)

    first = text(client.get("/requests/"))
    second = text(client.get("/requests/", {"page": 2}))

    assert "Solicitud 20" in first
    assert "Solicitud 01" in first
    assert "Solicitud 00" not in first
    assert "Page 1 of 2" in first
    assert "Solicitud 00" in second
    assert "Solicitud 01" not in second


def test_it_takes_as_many_queries_for_twenty_requests_as_for_one(client, bob, company):
    client.force_login(bob)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/requests/").status_code == 200
        return len(captured)

    # Each ranked as another sector than its own: their names come in one query too.
    published_with_results(company, scores=[70, 20], title="Primera").match_runs.update(
        sector=sector("igaming")
    )
    one = queries()
    for n in range(19):
        published_with_results(company, scores=[70, 20], title=f"Solicitud {n}").match_runs.update(
            sector=sector("igaming" if n % 2 else "lottery")
        )

    assert queries() == one


@pytest.mark.parametrize("user", ["vera", "charlie"])
def test_people_outside_any_company_get_404(client, request, draft, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get("/requests/").status_code == 404


def test_the_nav_links_to_it_for_company_members_only(client, bob, vera):
    client.force_login(bob)
    assert 'href="/requests/"' in client.get("/").content.decode()

    client.force_login(vera)
    assert 'href="/requests/"' not in client.get("/").content.decode()


def test_it_is_in_spanish_for_a_mexican_browser(client, bob, draft):
    client.force_login(bob)

    response = client.get("/requests/", headers={"accept-language": "es-MX,es;q=0.9"})

    page = text(response)
    assert "Mis solicitudes" in page
    assert "Apuestas deportivas" in page
    assert "Borrador" in page
    assert "Nueva solicitud" in page
