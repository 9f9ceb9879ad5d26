"""Matching runs (marketplace/services/matching/__init__.py): queued with the change that needs them,
sent to a worker only once that change is committed, executed idempotently, and swept back
onto the queue when the broker or a worker lost them.

The test database wraps each test in a transaction that never commits, so `on_commit`
callbacks (the dispatch) run only inside `django_capture_on_commit_callbacks(execute=True)`;
elsewhere a published request keeps its run queued and undispatched, and the tests execute
it themselves.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from marketplace.insights.services import insights_refresh
from marketplace.matching import core
from marketplace.matching import weights as W
from marketplace.models import ExchangeRate, MatchResult, MatchRun, OutsourcingRequest, Vendor
from marketplace.services.matching import loading, match_run_execute, match_runs_sweep
from marketplace.services.matching.prose import vendor_described_skills_refresh
from marketplace.services.requests import request_publish, request_rematch, request_update
from marketplace.tasks import match_request, sweep_stale_match_runs
from tests.factories import (
    OutsourcingRequestFactory,
    VendorExpertiseFactory,
    VendorFactory,
    certification,
    skill,
)

pytestmark = pytest.mark.django_db

REASON_CODES = {
    "sector_expertise",
    "related_expertise",
    "no_sector_expertise",
    "skills_covered",
    "skills_described",
    "skills_missing",
    "certifications_held",
    "languages_shared",
    "languages_missing",
    "rate_fits_budget",
    "rate_above_budget",
    "team_large_enough",
    "team_too_small",
}


@pytest.fixture
def draft(company):
    request = OutsourcingRequestFactory(
        company=company, title="Casa de apuestas con momios en vivo", speaks_en=True
    )
    request.skills.set([skill("sportsbook"), skill("odds-feeds")])
    return request


@pytest.fixture
def sent(monkeypatch):
    """Run ids handed to the broker; the tasks themselves are not executed."""
    run_ids = []
    monkeypatch.setattr(match_request, "delay", run_ids.append)
    return run_ids


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(match_request, "delay", refuse)


def matchable(*, level=None, skills=(), certifications=(), **fields) -> Vendor:
    """An approved English-speaking vendor, with sports-betting expertise at `level`."""
    vendor = VendorFactory(**fields)
    vendor.skills.set([skill(slug) for slug in skills])
    vendor.certifications.set([certification(slug) for slug in certifications])
    if level is not None:
        VendorExpertiseFactory(vendor=vendor, level=level)
    return vendor


def publish(request, actor) -> MatchRun:
    """Publish `request` (refreshed in place) and return its queued, undispatched run."""
    request_publish(request=request, actor=actor)
    request.refresh_from_db()
    return request.match_runs.get()


def stored(run) -> list[tuple]:
    return list(
        MatchResult.objects.filter(run=run)
        .order_by("rank")
        .values_list("vendor_id", "rank", "score", "breakdown", "reasons")
    )


def ranked_vendors(run) -> list[int]:
    return list(run.results.order_by("rank").values_list("vendor_id", flat=True))


def reason(result, code) -> dict:
    return next(r for r in result.reasons if r["code"] == code)


# --- Queuing and dispatching -------------------------------------------------------------------


def test_publishing_queues_one_run_and_sends_it_only_after_commit(
    alice, draft, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_publish(request=draft, actor=alice)
        run = MatchRun.objects.get()
        # Saved with the publication, but nothing reaches the broker before the commit.
        assert (run.request, run.trigger, run.requested_by) == (draft, "publish", alice)
        assert run.status == MatchRun.Status.QUEUED
        assert (run.attempts, run.dispatched_at) == (0, None)
        assert sent == []
    # One dispatch (the insights' refresh of a published request is the other callback).
    assert len([callback for callback in callbacks if callback is not insights_refresh]) == 1
    assert sent == [run.pk]
    run.refresh_from_db()
    assert run.attempts == 1
    assert run.dispatched_at is not None
    assert run.status == MatchRun.Status.QUEUED


def test_an_uncommitted_publication_sends_nothing(alice, draft, sent):
    publish(draft, alice)

    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.QUEUED
    assert (run.attempts, run.dispatched_at) == (0, None)
    assert sent == []


def test_a_rolled_back_publication_leaves_no_run_and_sends_nothing(
    alice, draft, sent, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        request_publish(request=draft, actor=alice)
        raise RuntimeError("something later in the same transaction failed")

    assert callbacks == []
    assert sent == []
    assert not MatchRun.objects.exists()
    draft.refresh_from_db()
    assert draft.status == OutsourcingRequest.Status.DRAFT


def test_a_committed_publication_is_ranked_by_the_task(
    alice, draft, django_capture_on_commit_callbacks
):
    vendor = matchable(level=4, skills=["sportsbook"])

    with django_capture_on_commit_callbacks(execute=True):
        request_publish(request=draft, actor=alice)

    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.DONE
    assert ranked_vendors(run) == [vendor.pk]


# --- Executing ---------------------------------------------------------------------------------


def test_a_run_stores_at_most_fifty_ranked_results_with_their_explanation(alice, draft):
    VendorFactory.create_batch(53)
    experts = [matchable(level=level) for level in (5, 4, 3, 2)]
    run = publish(draft, alice)

    run = match_run_execute(run_id=run.pk)

    assert run.status == MatchRun.Status.DONE
    assert run.candidates == 57
    assert run.finished_at is not None
    assert run.finished_at >= run.started_at
    assert run.error == ""
    results = list(run.results.order_by("rank"))
    assert len(results) == 50
    assert [r.rank for r in results] == list(range(1, 51))
    assert [r.vendor_id for r in results[:4]] == [v.pk for v in experts]
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(Decimal(0) <= s <= Decimal(100) for s in scores)
    for result in results:
        assert {"expertise", "skills", "languages", "budget", "capacity"} <= set(result.breakdown)
        assert sum(result.breakdown.values()) == pytest.approx(float(result.score), abs=0.2)
        assert result.reasons
        assert {r["code"] for r in result.reasons} <= REASON_CODES
        assert all(set(r) == {"code", "met", "params"} for r in result.reasons)
    assert reason(results[0], "sector_expertise") == {
        "code": "sector_expertise",
        "met": True,
        "params": {"sector": "sports-betting", "level": 5, "years": 6},
    }


def test_the_task_executes_the_run_it_is_given(alice, draft):
    vendor = matchable(level=3)
    run = publish(draft, alice)

    assert match_request.delay(run.pk).get() == MatchRun.Status.DONE

    assert ranked_vendors(run) == [vendor.pk]


def test_executing_a_run_again_stores_the_same_results_once(alice, draft):
    for level in (5, 3, 3, 1):
        matchable(level=level, skills=["sportsbook"])
    VendorFactory.create_batch(3)
    run = publish(draft, alice)
    match_run_execute(run_id=run.pk)
    first = stored(run)

    # As a redelivered message finds it: the sweeper put the run back on the queue.
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.QUEUED)
    again = match_run_execute(run_id=run.pk)

    assert again.status == MatchRun.Status.DONE
    assert stored(run) == first
    assert MatchResult.objects.filter(run=run).count() == 7


def test_a_done_run_is_not_recomputed(alice, draft):
    matchable(level=2)
    run = publish(draft, alice)
    run = match_run_execute(run_id=run.pk)
    result_ids = list(run.results.values_list("pk", flat=True))
    matchable(level=5)  # would now rank first

    again = match_run_execute(run_id=run.pk)

    assert again.finished_at == run.finished_at
    assert list(run.results.values_list("pk", flat=True)) == result_ids


# --- Hard constraints --------------------------------------------------------------------------


def test_vendors_breaking_a_hard_constraint_never_appear(alice, draft):
    draft.required_certifications.set([certification("gli-certified")])
    everything = {"level": 5, "skills": ["sportsbook", "odds-feeds"]}
    eligible = matchable(certifications=["gli-certified"], **everything)
    matchable(certifications=["gli-certified"], status=Vendor.Status.SUSPENDED, **everything)
    matchable(certifications=["gli-certified"], status=Vendor.Status.PENDING, **everything)
    matchable(certifications=["agco-registered"], **everything)
    matchable(**everything)
    matchable(certifications=["gli-certified"], speaks_en=False, speaks_fr=True, **everything)
    run = publish(draft, alice)

    run = match_run_execute(run_id=run.pk)

    assert run.candidates == 1
    assert ranked_vendors(run) == [eligible.pk]
    assert reason(run.results.get(), "certifications_held")["params"] == {
        "certifications": ["gli-certified"]
    }


def test_a_run_records_how_many_approved_vendors_each_hard_constraint_left_out(alice, draft):
    draft.required_certifications.set([certification("gli-certified")])
    matchable(certifications=["gli-certified"])
    matchable(certifications=["gli-certified"], status=Vendor.Status.SUSPENDED)
    matchable(certifications=["agco-registered"])
    matchable()
    matchable(speaks_en=False, speaks_fr=True)
    matchable(certifications=["gli-certified"], speaks_en=False, speaks_fr=True)
    run = publish(draft, alice)

    run = match_run_execute(run_id=run.pk)

    assert (run.candidates, run.excluded) == (1, 4)
    assert run.exclusions == [
        {"code": "no_shared_language", "count": 2, "params": {}},
        {"code": "certification_missing", "count": 3, "params": {"certification": "gli-certified"}},
    ]


def test_the_population_is_read_in_one_grouped_query(alice, draft, django_assert_num_queries):
    draft.required_certifications.set([certification("gli-certified"), certification("pci-dss")])
    for _ in range(3):
        matchable(certifications=["gli-certified"])
    matchable(speaks_en=False, speaks_fr=True)
    profile = loading.request_profile(
        draft, on=timezone.localdate(), lexicon=loading.skill_lexicon()
    )

    with django_assert_num_queries(1):
        population = loading.load_population(profile)

    assert sorted(population.count.tolist()) == [1, 3]
    assert set(population.certifications) == {"gli-certified", "pci-dss"}
    assert not population.certifications["pci-dss"].any()


# --- Money -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "currency, budget_max, newer_rate, old_budget, new_budget",
    [
        # 5 people × 20 weeks × 40 h = 4,000 person-hours; seeded rates from 2025-01-01.
        ("MXN", "2000000.00", "0.100000", 37.5, 50.0),  # 0.075 CAD per peso, then 0.10
        ("USD", "100000.00", "1.500000", 34.75, 37.5),  # 1.39 CAD per dollar, then 1.50
    ],
)
def test_the_budget_is_converted_with_the_rate_valid_on_the_runs_day(
    alice, company, currency, budget_max, newer_rate, old_budget, new_budget
):
    matchable(level=4)
    request = OutsourcingRequestFactory(
        company=company,
        currency=currency,
        budget_min=Decimal("1.00"),
        budget_max=Decimal(budget_max),
        speaks_en=True,
    )
    older = publish(request, alice)
    today = timezone.localdate()
    MatchRun.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=60))
    ExchangeRate.objects.create(
        currency=currency, rate_to_cad=Decimal(newer_rate), valid_from=today - timedelta(days=30)
    )

    def budget_read_by(run):
        result = match_run_execute(run_id=run.pk).results.get()
        money = next(r for r in result.reasons if r["code"].startswith("rate_"))
        return money["params"]["budget_max"]

    assert budget_read_by(older) == old_budget
    assert budget_read_by(request_rematch(request=request, actor=alice)) == new_budget


# --- Reading the request's own words -----------------------------------------------------------


def test_a_spanish_description_alone_ranks_the_vendor_with_those_skills_first(alice, company):
    request = OutsourcingRequestFactory(
        company=company,
        title="Nuevo proyecto",
        description="apuestas deportivas con momios en vivo",
        speaks_en=True,
    )
    for skills in (["casino-platform", "slot-development"], ["sportsbook"], ["odds-feeds"], []):
        matchable(level=4, skills=skills, description_en="")
    specialist = matchable(level=4, skills=["sportsbook", "odds-feeds"], description_en="")
    run = publish(request, alice)

    result = match_run_execute(run_id=run.pk).results.order_by("rank").first()

    assert result.vendor == specialist
    assert set(reason(result, "skills_covered")["params"]["skills"]) == {
        "sportsbook",
        "odds-feeds",
    }


@pytest.mark.parametrize(
    "description",
    [
        {"description_en": "Live odds for sportsbooks."},
        {"description_fr": "Flux de cotes en direct."},
        {"description_es": "Momios en vivo para casas de apuestas."},
    ],
)
def test_a_description_in_any_language_counts_whatever_language_the_worker_runs_in(description):
    describer = matchable(level=3, skills=["sportsbook"], **{"description_en": "", **description})
    silent = matchable(level=3, skills=["sportsbook"], description_en="")
    with translation.override("fr"):
        for vendor in (describer, silent):
            vendor_described_skills_refresh(vendor=vendor)
    profile = core.RequestProfile(
        sector="sports-betting",
        team_size=1,
        languages=frozenset({"en"}),
        skills={"odds-feeds": 1.0},
    )

    with translation.override("en"):
        by_id = {m.vendor_id: m for m in core.rank(profile, loading.load_candidates(profile))}

    assert by_id[describer.pk].breakdown["text"] == W.TEXT
    assert by_id[describer.pk].breakdown["skills"] == W.SKILLS * W.PROSE_SKILL_CREDIT
    assert by_id[silent.pk].breakdown["text"] == by_id[silent.pk].breakdown["skills"] == 0


# --- Edits -------------------------------------------------------------------------------------


def test_a_real_edit_of_a_published_request_queues_a_new_run(alice, bob, draft):
    publish(draft, alice)
    draft.match_runs.update(status=MatchRun.Status.DONE)

    request_update(request=draft, actor=bob, data={"title": "Casa de apuestas, segunda fase"})

    edit = draft.match_runs.get(trigger=MatchRun.Trigger.EDIT)
    assert edit.requested_by == bob
    assert edit.status == MatchRun.Status.QUEUED


def test_edits_while_a_run_is_queued_join_it(alice, bob, draft):
    # The queued run has not read the request yet: it will rank what the request says then.
    run = publish(draft, alice)

    for weeks in range(21, 41):
        request_update(request=draft, actor=bob, data={"duration_weeks": weeks})

    assert list(draft.match_runs.all()) == [run]


def test_edits_while_a_run_is_running_queue_one_run_after_it(alice, bob, draft):
    # The running run read the request before the edits, so one more run must follow.
    running = publish(draft, alice)
    draft.match_runs.update(status=MatchRun.Status.RUNNING)

    request_update(request=draft, actor=bob, data={"title": "Casa de apuestas, segunda fase"})
    request_update(request=draft, actor=bob, data={"skills": [skill("sportsbook")]})

    runs = list(draft.match_runs.order_by("id"))
    assert runs[0].pk == running.pk
    assert [(run.trigger, run.status) for run in runs] == [
        (MatchRun.Trigger.PUBLISH, MatchRun.Status.RUNNING),
        (MatchRun.Trigger.EDIT, MatchRun.Status.QUEUED),
    ]


@pytest.mark.parametrize("status", [MatchRun.Status.QUEUED, MatchRun.Status.RUNNING])
def test_rematches_join_the_run_that_is_queued_or_running(alice, draft, status):
    run = publish(draft, alice)
    draft.match_runs.update(status=status)

    joined = {request_rematch(request=draft, actor=alice).pk for _ in range(20)}

    assert joined == {run.pk}
    assert draft.match_runs.count() == 1


@pytest.mark.parametrize("status", [MatchRun.Status.DONE, MatchRun.Status.FAILED])
def test_a_rematch_after_the_run_ended_queues_a_new_one(alice, draft, status):
    run = publish(draft, alice)
    draft.match_runs.update(status=status)

    rematch = request_rematch(request=draft, actor=alice)

    assert rematch.pk != run.pk
    assert rematch.status == MatchRun.Status.QUEUED


def test_an_edit_that_changes_nothing_queues_no_run(alice, draft):
    publish(draft, alice)

    request_update(
        request=draft,
        actor=alice,
        data={
            "title": draft.title,
            "budget_max": draft.budget_max,
            "languages": draft.languages,
            "skills": [skill("sportsbook"), skill("odds-feeds")],
        },
    )

    assert list(draft.match_runs.values_list("trigger", flat=True)) == ["publish"]


def test_editing_a_draft_queues_no_run(alice, draft):
    request_update(request=draft, actor=alice, data={"title": "Otro borrador"})

    assert not MatchRun.objects.exists()


# --- Failures ----------------------------------------------------------------------------------


def test_an_error_while_ranking_fails_the_run_which_can_be_executed_again(
    alice, draft, monkeypatch
):
    vendor = matchable(level=4)
    run = publish(draft, alice)

    def lose_the_database(*args, **kwargs):
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(loading, "request_profile", lose_the_database)
    failed = match_run_execute(run_id=run.pk)

    assert failed.status == MatchRun.Status.FAILED
    assert failed.error == "RuntimeError: server closed the connection unexpectedly"
    assert failed.finished_at is not None
    assert not failed.results.exists()

    monkeypatch.undo()
    done = match_run_execute(run_id=run.pk)

    assert done.status == MatchRun.Status.DONE
    assert done.error == ""
    assert ranked_vendors(done) == [vendor.pk]


def test_publishing_succeeds_with_the_broker_down(
    alice, draft, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_publish(request=draft, actor=alice)

    draft.refresh_from_db()
    assert draft.status == OutsourcingRequest.Status.PUBLISHED
    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.QUEUED
    # Not sent: the sweeper's next pass sends it, and the attempt does not count.
    assert (run.attempts, run.dispatched_at) == (0, None)


def test_publishing_through_the_api_succeeds_with_the_broker_down(
    api, alice, draft, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(alice).post(f"/api/v1/requests/{draft.pk}/publish/")

    assert response.status_code == 202
    run = MatchRun.objects.get()
    assert response.json()["id"] == run.pk
    assert (run.status, run.attempts) == (MatchRun.Status.QUEUED, 0)
    draft.refresh_from_db()
    assert draft.status == "published"


def test_a_run_the_broker_missed_completes_once_the_sweeper_sends_it_again(
    alice, draft, monkeypatch, django_capture_on_commit_callbacks
):
    vendor = matchable(level=4)
    with monkeypatch.context() as broker:
        broker.setattr(match_request, "delay", _refuse)
        with django_capture_on_commit_callbacks(execute=True):
            request_publish(request=draft, actor=alice)
    run = MatchRun.objects.get()

    # The sweeper's very next pass: a failed send did not mark the run dispatched.
    assert sweep_stale_match_runs.delay().get() == 1

    run.refresh_from_db()
    assert run.status == MatchRun.Status.DONE
    assert run.attempts == 1
    assert ranked_vendors(run) == [vendor.pk]


def _refuse(*args, **kwargs):
    raise OperationalError("[Errno 111] Connection refused")


# --- Sweeper -----------------------------------------------------------------------------------


@pytest.fixture
def published(company):
    return OutsourcingRequestFactory(
        company=company,
        status=OutsourcingRequest.Status.PUBLISHED,
        published_at=timezone.now(),
        speaks_en=True,
    )


@pytest.fixture
def timeouts(settings):
    settings.MATCHING_QUEUED_TIMEOUT = 120
    settings.MATCHING_RUNNING_TIMEOUT = 180
    settings.MATCHING_MAX_ATTEMPTS = 3


def run_in_state(request, status, *, attempts=1, dispatched=None, started=None) -> MatchRun:
    """A run as the database holds it; `dispatched`/`started` are seconds ago."""
    now = timezone.now()
    run = MatchRun.objects.create(request=request, trigger=MatchRun.Trigger.PUBLISH)
    MatchRun.objects.filter(pk=run.pk).update(
        status=status,
        attempts=attempts,
        dispatched_at=None if dispatched is None else now - timedelta(seconds=dispatched),
        started_at=None if started is None else now - timedelta(seconds=started),
    )
    run.refresh_from_db()
    return run


def test_the_sweeper_sends_again_the_runs_left_behind(published, sent, timeouts):
    never_sent = run_in_state(published, MatchRun.Status.QUEUED, attempts=0)
    lost = run_in_state(published, MatchRun.Status.QUEUED, dispatched=121)
    worker_died = run_in_state(published, MatchRun.Status.RUNNING, dispatched=400, started=181)

    assert match_runs_sweep() == 3

    assert sorted(sent) == sorted([never_sent.pk, lost.pk, worker_died.pk])
    for run, attempts in ((never_sent, 1), (lost, 2), (worker_died, 2)):
        run.refresh_from_db()
        assert run.status == MatchRun.Status.QUEUED
        assert run.attempts == attempts
        assert timezone.now() - run.dispatched_at < timedelta(seconds=5)


def test_the_sweeper_leaves_fresh_and_finished_runs_alone(published, sent, timeouts):
    runs = [
        run_in_state(published, MatchRun.Status.QUEUED, dispatched=60),
        run_in_state(published, MatchRun.Status.RUNNING, dispatched=400, started=90),
        run_in_state(published, MatchRun.Status.DONE, dispatched=9000, started=9000),
        run_in_state(published, MatchRun.Status.FAILED, dispatched=9000, started=9000),
    ]

    assert match_runs_sweep() == 0

    assert sent == []
    for run in runs:
        before = (run.status, run.attempts, run.dispatched_at)
        run.refresh_from_db()
        assert (run.status, run.attempts, run.dispatched_at) == before


def test_the_sweeper_gives_up_on_a_run_sent_too_many_times(published, sent, timeouts):
    queued = run_in_state(published, MatchRun.Status.QUEUED, attempts=3, dispatched=121)
    running = run_in_state(published, MatchRun.Status.RUNNING, attempts=3, started=181)
    still_trying = run_in_state(published, MatchRun.Status.QUEUED, attempts=2, dispatched=121)

    assert match_runs_sweep() == 1

    assert sent == [still_trying.pk]
    for run in (queued, running):
        run.refresh_from_db()
        assert run.status == MatchRun.Status.FAILED
        assert run.error == "Gave up after 3 attempts."
        assert run.finished_at is not None
        assert run.attempts == 3


# --- Celery configuration ----------------------------------------------------------------------


def test_the_sweeper_runs_periodically():
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == sweep_stale_match_runs.name
    )
    assert entry["schedule"] > 0
    assert sweep_stale_match_runs.name == "marketplace.tasks.sweep_stale_match_runs"


def test_a_worker_lost_mid_run_leaves_the_message_for_another():
    assert match_request.acks_late is True
    assert match_request.reject_on_worker_lost is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_verified_reviews_rank_a_vendor_above_an_equal_one_without_any(alice, draft):
    unreviewed = matchable(level=4, skills=["sportsbook"])
    praised = matchable(level=4, skills=["sportsbook"])
    panned = matchable(level=4, skills=["sportsbook"])
    Vendor.objects.filter(pk=praised.pk).update(review_count=3, review_rating_total=15)
    Vendor.objects.filter(pk=panned.pk).update(review_count=3, review_rating_total=3)
    run = publish(draft, alice)

    match_run_execute(run_id=run.pk)

    assert ranked_vendors(run) == [praised.pk, unreviewed.pk, panned.pk]
    breakdowns = {vendor_id: b for vendor_id, _, _, b, _ in stored(run)}
    assert breakdowns[unreviewed.pk]["rating"] == pytest.approx(1.5)  # the neutral half of 3
    assert breakdowns[praised.pk]["rating"] == pytest.approx(3 * (3.75 - 1) / 4, abs=0.01)
