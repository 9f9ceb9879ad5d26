"""Which stories the tender demo tells, and which vendors take part in each."""

import random
from collections import Counter
from dataclasses import dataclass

from marketplace import demo_data
from marketplace.models import OutsourcingRequest, Vendor

from .story import AWARD_STAGES, LIVE_PROPOSAL, PROPOSING

SEED = "norte-demo-tenders"
OPEN = OutsourcingRequest.Visibility.OPEN
INVITATION = OutsourcingRequest.Visibility.INVITATION


@dataclass(frozen=True)
class Scenario:
    stage: str  # one of story.STAGES
    visibility: str
    sector: str
    showcase: bool = False  # the demo company's request, else another demo company's
    showcase_vendor: str = ""  # the demo vendor's fate in it (story.FATES), if it takes part
    reply: bool = True  # the vendor replies to the review


# The demo company at every stage, and the demo vendor (igaming, sports betting, lottery) on
# both sides of it.
SCRIPTED = (
    Scenario("invited", INVITATION, "igaming", showcase=True, showcase_vendor="pending"),
    Scenario("questions", OPEN, "sports-betting", showcase=True, showcase_vendor="accepts"),
    Scenario("proposals", INVITATION, "igaming", showcase=True, showcase_vendor="resubmits"),
    Scenario("deciding", OPEN, "sports-betting", showcase=True, showcase_vendor="proposes"),
    Scenario("awarded", INVITATION, "igaming", showcase=True, showcase_vendor="wins"),
    Scenario(
        "completed",
        INVITATION,
        "sports-betting",
        showcase=True,
        showcase_vendor="wins",
        reply=False,
    ),
    Scenario("completed", OPEN, "igaming", showcase=True, showcase_vendor="wins"),
    Scenario("completed", INVITATION, "igaming", showcase=True, showcase_vendor="proposes"),
    Scenario("engagement_cancelled", INVITATION, "cybersecurity", showcase=True),
    Scenario("cancelled", INVITATION, "sports-betting", showcase=True, showcase_vendor="proposes"),
    Scenario("cancelled", OPEN, "fintech-payments", showcase=True),
    Scenario("completed", OPEN, "data-analytics", showcase=True),
    Scenario("awarded", OPEN, "cloud-devops", showcase=True),
    Scenario("proposals", OPEN, "cybersecurity", showcase=True),
    Scenario("invited", INVITATION, "sports-betting", showcase_vendor="pending"),
    Scenario("questions", INVITATION, "lottery", showcase_vendor="accepts"),
    Scenario("completed", INVITATION, "lottery", showcase_vendor="declines"),
    Scenario("completed", INVITATION, "sports-betting", showcase_vendor="wins"),
    Scenario("awarded", OPEN, "igaming", showcase_vendor="proposes"),
)
# The other demo companies' stories, by stage; sectors take turns.
GENERATED = (
    ("completed", 10),
    ("awarded", 4),
    ("cancelled", 4),
    ("engagement_cancelled", 2),
    ("deciding", 2),
    ("proposals", 3),
    ("questions", 2),
    ("invited", 2),
)


@dataclass(frozen=True)
class Fit:
    """What decides whether a vendor can take part in a request: its hard constraints."""

    vendor: Vendor
    languages: frozenset
    certifications: frozenset
    sectors: frozenset

    @classmethod
    def of(cls, vendor: Vendor) -> "Fit":
        return cls(
            vendor,
            frozenset(vendor.languages),
            frozenset(c.slug for c in vendor.certifications.all()),
            frozenset(e.sector.slug for e in vendor.expertise.all()),
        )

    def fits(self, profile: demo_data.DemoRequest) -> bool:
        return bool(self.languages & profile.languages) and self.certifications.issuperset(
            profile.required_certifications
        )


def scenarios() -> list[Scenario]:
    rng = random.Random(f"{SEED}-stories")
    stages = [stage for stage, count in GENERATED for _ in range(count)]
    rng.shuffle(stages)
    sectors = demo_data.SECTOR_ORDER
    generated = [
        Scenario(
            stage,
            OPEN if rng.random() < 0.4 else INVITATION,
            sectors[i % len(sectors)],
            reply=rng.random() < 0.75,
        )
        for i, stage in enumerate(stages)
    ]
    return [*SCRIPTED, *generated]


def fates(*, rng: random.Random, stage: str) -> list[str]:
    """What the vendors of a story do, those the stage needs first (with fewer vendors than
    fates, the last ones are dropped)."""
    if stage == "invited":
        return [
            "pending",
            "accepts",
            "declines",
            *rng.sample(["pending", "accepts"], rng.randint(0, 2)),
        ]
    if stage == "questions":
        return ["accepts", "pending", "accepts", "declines"][: rng.randint(3, 4)]
    if stage in ("proposals", "deciding"):
        return [
            "proposes",
            "resubmits",
            "proposes",
            rng.choice(["declines", "pending", "withdraws"]),
        ]
    if stage == "cancelled":
        return ["proposes", rng.choice(["proposes", "declines", "accepts"]), "proposes"][
            : rng.randint(1, 3)
        ]
    return [
        "wins",
        "proposes",
        rng.choice(["proposes", "resubmits", "withdraws"]),
        rng.choice(["declines", "accepts", "proposes"]),
    ][: rng.randint(2, 4)]


