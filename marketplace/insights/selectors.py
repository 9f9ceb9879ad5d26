"""The insights: what Mexican companies awarded to Canadian vendors on Norte, aggregated in the
database.

Two steps. `insights_figures()` computes every figure of one `InsightsQuery` in a fixed number
of queries (each dimension one GROUP BY; no loop over rows) and caches them as plain numbers,
until `services.insights_refresh()` moves the cache to a new generation or
INSIGHTS_CACHE_SECONDS pass. `insights_summary()` turns them into what one reader may see: the
cells of fewer than `SMALL_CELL` engagements suppressed unless the reader is staff, names in the
reader's language.

Money: an engagement's value is its awarded proposal's price, converted to CAD at the rate
valid on the day of the award and from CAD to MXN at that day's MXN rate, to the cent at each
step (as `marketplace.selectors.ExchangeRates.convert`). Posted demand is each request's
maximum budget (the most it said it would spend), converted on the day it was published.
Engagements later cancelled are left out: the work was not outsourced after all.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Round, TruncDate, TruncMonth
from django.utils import formats, timezone
from django.utils.translation import get_language

from companies.choices import MEXICAN_STATES
from companies.models import User
from marketplace.choices import CANADIAN_PROVINCES, Currency
from marketplace.models import ExchangeRate, OutsourcingRequest, Skill, Vendor
from marketplace.tenders.models import Engagement, Proposal

from .periods import InsightsQuery, month_add
from .policies import SMALL_CELL, can_read_small_cells

MONEY = DecimalField(max_digits=20, decimal_places=2)
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
TOP_SKILLS = 10
# A skill asked for once tells little about scarcity; twice is the least to call it demand.
SCARCE_SKILL_MIN_REQUESTS = 2
GENERATION_KEY = "insights:generation"


# --- Money in the database ---------------------------------------------------------------------


def _rate_to_cad(*, currency, day: str) -> Subquery:
    """CAD per unit of `currency` (a value or an OuterRef) on the outer row's `day`: the
    latest rate from then or before, as `exchange_rate_on()`."""
    return Subquery(
        ExchangeRate.objects.filter(currency=currency, valid_from__lte=OuterRef(day))
        .order_by("-valid_from")
        .values("rate_to_cad")[:1],
        output_field=DecimalField(max_digits=12, decimal_places=6),
    )


def _with_values(rows: QuerySet, *, amount: str, currency: str, day: str) -> QuerySet:
    """`rows` with `value_cad` and `value_mxn`: `amount` in `currency` converted on `day`
    (null when no rate is recorded that early)."""
    return rows.annotate(
        value_cad=Case(
            When(**{currency: Currency.CAD}, then=F(amount)),
            default=Round(
                F(amount) * _rate_to_cad(currency=OuterRef(currency), day=day), precision=2
            ),
            output_field=MONEY,
        )
    ).annotate(
        value_mxn=Case(
            When(**{currency: Currency.MXN}, then=F(amount)),
            default=Round(
                F("value_cad") / _rate_to_cad(currency=Currency.MXN, day=day), precision=2
            ),
            output_field=MONEY,
        )
    )


def _sums(**condition) -> dict:
    only = {"filter": Q(**condition)} if condition else {}
    return {
        "count": Count("pk", **only),
        "cad": Coalesce(Sum("value_cad", **only), Value(ZERO), output_field=MONEY),
        "mxn": Coalesce(Sum("value_mxn", **only), Value(ZERO), output_field=MONEY),
    }


def _money(value) -> Decimal:
    # SQLite sums decimals as floats: back to cents.
    return Decimal(str(value or 0)).quantize(CENT)


def _period(query: InsightsQuery) -> tuple[datetime, datetime]:
    """The period's first instant and the instant after its last, in the site's time zone."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(query.first_month, time(), tzinfo=zone)
    end = datetime.combine(month_add(query.last_month, 1), time(), tzinfo=zone)
    return start, end


# --- The figures, computed and cached ------------------------------------------------------------


