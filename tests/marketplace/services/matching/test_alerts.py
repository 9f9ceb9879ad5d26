"""Opportunity alerts (marketplace/services/matching/alerts.py): a publication's ranking tells
the vendors it fits best, once, with the reasons, and only vendors that may see the request."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from marketplace.events.models import Event
from marketplace.events.services import event_record
from marketplace.models import MatchResult, MatchRun, OutsourcingRequest, Vendor
from marketplace.notifications.messages import notification_messages
from marketplace.notifications.models import Notification
from marketplace.notifications.services import notifications_create_for_event
from marketplace.services.matching import match_run_execute
from marketplace.services.matching.alerts import opportunity_alert_record
from marketplace.services.requests import request_publish, request_rematch
from marketplace.tenders.models import BidInvitation
from tests.factories import (
    MembershipFactory,
    OutsourcingRequestFactory,
    UserFactory,
    VendorExpertiseFactory,
    VendorFactory,
    skill,
)

pytestmark = pytest.mark.django_db

Kind = Event.Kind
SECTOR_REASON = {
    "code": "sector_expertise",
    "met": True,
    "params": {"sector": "sports-betting", "level": 5, "years": 6},
}
SKILLS_REASON = {"code": "skills_covered", "met": True, "params": {"skills": ["sportsbook"]}}
MISSING_REASON = {"code": "skills_missing", "met": False, "params": {"skills": ["odds-feeds"]}}


@pytest.fixture
def published(company, alice):
    return OutsourcingRequestFactory(
        company=company,
        author=alice,
        status=OutsourcingRequest.Status.PUBLISHED,
        visibility=OutsourcingRequest.Visibility.OPEN,
        speaks_en=True,
    )


def ranking(request, *scored, trigger=MatchRun.Trigger.PUBLISH, by=None) -> MatchRun:
    """A finished run of `request` ranking (vendor, score) pairs in the order given."""
    run = MatchRun.objects.create(
        request=request, trigger=trigger, status=MatchRun.Status.DONE, requested_by=by
    )
    for rank, (vendor, score) in enumerate(scored, start=1):
        MatchResult.objects.create(
            run=run,
            vendor=vendor,
            rank=rank,
            score=Decimal(score),
            reasons=[SECTOR_REASON, MISSING_REASON, SKILLS_REASON],
        )
    return run


def alerted(request) -> set[str]:
    return set(
        Vendor.objects.filter(
            events__kind=Kind.REQUEST_PUBLISHED, events__request=request
        ).values_list("name", flat=True)
    )


def vendors(*names) -> list[Vendor]:
    return [VendorFactory(name=name) for name in names]


def test_vendors_at_or_above_the_threshold_are_alerted(published, settings, alice):
    settings.OPPORTUNITY_ALERT_MIN_SCORE = 60
    a, b, c = vendors("A", "B", "C")

    event = opportunity_alert_record(run=ranking(published, (a, 91), (b, 60), (c, 59.9), by=alice))

    assert alerted(published) == {"A", "B"}
    assert event.actor == alice
    assert event.request == published
    assert not event.companies.exists()  # the company is not told of its own publication
    assert event.data == {"match_run": event.data["match_run"]}  # ids only, no scores


def test_at_most_top_n_by_rank_are_alerted(published, settings):
    settings.OPPORTUNITY_ALERT_TOP_N = 2
    a, b, c = vendors("A", "B", "C")

    opportunity_alert_record(run=ranking(published, (a, 95), (b, 90), (c, 85)))

    assert alerted(published) == {"A", "B"}


def test_the_defaults_are_a_score_of_60_and_the_top_10(settings):
    assert settings.OPPORTUNITY_ALERT_MIN_SCORE == 60
    assert settings.OPPORTUNITY_ALERT_TOP_N == 10


def test_pending_and_suspended_vendors_are_never_alerted(published):
    approved, pending, suspended = vendors("Approved", "Pending", "Suspended")
    Vendor.objects.filter(pk=pending.pk).update(status=Vendor.Status.PENDING)
    Vendor.objects.filter(pk=suspended.pk).update(status=Vendor.Status.SUSPENDED)

    opportunity_alert_record(run=ranking(published, (pending, 99), (suspended, 98), (approved, 70)))

    assert alerted(published) == {"Approved"}


def test_a_request_by_invitation_alerts_only_the_invited(published, alice):
    OutsourcingRequest.objects.filter(pk=published.pk).update(
        visibility=OutsourcingRequest.Visibility.INVITATION
    )
    published.refresh_from_db()
    invited, uninvited = vendors("Invited", "Uninvited")
    BidInvitation.objects.create(request=published, vendor=invited, invited_by=alice)

    opportunity_alert_record(run=ranking(published, (uninvited, 99), (invited, 80)))

    assert alerted(published) == {"Invited"}


def test_nobody_is_alerted_about_a_request_no_longer_published(published):
    (a,) = vendors("A")
    OutsourcingRequest.objects.filter(pk=published.pk).update(
        status=OutsourcingRequest.Status.CANCELLED
    )
    published.refresh_from_db()

    assert opportunity_alert_record(run=ranking(published, (a, 99))) is None
    assert not Event.objects.exists()


@pytest.mark.parametrize("trigger", [MatchRun.Trigger.REMATCH, MatchRun.Trigger.EDIT])
def test_only_a_publications_run_alerts(published, trigger):
    (a,) = vendors("A")

    assert opportunity_alert_record(run=ranking(published, (a, 99), trigger=trigger)) is None


def test_no_vendor_is_alerted_twice_for_one_request(published):
    a, b = vendors("A", "B")
    opportunity_alert_record(run=ranking(published, (a, 99)))

    second = opportunity_alert_record(run=ranking(published, (a, 99), (b, 90)))

    assert set(second.vendors.values_list("name", flat=True)) == {"B"}
    assert opportunity_alert_record(run=ranking(published, (a, 99), (b, 90))) is None


@pytest.mark.parametrize("kind", [Kind.BID_INVITATION_SENT, Kind.QUESTION_ANSWERED])
def test_an_alert_about_another_request_does_not_stop_the_alert_about_this_one(
    published, company, alice, kind
):
    """Alerted about R1, then another event of R2 concerns the vendor (invited to bid on R2,
    a question of R2 answered): R2's publication still alerts it. Two conditions on
    `events` in one `exclude()` can each hold on a different event."""
    (a,) = vendors("A")
    opportunity_alert_record(run=ranking(published, (a, 99)))
    second = OutsourcingRequestFactory(
        company=company,
        author=alice,
        status=OutsourcingRequest.Status.PUBLISHED,
        visibility=OutsourcingRequest.Visibility.OPEN,
        speaks_en=True,
    )
    with transaction.atomic():
        event_record(kind=kind, actor=alice, outsourcing_request=second, vendors=[a])

    event = opportunity_alert_record(run=ranking(second, (a, 99)))

    assert event is not None
    assert set(event.vendors.values_list("name", flat=True)) == {"A"}
    assert alerted(second) == {"A"}


def test_an_alert_whose_vendor_was_deleted_leaves_out_nobody(published):
    gone, a = vendors("Gone", "A")
    opportunity_alert_record(run=ranking(published, (gone, 99)))
    gone.delete()

    event = opportunity_alert_record(run=ranking(published, (a, 99)))

    assert set(event.vendors.values_list("name", flat=True)) == {"A"}


def test_a_rolled_back_run_alerts_nobody(published, django_capture_on_commit_callbacks):
    (a,) = vendors("A")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        opportunity_alert_record(run=ranking(published, (a, 99)))
        raise RuntimeError("storing the results failed after the alert was written")

    assert callbacks == []
    assert not Event.objects.exists()


# --- Through the real ranking ------------------------------------------------------------------


def matchable(*, level, skills=(), years=6) -> Vendor:
    vendor = VendorFactory()
    vendor.skills.set([skill(slug) for slug in skills])
    VendorExpertiseFactory(vendor=vendor, level=level, years=years)
    return vendor


def test_a_published_requests_ranking_alerts_the_vendors_it_fits_once(company, alice):
    draft = OutsourcingRequestFactory(company=company, speaks_en=True)
    draft.skills.set([skill("sportsbook"), skill("odds-feeds")])
    # Seasoned: the factory's request budget is tight for its rates.
    expert = matchable(level=5, years=15, skills=["sportsbook", "odds-feeds"])
    novice = matchable(level=1)

    request_publish(request=draft, actor=alice)
    run = match_run_execute(run_id=draft.match_runs.get().pk)

    scores = dict(run.results.values_list("vendor_id", "score"))
    assert scores[expert.pk] >= 60 > scores[novice.pk]
    event = Event.objects.get(kind=Kind.REQUEST_PUBLISHED)
    assert list(event.vendors.all()) == [expert]
    assert event.data == {"match_run": run.pk}

    # A redelivered run and a rematch tell nobody again.
    match_run_execute(run_id=run.pk)
    draft.refresh_from_db()
    rematch = request_rematch(request=draft, actor=alice)
    match_run_execute(run_id=rematch.pk)
    assert Event.objects.filter(kind=Kind.REQUEST_PUBLISHED).count() == 1


def test_a_redelivered_publication_run_alerts_nobody_twice(company, alice):
    draft = OutsourcingRequestFactory(company=company, speaks_en=True)
    draft.skills.set([skill("sportsbook"), skill("odds-feeds")])
    matchable(level=5, years=15, skills=["sportsbook", "odds-feeds"])
    request_publish(request=draft, actor=alice)
    run = match_run_execute(run_id=draft.match_runs.get().pk)

    # As a redelivered message finds it: the sweeper put the finished run back on the queue.
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.QUEUED)
    match_run_execute(run_id=run.pk)

    assert Event.objects.filter(kind=Kind.REQUEST_PUBLISHED).count() == 1


# --- What the vendor reads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "“{title}” by Operadora Azteca fits your team: Level 5 of 5 in Sports betting, "
            "6 years of practice. Has the skills: Sportsbook.",
        ),
        (
            "es-mx",
            "«{title}» de Operadora Azteca se ajusta a su equipo: Nivel 5 de 5 en Apuestas "
            "deportivas, 6 años de práctica. Tiene las habilidades: Casa de apuestas deportivas.",
        ),
        (
            "fr-ca",
            "« {title} » de Operadora Azteca convient à votre équipe : Niveau 5 sur 5 en Paris "
            "sportifs, 6 ans de pratique. Possède les compétences : Plateforme de paris sportifs.",
        ),
    ],
)
def test_the_vendor_reads_why_the_request_fits_in_its_language(
    published, vendor, vera, language, expected
):
    event = opportunity_alert_record(run=ranking(published, (vendor, 88)))
    notifications_create_for_event(event=event)

    with translation.override(language):
        (message,) = notification_messages(
            notifications=Notification.objects.filter(recipient=vera), user=vera
        )

    # The met reasons only, the best first; what is missing is for the buyer's eyes.
    # (French puts a no-break space before its colons.)
    text = message.text.replace("\N{NO-BREAK SPACE}", " ").replace("\N{NARROW NO-BREAK SPACE}", " ")
    assert text == expected.format(title=published.title)
    assert message.url == reverse("marketplace:opportunity-detail", kwargs={"pk": published.pk})


def test_each_vendor_reads_its_own_reasons(published, vendor, vera):
    other = VendorFactory(name="Other")
    member = MembershipFactory(user=UserFactory(username="otto"), vendor=other).user
    run = ranking(published, (vendor, 88), (other, 70))
    MatchResult.objects.filter(run=run, vendor=other).update(reasons=[SKILLS_REASON])
    notifications_create_for_event(event=opportunity_alert_record(run=run))

    (message,) = notification_messages(
        notifications=Notification.objects.filter(recipient=member), user=member
    )
    assert message.text.endswith("fits your team: Has the skills: Sportsbook.")
