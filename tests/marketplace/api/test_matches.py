"""/api/v1/requests/{id}/matches/ and /rematch/: the ranking belongs to the buyer — its company's
members and staff read it and ask for it again; other companies and vendors (even those who
can read the published request) get 404. The ranking is a paginated list like every other, with
the run it comes from (`run`) and the request's newest run (`latest_run`).

Runs are executed by calling the service: the test transaction never commits, so the
dispatch registered with `on_commit` does not happen unless a test captures it.
"""

import pytest

from marketplace.models import MatchRun
from marketplace.services.matching import loading, match_run_execute
from marketplace.services.requests import request_publish

from ...errors import error
from ...factories import OutsourcingRequestFactory, VendorExpertiseFactory, VendorFactory, skill

pytestmark = pytest.mark.django_db

RESULT_FIELDS = {
    "vendor",
    "vendor_name",
    "vendor_slug",
    "rank",
    "score",
    "strong",
    "breakdown",
    "reasons",
}
PAGE_FIELDS = {"run", "latest_run", "count", "next", "previous", "results"}
BREAKDOWN = {"expertise", "skills", "languages", "rating", "text", "budget", "capacity"}


@pytest.fixture
def draft(company):
    request = OutsourcingRequestFactory(
        company=company, title="Casa de apuestas con momios en vivo", speaks_en=True
    )
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    return request


@pytest.fixture
def published(alice, draft):
    request_publish(request=draft, actor=alice)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def experts():
    """Three vendors the ranking must put first, in this order."""
    vendors = []
    for level, name in ((5, "Northern Odds"), (4, "Laurentian Bets"), (3, "Fraser Digital")):
        vendor = VendorFactory(name=name)
        vendor.skills.set([skill("sportsbook"), skill("odds-feeds")])
        VendorExpertiseFactory(vendor=vendor, level=level, years=8)
        vendors.append(vendor)
    return vendors


@pytest.fixture
def matched(published, experts):
    """The published request's publish run, executed over 25 eligible vendors."""
    VendorFactory.create_batch(22, description_en="")
    return match_run_execute(run_id=published.match_runs.get().pk)


def matches_url(request) -> str:
    return f"/api/v1/requests/{request.pk}/matches/"


def rematch_url(request) -> str:
    return f"/api/v1/requests/{request.pk}/rematch/"


def reason(result: dict, code: str) -> dict:
    return next(r for r in result["reasons"] if r["code"] == code)


def fail_ranking(monkeypatch):
    def lose_the_database(*args, **kwargs):
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(loading, "request_profile", lose_the_database)


# --- Reading the ranking -----------------------------------------------------------------------


def test_it_lists_the_ranking_best_first_with_scores_and_reasons(
    api, alice, published, experts, matched
):
    response = api(alice).get(matches_url(published), {"page_size": 100})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == PAGE_FIELDS
    assert body["run"]["id"] == body["latest_run"]["id"] == matched.pk
    assert body["run"]["status"] == "done"
    assert body["run"]["finished_at"] is not None
    assert body["run"]["error"] == ""
    assert body["run"]["candidates"] == 25
    assert body["count"] == 25
    results = body["results"]
    assert len(results) == 25
    assert [r["rank"] for r in results] == list(range(1, 26))
    assert [r["vendor"] for r in results[:3]] == [v.pk for v in experts]
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 100 for score in scores)
    assert [r["strong"] for r in results] == [score >= 60 for score in scores]
    assert (body["run"]["excluded"], body["run"]["exclusions"]) == (0, [])

    best = results[0]
    assert set(best) == RESULT_FIELDS
    assert (best["vendor_name"], best["vendor_slug"]) == ("Northern Odds", experts[0].slug)
    assert set(best["breakdown"]) == BREAKDOWN
    assert sum(best["breakdown"].values()) == pytest.approx(best["score"], abs=0.2)
    assert all(set(r) == {"code", "met", "text"} for r in best["reasons"])
    assert reason(best, "sector_expertise") == {
        "code": "sector_expertise",
        "met": True,
        "text": "Level 5 of 5 in Sports betting, 8 years of practice.",
    }
    assert reason(best, "skills_covered")["met"] is True


@pytest.mark.parametrize("user", ["alice", "bob", "staff"])
def test_the_company_and_staff_read_the_ranking(request, api, published, matched, user):
    response = api(request.getfixturevalue(user)).get(matches_url(published))

    assert response.status_code == 200
    assert response.json()["run"]["id"] == matched.pk