def awarded_engagements(*, query: InsightsQuery) -> QuerySet[Engagement]:
    """The engagements awarded in the period (in the sector, if any) and not cancelled, each
    with its value in CAD and MXN (`value_cad`, `value_mxn`)."""
    start, end = _period(query)
    rows = Engagement.objects.exclude(status=Engagement.Status.CANCELLED).filter(
        created_at__gte=start, created_at__lt=end
    )
    if query.sector is not None:
        rows = rows.filter(request__sector=query.sector)
    rows = rows.annotate(
        award_day=TruncDate("created_at"),
        price=F("proposal__price"),
        price_currency=F("proposal__currency"),
    )
    return _with_values(rows, amount="price", currency="price_currency", day="award_day")


def posted_requests(*, query: InsightsQuery) -> QuerySet[OutsourcingRequest]:
    """The requests published in the period (in the sector, if any), whatever became of them,
    each with its maximum budget in CAD and MXN (`value_cad`, `value_mxn`)."""
    start, end = _period(query)
    rows = OutsourcingRequest.objects.filter(published_at__gte=start, published_at__lt=end)
    if query.sector is not None:
        rows = rows.filter(sector=query.sector)
    rows = rows.annotate(publish_day=TruncDate("published_at"))
    return _with_values(rows, amount="budget_max", currency="currency", day="publish_day")


def _grouped(rows: QuerySet, *fields: str) -> list[dict]:
    return [
        {**row, "cad": _money(row["cad"]), "mxn": _money(row["mxn"])}
        for row in rows.values(*fields).annotate(**_sums()).order_by(*fields)
    ]


