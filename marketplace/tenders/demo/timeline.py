"""Time in the tender demo: offsets, reaction times, and moving what a story wrote back to
when it happened."""

import random
from bisect import bisect_right
from collections import defaultdict
from datetime import datetime, timedelta

from marketplace.events.models import Event
from marketplace.models import MatchRun, OutsourcingRequest

from ..models import BidInvitation, Engagement, Proposal, Question, Review

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

# Every timestamp a step may write, per model, and how the model reaches the request.
STAMPED = (
    (OutsourcingRequest, "pk", ("created_at", "updated_at", "published_at", "closed_at")),
    (MatchRun, "request", ("created_at", "started_at", "finished_at")),
    (BidInvitation, "request", ("created_at", "updated_at", "responded_at")),
    (Question, "request", ("created_at", "updated_at", "answered_at")),
    (Proposal, "request", ("created_at", "updated_at", "withdrawn_at", "shortlisted_at")),
    (Engagement, "request", ("created_at", "updated_at", "completed_at", "cancelled_at")),
    (Review, "engagement__request", ("created_at", "updated_at", "replied_at")),
    (Event, "request", ("created_at",)),
)


def backdate(*, request_id: int, marks: list[tuple[datetime, datetime]]) -> None:
    """Move every timestamp a story wrote on its request's rows (`created_at`, `updated_at`,
    the `*_at` fields, `Event.created_at`) from when its step ran to the step's moment.

    `marks` are (when the step started running, its moment), in playing order: a timestamp
    written between two starts belongs to the first of them, and steps run in time order, so
    what they wrote keeps its order. Done once the story is over, with one `update()` per
    field and moment (rather than every field of every model after every step).
    """
    starts = [started for started, _ in marks]
    for model, link, fields in STAMPED:
        moved = defaultdict(list)  # (field, moment) → rows
        for row in model.objects.filter(**{link: request_id}).values("pk", *fields):
            for name in fields:
                written = row[name]
                if written is not None and written >= starts[0]:
                    moment = marks[bisect_right(starts, written) - 1][1]
                    moved[name, moment].append(row["pk"])
        for (name, moment), pks in moved.items():
            model.objects.filter(pk__in=pks).update(**{name: moment})


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


def days(value: float) -> timedelta:
    return timedelta(days=value)


def between(rng: random.Random, start: timedelta, end: timedelta) -> timedelta:
    return start + (end - start) * rng.random()


def reaction(rng: random.Random, *, median_hours: float, at_most: timedelta) -> timedelta:
    """How long someone takes to answer: log-normal around `median_hours`, capped."""
    return min(hours(rng.lognormvariate(0, 0.9) * median_hours), at_most)
