"""Opportunity alerts: when a published request's first ranking is done, the vendors it fits
best are told, so they find the work without searching and the company hears sooner.

Who is told is decided by the ranking alone — the score (`OPPORTUNITY_ALERT_MIN_SCORE`, 0–100)
and the rank (`OPPORTUNITY_ALERT_TOP_N`) — which nothing paid enters (matching/weights.py):
an alert cannot be bought either. Only vendors that may see the request are told
(`vendor_list_seeing_request`: approved, and invited to a request by invitation), and never
twice for one request. The reasons are not copied here: the sentence reads them from the
vendor's `MatchResult` of this run, in the reader's language (notifications/messages.py).
"""

from django.conf import settings

from marketplace.events.models import Event
from marketplace.events.services import event_record
from marketplace.models import MatchRun
from marketplace.selectors import vendor_list_seeing_request


def opportunity_alert_record(*, run: MatchRun) -> Event | None:
    """Record the `request.published` event for a finished PUBLISH run, concerning the
    vendors to alert; None when there is none (or the run was not a publication's).

    Runs in the transaction that stores the run's results. A run executed again is already
    done and never gets here; should one still, the vendors already alerted for the request
    are left out, so nobody is told twice.
    """
    if run.trigger != MatchRun.Trigger.PUBLISH or run.status != MatchRun.Status.DONE:
        return None
    outsourcing_request = run.request
    seeing = vendor_list_seeing_request(outsourcing_request=outsourcing_request)
    best = (
        run.results.filter(
            score__gte=settings.OPPORTUNITY_ALERT_MIN_SCORE, vendor__in=seeing.values("pk")
        )
        .order_by("rank")
        .values_list("vendor_id", flat=True)[: settings.OPPORTUNITY_ALERT_TOP_N]
    )
    # The vendors of this request's alerts, as one subquery: two conditions on `events` in
    # `exclude()` may each hold on a different event (alerted about another request, invited
    # to this one), which left out vendors never alerted about it. No NULL in it (an alert
    # whose vendor was deleted), or `NOT IN` would leave out every vendor.
    already = Event.objects.filter(
        kind=Event.Kind.REQUEST_PUBLISHED, request=outsourcing_request, vendors__isnull=False
    ).values("vendors")
    vendors = list(seeing.filter(pk__in=list(best)).exclude(pk__in=already))
    if not vendors:
        return None
    return event_record(
        kind=Event.Kind.REQUEST_PUBLISHED,
        actor=run.requested_by,
        outsourcing_request=outsourcing_request,
        vendors=vendors,
        data={"match_run": run.pk},
    )
