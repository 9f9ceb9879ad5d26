"""Request services (marketplace/services/requests.py) and the tender's rules for them: who
takes proposals and until when (`visibility`, `proposals_due`, `questions_due`), a default
deadline at publishing, no deadline in the past, and nothing changes on a closed request."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from config.errors import Conflict
from marketplace.models import MatchRun, OutsourcingRequest
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import (
    DEFAULT_PROPOSAL_PERIOD,
    request_create,
    request_publish,
    request_rematch,
    request_update,
)
from tests.factories import OutsourcingRequestFactory, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(company, alice):
    return OutsourcingRequestFactory(
        company=company, author=alice, speaks_en=True, proposals_due=None
    )


@pytest.fixture
def published(draft, alice):
    request_publish(request=draft, actor=alice)
    draft.refresh_from_db()
    return draft


def in_days(days: float):
    return timezone.now() + timedelta(days=days)


def close(request: OutsourcingRequest, status: str) -> OutsourcingRequest:
    now = timezone.now()
    # An awarded request had a deadline (the database insists); a cancelled draft need not.
    due = request.proposals_due or now
    OutsourcingRequest.objects.filter(pk=request.pk).update(
        status=status, closed_at=now, proposals_due=due
    )
    request.refresh_from_db()
    return request


@contextmanager
def unchanged(request: OutsourcingRequest):
    """The block leaves the request's row as it was and queues no ranking."""
    before = OutsourcingRequest.objects.filter(pk=request.pk).values().get()
    runs = MatchRun.objects.count()
    yield
    assert OutsourcingRequest.objects.filter(pk=request.pk).values().get() == before
    assert MatchRun.objects.count() == runs


def new_request(**fields) -> dict:
    return {
        "title": "Casa de apuestas",
        "description": "Momios en vivo.",
        "sector": sector("sports-betting"),
        "budget_min": 1000,
        "budget_max": 2000,
        "currency": "MXN",
        "team_size": 4,
        "duration_weeks": 12,
        "languages": ["es"],
        **fields,
    }


# Creating --------------------------------------------------------------------------------------


def test_a_draft_says_who_may_propose_and_until_when(company, bob):
    proposals_due, questions_due = in_days(30), in_days(20)

    request = request_create(
        actor=bob,
        company=company,
        **new_request(
            visibility=OutsourcingRequest.Visibility.INVITATION,
            proposals_due=proposals_due,
            questions_due=questions_due,
        ),
    )

    request.refresh_from_db()
    assert request.is_draft
    assert request.visibility == OutsourcingRequest.Visibility.INVITATION
    assert (request.proposals_due, request.questions_due) == (proposals_due, questions_due)


def test_a_draft_is_open_to_every_qualified_vendor_unless_said_otherwise(company, bob):
    request = request_create(actor=bob, company=company, **new_request())

    assert request.is_open_to_all
    assert (request.proposals_due, request.questions_due) == (None, None)


def test_questions_cannot_close_after_proposals(company, bob):
    with pytest.raises(ValidationError) as refusal:
        request_create(
            actor=bob,
            company=company,
            **new_request(proposals_due=in_days(10), questions_due=in_days(11)),
        )

    assert "Questions must close no later than proposals." in str(refusal.value)
    assert not OutsourcingRequest.objects.exists()


def test_an_unknown_visibility_is_refused(company, bob):
    with pytest.raises(ValidationError) as refusal:
        request_create(actor=bob, company=company, **new_request(visibility="friends"))

    assert set(refusal.value.message_dict) == {"visibility"}


@pytest.mark.parametrize("who", ["olga", "vera", "charlie"])
def test_only_the_company_drafts_its_requests(request, company, who):
    with pytest.raises(PermissionDenied):
        request_create(actor=request.getfixturevalue(who), company=company, **new_request())


# Publishing -----------------------------------------------------------------------------------


def test_publishing_without_a_deadline_gives_vendors_three_weeks(draft, alice):
    before = timezone.now()

    published, run = request_publish(request=draft, actor=alice)

    published.refresh_from_db()
    assert published.is_published
    assert published.published_at >= before
    assert published.proposals_due == published.published_at + DEFAULT_PROPOSAL_PERIOD
    assert timedelta(days=21) == DEFAULT_PROPOSAL_PERIOD
    assert run.status == MatchRun.Status.QUEUED


def test_publishing_keeps_the_deadline_the_company_chose(draft, alice):
    chosen = in_days(5)
    OutsourcingRequest.objects.filter(pk=draft.pk).update(proposals_due=chosen)

    published, _ = request_publish(request=draft, actor=alice)

    published.refresh_from_db()
    assert published.proposals_due == chosen


def test_a_deadline_already_past_cannot_be_published(draft, alice):
    """A draft may keep an old date while it is written, but vendors need a future one."""
    request_update(request=draft, actor=alice, data={"proposals_due": in_days(-1)})

    with unchanged(draft), pytest.raises(ValidationError) as refusal:
        request_publish(request=draft, actor=alice)

    assert refusal.value.error_dict["proposals_due"][0].code == "in_the_past"


def test_a_request_without_a_language_cannot_be_published(draft, alice):
    OutsourcingRequest.objects.filter(pk=draft.pk).update(
        speaks_en=False, speaks_es=False, speaks_fr=False
    )
    draft.refresh_from_db()

    with unchanged(draft), pytest.raises(ValidationError) as refusal:
        request_publish(request=draft, actor=alice)

    assert set(refusal.value.message_dict) == {"languages"}