@pytest.mark.parametrize("user", ["olga", "vera", "victor", "pablo", "charlie"])
def test_other_companies_and_vendors_get_404(request, api, published, matched, user):
    response = api(request.getfixturevalue(user)).get(matches_url(published))

    assert response.status_code == 404


@pytest.mark.parametrize("user", ["vera", "victor"])
def test_vendors_who_read_the_request_still_get_404_for_its_ranking(
    request, api, published, matched, user
):
    client = api(request.getfixturevalue(user))

    assert client.get(f"/api/v1/requests/{published.pk}/").status_code == 200
    assert client.get(matches_url(published)).status_code == 404


def test_it_requires_credentials(api, published, matched):
    assert api().get(matches_url(published)).status_code == 401


def test_a_draft_has_no_ranking_yet(api, alice, draft):
    response = api(alice).get(matches_url(draft))

    assert response.status_code == 409
    assert error(response) == {
        "type": "conflict",
        "code": "request_not_published",
        "message": "Publish the request to have vendors matched to it.",
    }


def test_a_queued_rematch_shows_its_status_with_the_last_finished_ranking(
    api, alice, published, matched
):
    shown = api(alice).get(matches_url(published)).json()

    rematch = api(alice).post(rematch_url(published)).json()
    body = api(alice).get(matches_url(published)).json()

    assert body["latest_run"]["status"] == "queued"
    assert body["latest_run"]["id"] == rematch["id"] != matched.pk
    assert body["run"] == shown["run"]
    assert body["results"] == shown["results"]


def test_a_failed_latest_run_says_so_beside_the_last_ranking(
    api, alice, published, matched, monkeypatch
):
    shown = api(alice).get(matches_url(published)).json()
    rematch = api(alice).post(rematch_url(published)).json()
    fail_ranking(monkeypatch)
    match_run_execute(run_id=rematch["id"])

    body = api(alice).get(matches_url(published)).json()

    assert body["latest_run"]["status"] == "failed"
    assert body["latest_run"]["id"] == rematch["id"]
    # The exception is for staff (test_match_runs.py); the company reads a fixed sentence.
    assert body["latest_run"]["error"] == (
        "Norte's staff can see what went wrong; please try ranking again later."
    )
    assert body["run"] == shown["run"]
    assert body["results"] == shown["results"]


def test_a_request_whose_only_run_failed_says_so_and_shows_no_results(
    api, alice, published, monkeypatch
):
    fail_ranking(monkeypatch)
    run = match_run_execute(run_id=published.match_runs.get().pk)

    body = api(alice).get(matches_url(published)).json()

    assert (body["latest_run"]["status"], body["latest_run"]["id"]) == ("failed", run.pk)
    assert body["latest_run"]["error"] == (
        "Norte's staff can see what went wrong; please try ranking again later."
    )
    assert (body["run"], body["count"], body["results"]) == (None, 0, [])


def test_the_ranking_comes_in_pages(api, alice, published, matched):
    first = api(alice).get(matches_url(published), {"page_size": 10}).json()
    third = api(alice).get(matches_url(published), {"page_size": 10, "page": 3}).json()

    assert (first["count"], len(first["results"]), first["previous"]) == (25, 10, None)
    assert [r["rank"] for r in first["results"]] == list(range(1, 11))
    assert [r["rank"] for r in third["results"]] == list(range(21, 26))
    assert third["next"] is None
    assert third["run"] == first["run"]


def test_the_ranking_can_be_read_worst_first_or_walked_with_a_cursor(
    api, alice, published, matched
):
    worst_first = api(alice).get(matches_url(published), {"ordering": "-rank"}).json()
    walked, url, params = [], matches_url(published), {"pagination": "cursor", "page_size": 10}
    while url:
        page = api(alice).get(url, params).json()
        assert "count" not in page
        walked += [r["rank"] for r in page["results"]]
        url, params = page["next"], None

    assert worst_first["results"][0]["rank"] == 25
    assert walked == list(range(1, 26))


@pytest.mark.parametrize(
    "params", [{"ordering": "score"}, {"status": "done"}, {"pagination": "cursor", "page": 2}]
)
def test_the_ranking_refuses_what_it_does_not_take(api, alice, published, matched, params):
    response = api(alice).get(matches_url(published), params)

    assert response.status_code == 400


