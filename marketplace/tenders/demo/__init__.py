"""The tender demo: requests at every stage of a tender, spread over the last two years, and
the award history the insights read.

`seed_demo` calls `tender_history_seed()` once the demo vendors, companies and requests exist.
The SCRIPTED stories put the demo accounts on both sides: Grupo Casino Azteca (ana, bruno) has
a request at every stage, and True North Gaming Labs (victor) has invitations to answer, a
proposal to write, an engagement running, a review to reply to and a proposal that lost, with
the reason. The generated ones fill the history across sectors with the other demo companies
and vendors. Every step goes through the services (see `story`), so every row is valid and
every transition has its event.

Deterministic: story N draws from its own seeded generator, and its moments are offsets from
the day it is seeded. Idempotent: a story's request ends with its reference
(`RFP-TENDER-000012`), and a story whose request exists is not told again. Bounded: one request
per story whatever --vendors and --requests say, with vendors from the first VENDOR_POOL
approved demo vendors; a story that finds too few vendors fitting its request is left for a
run with more.

The award history (`award_records`, `Teller.record`) adds about 140 requests between the other
demo companies and vendors, awarded (or cancelled) at their turn over the two years, so that no
sector, month, state or province of the insights has too few engagements to show. They are lean
stories (see `Story`), their events recorded as history (`events_as_history`), and their
references end with RECORD_PREFIX (`RFP-AWARD-000012`), told once like the stories.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Q
from django.db.models.functions import Right
from django.utils import timezone

from companies.choices import Role
from companies.models import Company, Membership, User
from companies.services import membership_create
from marketplace import demo_data
from marketplace.choices import Currency
from marketplace.events.services import events_as_history
from marketplace.models import (
    Certification,
    ExchangeRate,
    OutsourcingRequest,
    Sector,
    Skill,
    Vendor,
)

from . import texts
from .scenarios import (
    HISTORY_CANCELLED_ENGAGEMENTS,
    SEED,
    Fit,
    Record,
    Scenario,
    award_records,
    choose_cast,
    record_cast,
    scenarios,
)
from .story import AWARD_STAGES, Part, Story
from .timeline import DAY, days

REFERENCE_PREFIX = "RFP-TENDER-"
RECORD_PREFIX = "RFP-AWARD-"  # the award history's requests
HISTORY_DAYS = 730  # two years
VENDOR_POOL = 200
PROFILE_ATTEMPTS = 20  # request profiles drawn until one fits the story's vendors


@dataclass(frozen=True)
class TenderHistory:
    created: int
    existing: int
    left_out: int  # stories that found too few vendors fitting their request


def tender_history_seed(
    *,
    companies: list[tuple[Company, str]],
    showcase_vendor: Vendor,
    skills_by_sector: dict,
    certification_names: dict[str, str],
    cad_per_unit: dict[str, Decimal],
) -> tuple[TenderHistory, TenderHistory]:
    """Tell the stories, then the award history's records, not told yet; returns how many of
    each. `companies` are seed_demo's (company, kind) pairs, the demo company first; the other
    arguments are its reference data, as `request_profile` takes them."""
    now = timezone.now()
    exchange_rates_ensure(since=(now - days(HISTORY_DAYS)).date().replace(day=1))
    stories = scenarios()
    teller = Teller(
        stories=stories,
        companies=companies,
        showcase_vendor=showcase_vendor,
        profile_data={
            "skills_by_sector": skills_by_sector,
            "certification_names": certification_names,
            "cad_per_unit": cad_per_unit,
        },
        now=now,
    )
    told = tell_all(stories, told=told_stories(prefix=REFERENCE_PREFIX), tell=teller.tell)
    records = award_records(
        gambling=set(Sector.objects.filter(is_gambling=True).values_list("slug", flat=True))
    )
    recorded = tell_all(
        records,
        told=told_stories(prefix=RECORD_PREFIX),
        tell=lambda *, index, scenario: teller.record(index=index, record=scenario),
    )
    # The organisations and their people were on Norte before their first tender.
    organisations_backdate(
        companies=teller.companies, vendors=teller.vendors, joined=now - days(HISTORY_DAYS - 1)
    )
    return told, recorded


def tell_all(scenarios: list, *, told: set[int], tell) -> TenderHistory:
    created = left_out = 0
    for index, scenario in enumerate(scenarios):
        if index in told:
            continue
        if tell(index=index, scenario=scenario):
            created += 1
        else:
            left_out += 1
    return TenderHistory(created=created, existing=len(told), left_out=left_out)


class Teller:
    """What every story needs: the companies buying in each sector, the vendors that may take
    part, the reference data, the people acting, and when each closed story happens."""

    def __init__(self, *, stories, companies, showcase_vendor, profile_data: dict, now):
        self.now, self.profile_data = now, profile_data
        self.showcase = companies[0][0]
        self.buyers = {
            sector: [
                c for c, kind in companies[1:] if sector in demo_data.COMPANY_KINDS[kind].sectors
            ]
            for sector in demo_data.SECTOR_ORDER
        }
        self.pool = [
            Fit.of(vendor)
            for vendor in Vendor.objects.filter(
                status=Vendor.Status.APPROVED, slug__startswith="demo-vendor-"
            )
            .order_by("slug")
            .prefetch_related("certifications", "expertise__sector")[:VENDOR_POOL]
        ]
        approved = showcase_vendor.status == Vendor.Status.APPROVED
        self.demo_vendor = Fit.of(showcase_vendor) if approved else None
        self.sectors = Sector.objects.in_bulk(field_name="slug")
        self.skill_ids = dict(Skill.objects.values_list("slug", "id"))
        self.certification_ids = dict(Certification.objects.values_list("slug", "id"))
        # Closed stories take turns across the two years, in a shuffled order so that neither
        # the demo company's nor any stage's are all old.
        closed = [i for i, s in enumerate(stories) if s.stage in (*AWARD_STAGES, "cancelled")]
        random.Random(f"{SEED}-spread").shuffle(closed)
        self.closed_rank = {index: rank for rank, index in enumerate(closed)}
        self.people: dict[tuple[str, int], tuple[User, User]] = {}
        self.companies, self.vendors = set(), set()  # those that took part

    def tell(self, *, index: int, scenario: Scenario) -> bool:
        """Play story `index`; False when too few vendors fit any request drawn for it."""
        rng = random.Random(f"{SEED}-{index}")
        company = self.showcase if scenario.showcase else rng.choice(self.buyers[scenario.sector])
        drawn = self.draw(
            index=index,
            seed=f"{SEED}-{index}",
            sector=scenario.sector,
            company=company,
            prefix=REFERENCE_PREFIX,
            cast=lambda profile: choose_cast(
                rng=rng,
                scenario=scenario,
                profile=profile,
                pool=self.pool,
                demo_vendor=self.demo_vendor,
            ),
        )
        if drawn is None:
            return False
        profile, cast = drawn
        story = self.story(
            rng=rng,
            stage=scenario.stage,
            visibility=scenario.visibility,
            reply=scenario.reply,
            company=company,
            sector=scenario.sector,
            profile=profile,
            cast=cast,
        )
        story.plan()
        spread = (self.closed_rank.get(index, 0) + rng.random()) / max(1, len(self.closed_rank))
        earliest = self.now - days(HISTORY_DAYS - 15)
        story.play(published_at=story.place(now=self.now, earliest=earliest, spread=spread))
        self.took_part(company=company, cast=cast)
        return True

    def record(self, *, index: int, record: Record) -> bool:
        """Play record `index` of the award history, ending at its slot in the two years:
        awarded (then completed if its engagement is over by now, else still running; a few
        cancelled) or cancelled. False when too few vendors fit any request drawn for it."""
        rng = random.Random(f"{SEED}-record-{index}")
        company = rng.choice(self.buyers[record.sector])
        drawn = self.draw(
            index=index,
            seed=f"{SEED}-record-{index}",
            sector=record.sector,
            company=company,
            prefix=RECORD_PREFIX,
            cast=lambda profile: record_cast(
                rng=rng, record=record, profile=profile, pool=self.pool
            ),
        )
        if drawn is None:
            return False
        profile, cast = drawn
        earliest = self.now - days(HISTORY_DAYS - 15)  # published from then on
        latest = self.now - DAY
        # When it is awarded (or cancelled): from the history's second month on, when a
        # request published in its first could be awarded.
        ends = latest - (latest - earliest - days(30)) * (1 - record.slot)
        if record.awarded:
            fates = ["completed", "awarded"]
            if rng.random() < HISTORY_CANCELLED_ENGAGEMENTS:
                fates.insert(0, "engagement_cancelled")
        else:
            fates = ["cancelled"]
        for stage in fates:
            # The same generator for every try: the steps up to the award are the same.
            story = self.story(
                rng=random.Random(f"{SEED}-record-{index}-story"),
                stage=stage,
                visibility=OutsourcingRequest.Visibility.OPEN,
                reply=False,
                company=company,
                sector=record.sector,
                profile=profile,
                cast=cast,
                lean=True,
            )
            story.plan()
            published = max(earliest, ends - (story.awarded if record.awarded else story.end))
            if published + story.end < latest:
                break
        with events_as_history():
            story.play(published_at=published)
        self.took_part(company=company, cast=cast)
        return True

    def draw(self, *, index: int, seed: str, sector: str, company: Company, prefix: str, cast):
        """(request profile, cast) for request `index` of `company` in `sector`: profiles are
        drawn (from generators seeded with `seed`) until `cast(profile)` finds vendors that
        fit one; None if none does."""
        for attempt in range(PROFILE_ATTEMPTS):
            profile = demo_data.request_profile(
                random.Random(f"{seed}-request-{attempt}"),
                index=index,
                sector=sector,
                company_name=company.name.rsplit(", ", 1)[0],  # without "S.A. de C.V."
                reference_prefix=prefix,
                **self.profile_data,
            )
            chosen = cast(profile)
            if chosen:
                return profile, chosen
        return None

    def story(self, *, company, sector: str, profile, cast, **kwargs) -> Story:
        owner, member = acting_people(organisation=company, people=self.people)
        return Story(
            profile=profile,
            sector=self.sectors[sector],
            skill_ids=[self.skill_ids[slug] for slug in profile.skills],
            certification_ids=[
                self.certification_ids[slug] for slug in profile.required_certifications
            ],
            company=company,
            owner=owner,
            member=member,
            parts=[
                Part(
                    vendor=fit.vendor,
                    actor=acting_people(organisation=fit.vendor, people=self.people)[0],
                    fate=fate,
                    invited=invited,
                    language=profile.language if profile.language in fit.languages else "en",
                )
                for fit, fate, invited in cast
            ],
            cad_per_unit=self.profile_data["cad_per_unit"],
            **kwargs,
        )

    def took_part(self, *, company: Company, cast) -> None:
        self.companies.add(company.pk)
        self.vendors.update(fit.vendor.pk for fit, _, _ in cast)


def told_stories(*, prefix: str) -> set[int]:
    numbers = (
        OutsourcingRequest.objects.filter(description__contains=prefix)
        .annotate(number=Right("description", demo_data.REQUEST_REFERENCE_DIGITS))
        .values_list("number", flat=True)
    )
    return {int(number) for number in numbers if number.isdigit()}


def acting_people(*, organisation: Company | Vendor, people: dict) -> tuple[User, User]:
    """(an owner, a member — the owner if it has none) of the company or vendor; one that has
    nobody gets an owner, who cannot log in (only the documented demo accounts can)."""
    key = (type(organisation).__name__, organisation.pk)
    if key not in people:
        memberships = list(organisation.memberships.select_related("user").order_by("id"))
        owner = next((m.user for m in memberships if m.role == Role.OWNER), None)
        if owner is None:
            names = (
                texts.MEXICAN_PEOPLE if isinstance(organisation, Company) else texts.CANADIAN_PEOPLE
            )
            first, last = random.Random(f"{SEED}-person-{organisation.slug}").choice(names)
            username = f"{organisation.slug}-owner"
            owner = User.objects.create_user(
                username=username,
                email=f"{username}@norte.example",
                first_name=first,
                last_name=last,
            )
            membership_create(user=owner, organisation=organisation, role=Role.OWNER)
        member = next((m.user for m in memberships if m.role == Role.MEMBER), owner)
        people[key] = (owner, member)
    return people[key]


def organisations_backdate(*, companies: set, vendors: set, joined: datetime) -> None:
    """Organisations, their people and vendors' approvals from before `joined`."""
    Company.objects.filter(pk__in=companies, created_at__gt=joined).update(created_at=joined)
    Vendor.objects.filter(pk__in=vendors, created_at__gt=joined).update(created_at=joined)
    Vendor.objects.filter(
        pk__in=vendors, status=Vendor.Status.APPROVED, status_changed_at__gt=joined
    ).update(status_changed_at=joined)
    members = Q(company__in=companies) | Q(vendor__in=vendors)
    Membership.objects.filter(members, created_at__gt=joined).update(created_at=joined)
    User.objects.filter(
        pk__in=Membership.objects.filter(members).values("user"), date_joined__gt=joined
    ).update(date_joined=joined)


def exchange_rates_ensure(*, since: date) -> int:
    """Monthly rates back to `since` for every currency whose recorded rates start later, so
    that prices from any day of the history convert. The reference data starts 2025-01-01;
    each month before moves up to 2 % from the next (a made-up but plausible path)."""
    rows = []
    for currency in Currency.values:
        first = ExchangeRate.objects.filter(currency=currency).order_by("valid_from").first()
        if first is None or first.valid_from <= since:
            continue
        rate, month = first.rate_to_cad, first.valid_from
        while month > since:
            month = (
                (month - timedelta(days=1)).replace(day=1)
                if month.day == 1
                else month.replace(day=1)
            )
            if currency != Currency.CAD:
                move = random.Random(f"{SEED}-rate-{currency}-{month}").uniform(-0.02, 0.02)
                rate = (rate * (1 + Decimal(str(round(move, 4))))).quantize(Decimal("0.000001"))
            rows.append(ExchangeRate(currency=currency, rate_to_cad=rate, valid_from=month))
    for row in rows:
        row.full_clean()
    ExchangeRate.objects.bulk_create(rows)
    return len(rows)