def test_a_request_is_published_once(published, alice):
    with unchanged(published), pytest.raises(Conflict) as refusal:
        request_publish(request=published, actor=alice)

    assert refusal.value.code == "request_already_published"


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_a_closed_request_cannot_be_published(draft, alice, status):
    close(draft, status)

    with unchanged(draft), pytest.raises(Conflict) as refusal:
        request_publish(request=draft, actor=alice)

    assert refusal.value.code == "request_closed"


@pytest.mark.parametrize("who", ["olga", "vera", "charlie"])
def test_only_the_company_publishes(request, draft, who):
    with unchanged(draft), pytest.raises(PermissionDenied):
        request_publish(request=draft, actor=request.getfixturevalue(who))


# Editing -------------------------------------------------------------------------------------


def test_a_published_request_gets_a_later_deadline(published, bob):
    later = in_days(40)

    request, run = request_update(request=published, actor=bob, data={"proposals_due": later})

    request.refresh_from_db()
    assert request.proposals_due == later
    assert run is not None


def test_a_published_request_cannot_move_its_deadline_into_the_past(published, bob):
    with unchanged(published), pytest.raises(ValidationError) as refusal:
        request_update(request=published, actor=bob, data={"proposals_due": in_days(-1)})

    assert refusal.value.error_dict["proposals_due"][0].code == "in_the_past"


def test_a_published_request_cannot_drop_its_deadline(published, bob):
    with unchanged(published), pytest.raises(ValidationError) as refusal:
        request_update(request=published, actor=bob, data={"proposals_due": None})

    assert refusal.value.error_dict["proposals_due"][0].code == "required"


def test_a_request_past_its_deadline_can_still_be_corrected(published, bob):
    """The company fixes a typo while it compares proposals: the deadline it did not touch
    is no reason to refuse, even when a form sends it back unchanged."""
    OutsourcingRequest.objects.filter(pk=published.pk).update(proposals_due=in_days(-2))
    published.refresh_from_db()

    request, _ = request_update(request=published, actor=bob, data={"title": "Casa de apuestas"})
    request, _ = request_update(
        request=request,
        actor=bob,
        data={"title": "Casa de apuestas MX", "proposals_due": published.proposals_due},
    )

    request.refresh_from_db()
    assert request.title == "Casa de apuestas MX"


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
@pytest.mark.parametrize("who", ["bob", "staff"])
def test_a_closed_request_cannot_be_edited(request, published, status, who):
    close(published, status)

    with unchanged(published), pytest.raises(Conflict) as refusal:
        request_update(
            request=published, actor=request.getfixturevalue(who), data={"title": "Otra cosa"}
        )

    assert refusal.value.code == "request_closed"


# Keeping the sector filed ---------------------------------------------------------------------


def test_a_request_is_ranked_by_the_sector_its_text_reads_as_unless_the_buyer_keeps_it(
    company, bob
):
    assert request_create(actor=bob, company=company, **new_request()).sector_confirmed is False

    kept = request_create(actor=bob, company=company, **new_request(sector_confirmed=True))

    assert kept.sector_confirmed is True


def test_keeping_the_sector_of_a_published_request_ranks_it_again(published, bob):
    match_run_execute(run_id=published.match_runs.get().pk)  # else the edit joins it
    runs = published.match_runs.count()

    request, run = request_update(request=published, actor=bob, data={"sector_confirmed": True})

    request.refresh_from_db()
    assert request.sector_confirmed is True
    assert run is not None and run.trigger == MatchRun.Trigger.EDIT
    assert published.match_runs.count() == runs + 1


def test_moving_to_another_sector_forgets_the_old_one_was_kept(draft, bob):
    draft.sector_confirmed = True
    draft.save()

    request, _ = request_update(
        request=draft, actor=bob, data={"sector": sector("software-development")}
    )

    request.refresh_from_db()
    assert request.sector_confirmed is False


@pytest.mark.parametrize("sector_confirmed", [True, False])
def test_a_new_sector_is_kept_or_not_as_the_edit_says(draft, bob, sector_confirmed):
    request, _ = request_update(
        request=draft,
        actor=bob,
        data={"sector": sector("software-development"), "sector_confirmed": sector_confirmed},
    )

    request.refresh_from_db()
    assert request.sector_confirmed is sector_confirmed


def test_sending_the_same_sector_back_keeps_it_kept(draft, bob):
    draft.sector_confirmed = True
    draft.save()

    with unchanged(draft):
        request_update(request=draft, actor=bob, data={"sector": draft.sector})


def test_a_closed_request_cannot_keep_its_sector(published, bob):
    close(published, OutsourcingRequest.Status.AWARDED)

    with unchanged(published), pytest.raises(Conflict) as refusal:
        request_update(request=published, actor=bob, data={"sector_confirmed": True})

    assert refusal.value.code == "request_closed"


# Ranking again --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [OutsourcingRequest.Status.AWARDED, OutsourcingRequest.Status.CANCELLED]
)
def test_a_closed_request_is_not_ranked_again(published, bob, status):
    close(published, status)

    with unchanged(published), pytest.raises(Conflict) as refusal:
        request_rematch(request=published, actor=bob)

    assert refusal.value.code == "request_closed"


def test_a_draft_is_not_ranked(draft, bob):
    with unchanged(draft), pytest.raises(Conflict) as refusal:
        request_rematch(request=draft, actor=bob)

    assert refusal.value.code == "request_not_published"