def choose_cast(
    *,
    rng: random.Random,
    scenario: Scenario,
    profile: demo_data.DemoRequest,
    pool: list[Fit],
    demo_vendor: Fit | None,
) -> list[tuple[Fit, str, bool]] | None:
    """[(vendor's Fit, fate, invited)] for the story, or None when too few vendors fit.

    The first fates (the winner's) go to vendors of provinces with PROVINCE_MIN_VENDORS or
    more in the pool where there are such: see `record_cast`."""
    fitting = [fit for fit in pool if fit.fits(profile)]
    experts = [fit for fit in fitting if scenario.sector in fit.sectors]
    others = [fit for fit in fitting if scenario.sector not in fit.sectors]
    rng.shuffle(experts)
    rng.shuffle(others)
    in_province = Counter(fit.vendor.province for fit in pool)
    vendors = sorted(
        experts + others,
        key=lambda fit: in_province[fit.vendor.province] < PROVINCE_MIN_VENDORS,
    )
    wanted = fates(rng=rng, stage=scenario.stage)
    if scenario.showcase_vendor:
        if demo_vendor is None or not demo_vendor.fits(profile):
            return None
        if scenario.showcase_vendor in wanted:
            wanted.remove(scenario.showcase_vendor)
        vendors, wanted = [demo_vendor, *vendors], [scenario.showcase_vendor, *wanted]
    cast = [
        (
            fit,
            fate,
            scenario.visibility == INVITATION or fate not in PROPOSING or rng.random() < 0.4,
        )
        for fit, fate in zip(vendors, wanted, strict=False)
    ]
    chosen = [fate for _, fate, _ in cast]
    needed = {
        "questions": any(fate == "accepts" or fate in PROPOSING for fate in chosen),
        "proposals": any(fate in LIVE_PROPOSAL for fate in chosen),
        "deciding": any(fate in LIVE_PROPOSAL for fate in chosen),
        "invited": "pending" in chosen,
    }.get(scenario.stage, "wins" in chosen if scenario.stage in AWARD_STAGES else bool(chosen))
    return cast if needed else None


# The award history behind the insights: enough awards in every sector, month, state and
# province that none of their cells falls under the visitors' threshold of 3 engagements, and
# gambling (Norte's founding question) twice as many: with the tender stories', about 155
# awards, 4 or more a month, gambling about 37 % of their value. Each record costs about 80 ms
# to seed on SQLite, so 144 keep the award history within about 12 s.
HISTORY_AWARDS_PER_SECTOR = 8
HISTORY_AWARDS_PER_GAMBLING_SECTOR = 17
HISTORY_CANCELLED_PER_SECTOR = 1  # requests cancelled after proposals: demand not awarded
HISTORY_CANCELLED_ENGAGEMENTS = 0.06  # share of awards whose engagement is later cancelled
PROVINCE_MIN_VENDORS = 3  # the insights' threshold (insights.policies.SMALL_CELL)


@dataclass(frozen=True)
class Record:
    """A request of the award history: its sector, whether it is awarded or cancelled, and
    where in the two years that happens (`slot`, 0–1, oldest first)."""

    sector: str
    awarded: bool
    slot: float


def award_records(*, gambling: set[str]) -> list[Record]:
    """The award history, in a fixed order: the awards take turns over the two years in a
    shuffled order, so that every month has its share of them and of every sector; so do the
    cancelled requests, apart."""
    rng = random.Random(f"{SEED}-records")
    awards = [
        sector
        for sector in demo_data.SECTOR_ORDER
        for _ in range(
            HISTORY_AWARDS_PER_GAMBLING_SECTOR if sector in gambling else HISTORY_AWARDS_PER_SECTOR
        )
    ]
    cancelled = [
        sector for sector in demo_data.SECTOR_ORDER for _ in range(HISTORY_CANCELLED_PER_SECTOR)
    ]
    records = []
    for awarded, sectors in ((True, awards), (False, cancelled)):
        rng.shuffle(sectors)
        records += [
            Record(sector, awarded, (rank + rng.random()) / len(sectors))
            for rank, sector in enumerate(sectors)
        ]
    return records


def record_cast(
    *, rng: random.Random, record: Record, profile: demo_data.DemoRequest, pool: list[Fit]
) -> list[tuple[Fit, str, bool]] | None:
    """[(vendor's Fit, fate, invited)] for a record: 2–5 vendors propose unasked, experts in its
    sector first; if it is awarded, the first wins. None when fewer than 2 fit.

    The first is drawn with each province of the pool equally likely, so that the few
    vendors outside Ontario and Quebec win their share: the insights count awards by
    province. A vendor of a province with fewer than 3 vendors in the pool wins only when no
    other could: the insights hide a province's figure won by fewer than 3 vendors (and the
    next smallest with it), and a lone vendor would win its province's whole share."""
    fitting = [fit for fit in pool if fit.fits(profile)]
    experts = [fit for fit in fitting if record.sector in fit.sectors]
    others = [fit for fit in fitting if record.sector not in fit.sectors]
    rng.shuffle(experts)
    rng.shuffle(others)
    vendors = experts + others
    if len(vendors) < 2:
        return None
    candidates = experts or others
    in_province = Counter(fit.vendor.province for fit in pool)
    weights = [
        1 / in_province[fit.vendor.province]
        if in_province[fit.vendor.province] >= PROVINCE_MIN_VENDORS
        else 0
        for fit in candidates
    ]
    first = rng.choices(candidates, weights=weights if any(weights) else None)[0]
    vendors.remove(first)
    # Two to five proposals, under three on average, none withdrawn (the tender stories show
    # that): each step costs seeding time.
    vendors = [first, *vendors[: rng.choices((1, 2, 3, 4), weights=(5, 4, 1, 1))[0]]]
    fates = ["wins" if record.awarded else "proposes"] + ["proposes"] * (len(vendors) - 1)
    return [(fit, fate, False) for fit, fate in zip(vendors, fates, strict=True)]