def _median_days(rows: QuerySet, *, count: int) -> float | None:
    """The median time from publishing to award, in days: the middle one or two waits, read
    in order by the database."""
    if not count:
        return None
    waits = list(
        rows.annotate(
            wait=ExpressionWrapper(
                F("created_at") - F("request__published_at"), output_field=DurationField()
            )
        )
        .order_by("wait", "pk")
        .values_list("wait", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    return round(sum(wait.total_seconds() for wait in waits) / len(waits) / 86400, 1)


def _skill_demand(*, query: InsightsQuery) -> QuerySet[Skill]:
    """Skills the period's requests asked for, with how many asked (`asked`) and how many
    approved vendors list them (`held`)."""
    start, end = _period(query)
    asked = OutsourcingRequest.skills.through.objects.filter(
        skill=OuterRef("pk"),
        outsourcingrequest__published_at__gte=start,
        outsourcingrequest__published_at__lt=end,
    )
    if query.sector is not None:
        asked = asked.filter(outsourcingrequest__sector=query.sector)
    held = Vendor.skills.through.objects.filter(
        skill=OuterRef("pk"), vendor__status=Vendor.Status.APPROVED
    )

    def counted(rows):
        return Coalesce(
            Subquery(rows.values("skill").annotate(n=Count("pk")).values("n")), Value(0)
        )

    return Skill.objects.annotate(asked=counted(asked), held=counted(held)).filter(asked__gt=0)


SKILL_FIELDS = ("slug", "name", "name_es", "name_fr", "asked", "held")


def _compute(query: InsightsQuery) -> dict:
    awarded = awarded_engagements(query=query)
    totals = awarded.aggregate(
        **_sums(),
        gambling_count=Count("pk", filter=Q(request__sector__is_gambling=True)),
        gambling_cad=Sum("value_cad", filter=Q(request__sector__is_gambling=True)),
        gambling_mxn=Sum("value_mxn", filter=Q(request__sector__is_gambling=True)),
        unconverted=Count("pk", filter=Q(value_cad__isnull=True) | Q(value_mxn__isnull=True)),
    )
    count = totals["count"]
    posted = posted_requests(query=query).aggregate(**_sums())
    skills = _skill_demand(query=query)
    return {
        "count": count,
        "cad": _money(totals["cad"]),
        "mxn": _money(totals["mxn"]),
        "unconverted": totals["unconverted"],
        "gambling": {
            "count": totals["gambling_count"],
            "cad": _money(totals["gambling_cad"]),
            "mxn": _money(totals["gambling_mxn"]),
        },
        "posted": {
            "count": posted["count"],
            "cad": _money(posted["cad"]),
            "mxn": _money(posted["mxn"]),
        },
        "by_sector": _grouped(
            awarded,
            "request__sector__slug",
            "request__sector__name",
            "request__sector__name_es",
            "request__sector__name_fr",
            "request__sector__is_gambling",
        ),
        "by_month": [
            {**row, "month": timezone.localtime(row["month"]).strftime("%Y-%m")}
            for row in _grouped(awarded.annotate(month=TruncMonth("created_at")), "month")
        ],
        "by_state": _grouped(awarded, "company__state"),
        "by_province": _grouped(awarded, "vendor__province"),
        "median_days": _median_days(awarded, count=count),
        "proposals": Proposal.objects.not_withdrawn()
        .filter(request__in=awarded.values("request"))
        .count(),
        "top_skills": list(
            skills.order_by("-asked", "held", "name").values(*SKILL_FIELDS)[:TOP_SKILLS]
        ),
        "scarce_skills": list(
            skills.filter(asked__gte=SCARCE_SKILL_MIN_REQUESTS)
            .annotate(
                pressure=Cast("asked", FloatField()) / Greatest(Cast("held", FloatField()), 1.0)
            )
            .order_by("-pressure", "-asked", "name")
            .values(*SKILL_FIELDS)[:TOP_SKILLS]
        ),
    }


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def insights_figures(*, query: InsightsQuery) -> dict:
    """Every figure of `query`, unsuppressed, from the cache of the current generation or
    computed now (see the module's docstring)."""
    key = ":".join(
        [
            "insights:figures",
            str(_generation()),
            query.first_month.isoformat(),
            query.last_month.isoformat(),
            query.sector.slug if query.sector else "",
        ]
    )
    figures = cache.get(key)
    if figures is None:
        figures = _compute(query)
        cache.set(key, figures, timeout=settings.INSIGHTS_CACHE_SECONDS)
    return figures


# --- What one reader sees ------------------------------------------------------------------------


def suppressed(counts: dict[str, int], *, threshold: int = SMALL_CELL) -> set[str]:
    """The keys of the cells to hide: those of 1 to `threshold` - 1 engagements, and — when
    what they hide together is still under `threshold`, so that the total minus the others
    would give a small cell back — the next smallest ones with them."""
    hidden = {key for key, count in counts.items() if 0 < count < threshold}
    held = sum(counts[key] for key in hidden)
    others = sorted((count, key) for key, count in counts.items() if count and key not in hidden)
    while hidden and held < threshold and others:
        count, key = others.pop(0)
        hidden.add(key)
        held += count
    return hidden


@dataclass(frozen=True)
class Cell:
    """One figure of awards: a sector, a month, a state, a province or a total. `count` and
    the amounts are None when the reader may not see them (suppressed)."""

    key: str
    label: str
    count: int | None
    awarded_cad: Decimal | None
    awarded_mxn: Decimal | None
    share: float | None = None  # of the total awarded value, 0–1
    gambling: bool = False

    @property
    def is_suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class SkillDemand:
    slug: str
    label: str
    requests: int  # requests of the period that asked for it
    vendors: int  # approved vendors that list it


@dataclass(frozen=True)
class Summary:
    query: InsightsQuery
    complete: bool  # the reader sees every figure (staff)
    total: Cell
    gambling: Cell
    posted_count: int
    # None for visitors when fewer than SMALL_CELL requests were published: one company's
    # budget, maybe of a request only invited vendors read, would show.
    posted_demand_cad: Decimal | None
    posted_demand_mxn: Decimal | None
    awarded_share: float | None  # awarded value / posted demand, 0–1
    median_days_to_award: float | None
    proposals_per_request: float | None
    by_sector: list[Cell]
    by_month: list[Cell]
    by_state: list[Cell]
    by_province: list[Cell]
    top_skills: list[SkillDemand]
    scarce_skills: list[SkillDemand]
    unconverted: int  # engagements without a rate on their day, left out of the amounts

    @property
    def suppressed_cells(self) -> int:
        return sum(
            cell.is_suppressed
            for cell in [*self.by_sector, *self.by_month, *self.by_state, *self.by_province]
        )

    @property
    def tables(self) -> dict[str, list[Cell]]:
        return {
            "by_sector": self.by_sector,
            "by_month": self.by_month,
            "by_state": self.by_state,
            "by_province": self.by_province,
        }


def _label(row: dict, prefix: str) -> str:
    """A sector's or a skill's name in the reader's language, as `TranslatedName`."""
    language = (get_language() or "en")[:2]
    return row.get(f"{prefix}name_{language}") or row[f"{prefix}name"]


def _cells(
    rows: list[dict], *, key: str, labels, total_cad: Decimal, show_all: bool, gambling=None
) -> list[Cell]:
    hidden = set() if show_all else suppressed({row[key]: row["count"] for row in rows})
    cells = []
    for row in rows:
        shown = row[key] not in hidden
        cells.append(
            Cell(
                key=row[key],
                label=labels(row),
                count=row["count"] if shown else None,
                awarded_cad=row["cad"] if shown else None,
                awarded_mxn=row["mxn"] if shown else None,
                share=float(row["cad"] / total_cad) if shown and total_cad else None,
                gambling=bool(gambling and gambling(row)),
            )
        )
    return cells


def insights_summary(*, user: User, query: InsightsQuery) -> Summary:
    """The insights of `query` as `user` may read them."""
    figures = insights_figures(query=query)
    show_all = can_read_small_cells(user=user)
    count = figures["count"]
    total_shown = show_all or not (0 < count < SMALL_CELL)
    cad = figures["cad"]
    gambling = figures["gambling"]
    other_count = count - gambling["count"]
    gambling_hidden = not show_all and bool(
        suppressed({"gambling": gambling["count"], "other": other_count}) & {"gambling", "other"}
    )
    states = dict(MEXICAN_STATES)
    provinces = dict(CANADIAN_PROVINCES)
    # Every month of the period, those without an award as zeros.
    months = {row["month"]: row for row in figures["by_month"]}
    empty = {"count": 0, "cad": ZERO, "mxn": ZERO}
    month_rows = [{**months.get(month, empty), "month": month} for month in query.month_keys]
    posted = figures["posted"]
    posted_shown = show_all or not (0 < posted["count"] < SMALL_CELL)
    posted_cad = posted["cad"] if posted_shown else None
    return Summary(
        query=query,
        complete=show_all,
        total=Cell(
            key="total",
            label="",
            count=count if total_shown else None,
            awarded_cad=cad if total_shown else None,
            awarded_mxn=figures["mxn"] if total_shown else None,
            share=1.0 if total_shown and cad else None,
        ),
        gambling=Cell(
            key="gambling",
            label="",
            count=None if gambling_hidden else gambling["count"],
            awarded_cad=None if gambling_hidden else gambling["cad"],
            awarded_mxn=None if gambling_hidden else gambling["mxn"],
            share=float(gambling["cad"] / cad) if cad and not gambling_hidden else None,
            gambling=True,
        ),
        posted_count=posted["count"],
        posted_demand_cad=posted_cad,
        posted_demand_mxn=posted["mxn"] if posted_shown else None,
        awarded_share=float(cad / posted_cad) if total_shown and posted_cad else None,
        median_days_to_award=figures["median_days"] if total_shown else None,
        proposals_per_request=round(figures["proposals"] / count, 1)
        if count and total_shown
        else None,
        by_sector=_cells(
            figures["by_sector"],
            key="request__sector__slug",
            labels=lambda row: _label(row, "request__sector__"),
            total_cad=cad,
            show_all=show_all,
            gambling=lambda row: row["request__sector__is_gambling"],
        ),
        by_month=_cells(
            month_rows,
            key="month",
            labels=lambda row: formats.date_format(
                date.fromisoformat(f"{row['month']}-01"), "YEAR_MONTH_FORMAT"
            ),
            total_cad=cad,
            show_all=show_all,
        ),
        by_state=_cells(
            figures["by_state"],
            key="company__state",
            labels=lambda row: str(states.get(row["company__state"], row["company__state"])),
            total_cad=cad,
            show_all=show_all,
        ),
        by_province=_cells(
            figures["by_province"],
            key="vendor__province",
            labels=lambda row: str(provinces.get(row["vendor__province"], row["vendor__province"])),
            total_cad=cad,
            show_all=show_all,
        ),
        top_skills=[_skill(row) for row in figures["top_skills"]],
        scarce_skills=[_skill(row) for row in figures["scarce_skills"]],
        unconverted=figures["unconverted"],
    )


def _skill(row: dict) -> SkillDemand:
    return SkillDemand(
        slug=row["slug"], label=_label(row, ""), requests=row["asked"], vendors=row["held"]
    )