@pytest.mark.parametrize(
    "language, sector, skills",
    [
        ("es-mx", "Apuestas deportivas", ("Casa de apuestas deportivas", "Momios en vivo")),
        ("en", "Sports betting", ("Sportsbook", "Odds feeds")),
    ],
)
def test_reasons_name_sectors_and_skills_in_the_readers_language(
    api, alice, published, matched, language, sector, skills
):
    response = api(alice).get(matches_url(published), HTTP_ACCEPT_LANGUAGE=language)

    best = response.json()["results"][0]
    assert sector in reason(best, "sector_expertise")["text"]
    covered = reason(best, "skills_covered")["text"]
    assert all(name in covered for name in skills)


# --- Asking for a new ranking ------------------------------------------------------------------


@pytest.mark.parametrize("user", ["alice", "bob", "staff"])
def test_the_company_and_staff_ask_for_a_rematch(request, api, published, matched, user):
    actor = request.getfixturevalue(user)

    response = api(actor).post(rematch_url(published))

    assert response.status_code == 202
    body = response.json()
    assert {"id", "url", "status", "trigger", "created_at"} <= set(body)
    assert (body["status"], body["trigger"]) == ("queued", "rematch")
    assert (
        response["Location"] == body["url"] == f"http://testserver/api/v1/match-runs/{body['id']}/"
    )
    run = published.match_runs.get(pk=body["id"])
    assert (run.status, run.trigger, run.requested_by) == ("queued", "rematch", actor)
    assert published.match_runs.count() == 2


def test_repeated_rematches_join_the_queued_run_instead_of_queueing_more(
    api, alice, published, matched
):
    first = api(alice).post(rematch_url(published)).json()

    again = [api(alice).post(rematch_url(published)) for _ in range(5)]

    assert {response.status_code for response in again} == {202}
    assert {response.json()["id"] for response in again} == {first["id"]}
    assert {response["Location"] for response in again} == {first["url"]}
    assert published.match_runs.count() == 2  # the finished one and the one queued


def test_rematches_are_throttled_per_user(api, alice, bob, published, matched, rates):
    rates(rematch="2/minute")
    first, second = (api(alice).post(rematch_url(published)) for _ in range(2))
    runs = published.match_runs.count()

    throttled = api(alice).post(rematch_url(published))

    assert first.status_code == 202 and second.status_code != 429
    assert throttled.status_code == 429
    assert throttled["Retry-After"] == "60"
    assert published.match_runs.count() == runs
    # Bob, of the same company, has his own count.
    assert api(bob).post(rematch_url(published)).status_code != 429


def test_reading_the_matches_is_not_counted_as_a_rematch(api, alice, published, matched, rates):
    rates(rematch="1/minute")
    for _ in range(3):
        assert api(alice).get(matches_url(published)).status_code == 200

    assert api(alice).post(rematch_url(published)).status_code == 202


def test_a_rematch_ranks_the_vendors_approved_since(
    api, alice, published, matched, django_capture_on_commit_callbacks
):
    newcomer = VendorFactory(name="Yukon Live Odds")
    newcomer.skills.set([skill("sportsbook"), skill("odds-feeds")])
    VendorExpertiseFactory(vendor=newcomer, level=5, years=15)

    with django_capture_on_commit_callbacks(execute=True):
        run = api(alice).post(rematch_url(published)).json()["id"]

    body = api(alice).get(matches_url(published), {"page_size": 100}).json()
    assert (body["run"]["status"], body["run"]["id"], body["latest_run"]["id"]) == (
        "done",
        run,
        run,
    )
    assert body["results"][0]["vendor"] == newcomer.pk
    assert body["count"] == 26


@pytest.mark.parametrize("user", ["olga", "vera", "victor", "charlie"])
def test_others_cannot_ask_for_a_rematch(request, api, published, user):
    response = api(request.getfixturevalue(user)).post(rematch_url(published))

    assert response.status_code == 404
    assert list(published.match_runs.values_list("trigger", flat=True)) == ["publish"]


def test_a_draft_cannot_be_rematched(api, alice, draft):
    response = api(alice).post(rematch_url(draft))

    assert response.status_code == 409
    assert error(response) == {
        "type": "conflict",
        "code": "request_not_published",
        "message": "Publish the request before matching vendors to it.",
    }
    assert not MatchRun.objects.exists()


def test_a_rematch_requires_credentials(api, published):
    assert api().post(rematch_url(published)).status_code == 401
    assert published.match_runs.count() == 1
