"""One request's tender, planned as timed steps and played through the services.

The services act at the real time and check their deadlines against it, so a story is played
in the present — its request due weeks ahead — and then moved back to when it happened (see
`timeline.backdate`). Steps are planned as offsets from the publication, played in time order,
and the deadlines are set to their real values last.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from operator import itemgetter

from django.utils import timezone

from companies.models import Company, User
from marketplace.demo_data import DemoRequest
from marketplace.models import OutsourcingRequest, Sector, Vendor
from marketplace.services.matching import match_run_execute
from marketplace.services.requests import request_create, request_publish

from .. import services
from ..models import BidInvitation, Proposal, Question
from . import texts
from .timeline import DAY, HOUR, backdate, between, days, floor_hour, hours, reaction

# While a story plays, its proposals are due this far ahead of the real time.
PLAYING_DEADLINE = timedelta(days=60)

LIVE_STAGES = ("invited", "questions", "proposals")  # proposals still due
AWARD_STAGES = ("awarded", "completed", "engagement_cancelled")
STAGES = (*LIVE_STAGES, "deciding", *AWARD_STAGES, "cancelled")
# What a vendor does in a story.
FATES = ("pending", "accepts", "declines", "proposes", "resubmits", "withdraws", "wins")
PROPOSING = ("proposes", "resubmits", "withdraws", "wins")
LIVE_PROPOSAL = ("proposes", "resubmits", "wins")  # ends with a proposal in the running


@dataclass(frozen=True)
class Part:
    """A vendor in a story: who acts for it, what it does, the language it writes in."""

    vendor: Vendor
    actor: User
    fate: str
    invited: bool
    language: str


class Story:
    """The tender of one request: `plan()` lays out the steps, `play()` runs them.

    A `lean` story is the award history's: its vendors propose unasked and nobody asks
    questions, shortlists or reviews — the request is published, ranked, proposed on, awarded
    (or cancelled) and the engagement followed to its end, which is what the insights read.
    """

    def __init__(
        self,
        *,
        rng: random.Random,
        stage: str,
        visibility: str,
        profile: DemoRequest,
        sector: Sector,
        skill_ids: list[int],
        certification_ids: list[int],
        company: Company,
        owner: User,
        member: User,
        parts: list[Part],
        cad_per_unit: dict[str, Decimal],
        reply: bool,
        lean: bool = False,
    ):
        self.rng, self.stage, self.visibility, self.profile = rng, stage, visibility, profile
        self.sector, self.skill_ids, self.certification_ids = sector, skill_ids, certification_ids
        self.company, self.owner, self.member, self.parts = company, owner, member, parts
        self.cad_per_unit, self.reply, self.lean = cad_per_unit, reply, lean
        self.language = profile.language
        self.steps: list[tuple[timedelta, int, partial]] = []
        self.invitations: dict[int, BidInvitation] = {}
        self.proposals: dict[int, Proposal] = {}
        self.questions: dict[int, Question] = {}
        self.proposal_terms: dict[int, dict] = {}  # vendor → its last proposal's terms
        # Set by plan(): offsets from the publication.
        self.due = self.questions_close = self.horizon = self.end = None
        self.awarded = self.planned_end = None

    # The plan ----------------------------------------------------------------------------

    def at(self, offset: timedelta, step, **kwargs) -> None:
        self.steps.append((offset, len(self.steps), partial(step, **kwargs)))

    def plan(self) -> None:
        rng, live = self.rng, self.stage in LIVE_STAGES
        self.at(-days(rng.uniform(1, 10)), self.create)
        self.at(timedelta(0), self.publish)
        self.at(timedelta(minutes=rng.uniform(1, 10)), self.rank)
        self.due = days(rng.choice((14, 21, 21, 28)))
        # A live story has happened up to `horizon`; now is a little later, the deadline ahead.
        horizon = days(rng.uniform(3, 8)) if live else self.due - 2 * HOUR
        self.questions_close = None
        if rng.random() < 0.5:
            self.questions_close = self.due - days(rng.uniform(2, 4) if live else rng.uniform(3, 7))
        ask_until = min(horizon, (self.questions_close or self.due) - 2 * HOUR)

        ready, final = {}, {}  # vendor → from when it takes part; when its last proposal went in
        for part in self.parts:
            ready[part.vendor.pk] = self.plan_invitation(part, horizon)
            if part.fate in PROPOSING:
                final[part.vendor.pk] = self.plan_proposals(part, ready[part.vendor.pk], horizon)
        if not self.lean:
            self.plan_questions(ready, ask_until, horizon)
        last = max(offset for offset, _, _ in self.steps)
        self.horizon, self.end = horizon, last
        if self.stage in ("proposals", "deciding") or self.stage in AWARD_STAGES:
            self.plan_award(final)
        elif self.stage == "cancelled":
            self.plan_cancellation(last)

    def plan_invitation(self, part: Part, horizon: timedelta) -> timedelta:
        """Invite (and answer) as the part says; returns from when the vendor takes part."""
        rng = self.rng
        if not part.invited:
            return hours(rng.uniform(2, 48))
        invited = hours(rng.uniform(1, 36))
        self.at(invited, self.invite, part=part)
        answers_first = part.fate in ("accepts", "declines") or (
            part.fate in PROPOSING and rng.random() < 0.6
        )
        if not answers_first:  # pending, or proposing answers it (Norte accepts it then)
            return invited
        answered = invited + reaction(rng, median_hours=18, at_most=(horizon - invited) / 3)
        if part.fate == "declines":
            self.at(
                answered, self.decline, part=part, reason=self.text(texts.DECLINE_REASONS, part)
            )
        else:
            self.at(answered, self.accept, part=part)
        return answered

    def plan_proposals(self, part: Part, ready: timedelta, horizon: timedelta) -> timedelta:
        """Submit; withdraw (and submit again) for those fates. Returns the last submission."""
        count = {"resubmits": 3, "withdraws": 2}.get(part.fate, 1)
        moments = sorted(between(self.rng, ready + HOUR, horizon - 3 * HOUR) for _ in range(count))
        self.at(moments[0], self.propose, part=part, terms=self.terms(part))
        if count > 1:
            self.at(moments[1], self.withdraw, part=part)
        if count > 2:
            self.at(moments[2], self.propose, part=part, terms=self.terms(part, revised=True))
        return moments[-1]

    def plan_questions(self, ready: dict, ask_until: timedelta, horizon: timedelta) -> None:
        rng = self.rng
        askers = [p for p in self.parts if p.fate == "accepts" or p.fate in PROPOSING]
        if self.stage == "invited" or not askers:
            return
        count = rng.randint(2, 3) if self.stage in LIVE_STAGES else rng.randint(0, 3)
        leave_open = self.stage == "questions" or (self.stage == "proposals" and rng.random() < 0.5)
        answer_until = horizon if self.stage in LIVE_STAGES else self.due - HOUR
        picked = rng.sample(texts.QUESTIONS, k=count)
        for key, question in enumerate(picked):
            part = askers[key % len(askers)]
            start = ready[part.vendor.pk] + HOUR / 2
            if start >= ask_until:
                continue
            asked = between(rng, start, ask_until)
            ask, answer = question[part.language]
            self.at(asked, self.ask, part=part, key=key, text=ask)
            if leave_open and key == len(picked) - 1:
                continue
            delay = reaction(rng, median_hours=20, at_most=(answer_until - asked) * 0.9)
            self.at(asked + delay, self.answer, key=key, text=answer)

    def plan_award(self, final: dict) -> None:
        """Shortlist, then (award stages) award and follow the engagement to its end."""
        rng = self.rng
        running = [p for p in self.parts if p.fate in LIVE_PROPOSAL]
        winner = next((p for p in running if p.fate == "wins"), None)
        if self.stage == "proposals":
            chosen, until = running[:1], self.horizon
        elif self.stage == "deciding":
            chosen, until = running[: rng.randint(1, 2)], self.due + days(3)
        else:
            self.awarded = self.due + days(rng.uniform(0.5, 18))
            others = [p for p in running if p is not winner]
            chosen = [] if self.lean else [winner, *others[: rng.randint(0, 1)]]
            until = self.awarded - HOUR
        for part in chosen:
            self.at(between(rng, final[part.vendor.pk] + HOUR, until), self.shortlist, part=part)
        if self.stage not in AWARD_STAGES:
            return
        self.at(self.due, self.close_proposals)
        self.at(self.awarded, self.award, part=winner, reason=self.text(texts.AWARD_REASONS))
        weeks = self.proposal_terms[winner.vendor.pk]["duration_weeks"]
        length = days(7 * weeks * rng.uniform(0.9, 1.2))
        self.planned_end = self.awarded + length
        if self.stage == "completed":
            self.at(self.planned_end, self.complete)
            self.end = self.planned_end
            if self.lean:
                return
            reviewed = self.planned_end + days(rng.uniform(1, 12))
            ratings, weights = zip(*texts.RATING_WEIGHTS, strict=True)
            rating = rng.choices(ratings, weights=weights)[0]
            review = self.text(texts.REVIEWS[rating])
            self.at(reviewed, self.review_write, rating=rating, text=review)
            self.end = reviewed
            if self.reply:
                replied = reviewed + days(rng.uniform(0.5, 8))
                reply = texts.REPLIES["good" if rating >= 4 else "poor"][winner.language]
                self.at(replied, self.review_reply, part=winner, text=reply)
                self.end = replied
        elif self.stage == "engagement_cancelled":
            self.end = self.awarded + days(rng.uniform(10, max(12, length.days * 0.6)))
            reason = self.text(texts.ENGAGEMENT_CANCELLATION_REASONS)
            self.at(self.end, self.cancel_engagement, reason=reason)
        else:
            self.end = self.awarded

    def plan_cancellation(self, last: timedelta) -> None:
        rng = self.rng
        if rng.random() < 0.35 and last + HOUR < self.due - DAY:
            self.end = between(rng, last + HOUR, self.due - DAY)
        else:
            self.end = self.due + days(rng.uniform(1, 15))
        reason = self.text(texts.REQUEST_CANCELLATION_REASONS)
        self.at(self.end, self.cancel, reason=reason)

    def text(self, choices, part: Part | None = None) -> str:
        return self.rng.choice(choices)[part.language if part else self.language]

    def terms(self, part: Part, *, revised: bool = False) -> dict:
        """A proposal near the request's budget, in its currency or in Canadian dollars."""
        rng, profile = self.rng, self.profile
        currency = profile.currency if rng.random() < 0.7 else "CAD"
        share = Decimal(str(round(rng.uniform(-0.1, 1.1), 3)))
        amount = profile.budget_min + (profile.budget_max - profile.budget_min) * share
        if revised:
            amount *= Decimal("0.94")
        if currency != profile.currency:
            amount *= self.cad_per_unit[profile.currency] / self.cad_per_unit[currency]
        rounding = Decimal(1000) if currency == "MXN" else Decimal(100)
        price = max(rounding, (amount / rounding).quantize(Decimal(1)) * rounding)
        weeks = min(260, max(1, profile.duration_weeks + rng.choice((-2, 0, 0, 2, 4))))
        team = max(1, profile.team_size + rng.choice((-1, 0, 0, 1, 2)))
        count = rng.randint(2, 4)
        milestones = [
            {
                "title": texts.MILESTONES[i][part.language],
                "week": max(1, round(weeks * (i + 1) / count)),
                "amount": str((price / count).quantize(Decimal("0.01"))),
            }
            for i in range(count)
        ]
        approach = texts.APPROACH[part.language].format(
            vendor=part.vendor.name, team=team, weeks=weeks
        )
        terms = {
            "price": price,
            "currency": currency,
            "duration_weeks": weeks,
            "team_size": team,
            "approach": (texts.REVISED[part.language] if revised else "") + approach,
            "milestones": milestones,
        }
        self.proposal_terms[part.vendor.pk] = terms
        return terms

    def place(self, *, now: datetime, earliest: datetime, spread: float) -> datetime:
        """When the request is published: recent for live stories (the deadline still ahead),
        anywhere in the history for closed ones (`spread`, 0–1, says where), so that every
        step is over by now and an active engagement is still running."""
        rng = self.rng
        if self.stage in LIVE_STAGES:
            return now - self.horizon - hours(rng.uniform(1, 18))
        if self.stage == "deciding":
            return now - max(self.end, self.due + days(3)) - days(rng.uniform(1, 8))
        latest = now - self.end - DAY
        if self.stage == "awarded":
            earliest = max(earliest, now - self.planned_end + days(7))
        return earliest + (latest - earliest) * spread if latest > earliest else latest

    # Playing -----------------------------------------------------------------------------

    def play(self, *, published_at: datetime) -> OutsourcingRequest:
        marks = []
        for offset, _, step in sorted(self.steps, key=itemgetter(0, 1)):
            marks.append((timezone.now(), published_at + offset))
            step()
        backdate(request_id=self.request.pk, marks=marks)
        OutsourcingRequest.objects.filter(pk=self.request.pk).update(
            proposals_due=floor_hour(published_at + self.due),
            questions_due=(
                floor_hour(published_at + self.questions_close) if self.questions_close else None
            ),
        )
        return self.request

    def create(self):
        profile = self.profile
        self.request = request_create(
            actor=self.member,
            company=self.company,
            title=profile.title,
            description=profile.description,
            sector=self.sector,
            budget_min=profile.budget_min,
            budget_max=profile.budget_max,
            currency=profile.currency,
            team_size=profile.team_size,
            duration_weeks=profile.duration_weeks,
            languages=sorted(profile.languages),
            skills=self.skill_ids,
            required_certifications=self.certification_ids,
            visibility=self.visibility,
            proposals_due=timezone.now() + PLAYING_DEADLINE,
        )

    def publish(self):
        self.request, self.run = request_publish(request=self.request, actor=self.member)

    def rank(self):
        # Ranked as publishing would have, with the exchange rates of that day.
        match_run_execute(run_id=self.run.pk)

    def invite(self, *, part: Part):
        self.invitations[part.vendor.pk] = services.bid_invitation_create(
            actor=self.member, outsourcing_request=self.request, vendor=part.vendor
        )

    def accept(self, *, part: Part):
        services.bid_invitation_accept(
            actor=part.actor, bid_invitation=self.invitations[part.vendor.pk]
        )

    def decline(self, *, part: Part, reason: str):
        services.bid_invitation_decline(
            actor=part.actor, bid_invitation=self.invitations[part.vendor.pk], reason=reason
        )

    def ask(self, *, part: Part, key: int, text: str):
        self.questions[key] = services.question_ask(
            actor=part.actor, outsourcing_request=self.request, text=text
        )

    def answer(self, *, key: int, text: str):
        services.question_answer(actor=self.member, question=self.questions[key], text=text)

    def propose(self, *, part: Part, terms: dict):
        self.proposals[part.vendor.pk] = services.proposal_submit(
            actor=part.actor, outsourcing_request=self.request, **terms
        )

    def withdraw(self, *, part: Part):
        services.proposal_withdraw(actor=part.actor, proposal=self.proposals[part.vendor.pk])

    def shortlist(self, *, part: Part):
        services.proposal_shortlist(actor=self.member, proposal=self.proposals[part.vendor.pk])

    def close_proposals(self):
        OutsourcingRequest.objects.filter(pk=self.request.pk).update(proposals_due=timezone.now())

    def award(self, *, part: Part, reason: str):
        self.engagement = services.request_award(
            actor=self.owner,
            outsourcing_request=self.request,
            proposal=self.proposals[part.vendor.pk],
            reason=reason,
        )

    def complete(self):
        services.engagement_complete(actor=self.member, engagement=self.engagement)

    def review_write(self, *, rating: int, text: str):
        self.review = services.review_create(
            actor=self.member, engagement=self.engagement, rating=rating, text=text
        )

    def review_reply(self, *, part: Part, text: str):
        services.review_reply(actor=part.actor, review=self.review, text=text)

    def cancel_engagement(self, *, reason: str):
        services.engagement_cancel(actor=self.owner, engagement=self.engagement, reason=reason)

    def cancel(self, *, reason: str):
        services.request_cancel(actor=self.owner, outsourcing_request=self.request, reason=reason)
