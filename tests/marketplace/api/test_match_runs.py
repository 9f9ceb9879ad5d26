"""/api/v1/match-runs/{id}/ and …/results/: a matching run is a resource. Its request's company
members and staff follow it from the `Location` that publish, rematch and a re-ranking edit
answer with; vendors and everyone else get 404, as for the ranking itself.

Runs are executed by calling the service: the test transaction never commits, so the dispatch
registered with `on_commit` does not happen.
"""

import pytest

from marketplace.models import MatchRun, OutsourcingRequest
from marketplace.services.matching import loading, match_run_execute

from ...factories import (
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    certification,
    sector,
    skill,
)

pytestmark = pytest.mark.django_db

RUN_FIELDS = {
    "id",
    "url",
    "request",
    "status",
    "trigger",
    "created_at",
    "started_at",
    "finished_at",
    "error",
    "candidates",
    "excluded",
    "exclusions",
    "ranked_as_sector",
    "results",
}


@pytest.fixture
def draft(company):
    request = OutsourcingRequestFactory(company=company, speaks_en=True)
    request.skills.set([skill("sportsbook")])
    return request


@pytest.fixture
def experts():
    vendors = []
    for level in (5, 4, 3):
        vendor = VendorFactory()
        vendor.skills.set([skill("sportsbook")])
        VendorExpertiseFactory(vendor=vendor, level=level)
        vendors.append(vendor)
    return vendors


@pytest.fixture
def published(api, alice, draft, experts):
    """Published through the API: the answer's Location is the run's address."""
    response = api(alice).post(f"/api/v1/requests/{draft.pk}/publish/")
    assert response.status_code == 202
    return response


def run_of(response) -> MatchRun:
    return MatchRun.objects.get(pk=response.json()["id"])


def test_the_run_publish_started_is_found_at_its_location(api, alice, published):
    response = api(alice).get(published["Location"])

    assert response.status_code == 200
    body = response.json()
    assert set(body) == RUN_FIELDS
    assert body == published.json()
    assert (body["status"], body["trigger"], body["candidates"]) == ("queued", "publish", None)
    assert (body["excluded"], body["exclusions"], body["ranked_as_sector"]) == (None, None, None)
    assert (body["started_at"], body["finished_at"], body["error"]) == (None, None, "")
    assert body["results"] == f"{published['Location']}results/"


def test_a_finished_run_says_when_and_how_many_vendors_it_weighed(api, alice, published):
    match_run_execute(run_id=run_of(published).pk)

    body = api(alice).get(published["Location"]).json()

    assert body["status"] == "done"
    assert body["started_at"] <= body["finished_at"]
    assert body["candidates"] == 3
    assert body["ranked_as_sector"] == "sports-betting"  # the one it was filed under


def test_a_run_says_which_sector_a_misfiled_request_was_ranked_as(api, alice, draft, published):
    OutsourcingRequest.objects.filter(pk=draft.pk).update(
        sector=sector("software-development"),
        title="App de apuestas",
        description="Ocupamos casa de apuestas con momios en vivo y apuestas en vivo.",
    )
    match_run_execute(run_id=run_of(published).pk)

    body = api(alice).get(published["Location"]).json()

    assert body["ranked_as_sector"] == "sports-betting"


def test_a_finished_run_says_who_it_left_out_and_why(api, alice, draft, published):
    VendorFactory.create_batch(2, speaks_en=False, speaks_fr=True)
    run = run_of(published)
    draft.required_certifications.set([certification("gli-certified")])
    match_run_execute(run_id=run.pk)

    body = api(alice).get(published["Location"]).json()

    assert body["excluded"] == 5
    assert body["exclusions"] == [
        {
            "code": "no_shared_language",
            "count": 2,
            "text": "2 share no working language with the request",
        },
        {
            "code": "certification_missing",
            "count": 5,
            "certification": "gli-certified",
            "text": "5 lack a required certification: GLI certified",
        },
    ]


def test_a_run_done_before_exclusions_were_counted_has_none(api, alice, published):
    run = match_run_execute(run_id=run_of(published).pk)
    MatchRun.objects.filter(pk=run.pk).update(excluded=None, exclusions=None)

    body = api(alice).get(published["Location"]).json()

    assert (body["candidates"], body["excluded"], body["exclusions"]) == (3, None, None)


@pytest.fixture
def failed(published, monkeypatch):
    def lose_the_database(*args, **kwargs):
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(loading, "request_profile", lose_the_database)
    match_run_execute(run_id=run_of(published).pk)
    return published


def test_a_failed_run_tells_the_company_to_try_later(api, alice, failed):
    body = api(alice).get(failed["Location"]).json()

    assert body["status"] == "failed"
    assert body["error"] == (
        "Norte's staff can see what went wrong; please try ranking again later."
    )


def test_a_failed_run_tells_staff_why(api, staff, failed):
    body = api(staff).get(failed["Location"]).json()

    assert body["status"] == "failed"
    assert body["error"] == "RuntimeError: server closed the connection unexpectedly"


@pytest.mark.parametrize("user", ["alice", "bob", "staff"])
def test_the_company_and_staff_read_the_run(request, api, published, user):
    response = api(request.getfixturevalue(user)).get(published["Location"])

    assert response.status_code == 200


@pytest.mark.parametrize("user", ["vera", "victor", "olga", "pablo", "charlie"])
@pytest.mark.parametrize("route", ["", "results/"])
def test_vendors_and_outsiders_get_404(request, api, published, user, route):
    response = api(request.getfixturevalue(user)).get(f"{published['Location']}{route}")

    assert response.status_code == 404


def test_it_requires_credentials(api, published):
    assert api().get(published["Location"]).status_code == 401


def test_a_run_is_only_read(api, alice, published):
    client = api(alice)

    assert client.patch(published["Location"], {"status": "done"}).status_code == 405
    assert client.delete(published["Location"]).status_code == 405
    assert run_of(published).status == "queued"


# --- Its results -------------------------------------------------------------------------------


def test_the_results_are_the_runs_ranking_in_pages(api, alice, published, experts):
    run = match_run_execute(run_id=run_of(published).pk)

    page = api(alice).get(f"{published['Location']}results/", {"page_size": 2}).json()

    assert page["run"]["id"] == page["latest_run"]["id"] == run.pk
    assert page["count"] == 3
    assert [row["vendor"] for row in page["results"]] == [experts[0].pk, experts[1].pk]
    assert page["next"] is not None


def test_a_queued_run_has_no_results_yet(api, alice, published):
    page = api(alice).get(f"{published['Location']}results/").json()

    assert (page["run"]["status"], page["count"], page["results"]) == ("queued", 0, [])


def test_an_older_runs_results_stay_readable_and_say_a_newer_run_exists(
    api, alice, draft, published
):
    first = match_run_execute(run_id=run_of(published).pk)
    rematch = api(alice).post(f"/api/v1/requests/{draft.pk}/rematch/")

    page = api(alice).get(f"{published['Location']}results/").json()

    assert page["run"]["id"] == first.pk
    assert page["count"] == 3
    assert page["latest_run"]["id"] == rematch.json()["id"] != first.pk
    assert page["latest_run"]["status"] == "queued"


def test_the_results_refuse_a_parameter_they_do_not_take(api, alice, published):
    response = api(alice).get(f"{published['Location']}results/", {"vendor": 1})

    assert response.status_code == 400
