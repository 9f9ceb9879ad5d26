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

import time
import zoneinfo
from datetime import datetime
from datetime import time as clock
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
from django.utils import timezone

from marketplace.choices import Currency
from marketplace.models import ExchangeRate, OutsourcingRequest, Skill, Vendor
from marketplace.tenders.models import Engagement, Proposal

from .periods import InsightsQuery, month_add

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


def _sums(*, distinct: dict[str, str] | None = None, **condition) -> dict:
    """Count, CAD and MXN sums of the rows (those meeting `condition`, if any), and for each
    `field: key` of `distinct`, under `key`, how many different ones the rows name."""
    only = {"filter": Q(**condition)} if condition else {}
    return {
        "count": Count("pk", **only),
        "cad": Coalesce(Sum("value_cad", **only), Value(ZERO), output_field=MONEY),
        "mxn": Coalesce(Sum("value_mxn", **only), Value(ZERO), output_field=MONEY),
        **{key: Count(field, distinct=True, **only) for field, key in (distinct or {}).items()},
    }


# Who stands behind a figure of awards: the suppression counts the companies and the vendors
# too, so that one company's (or one vendor's) own contracts never make a figure look shared.
PARTIES = {"company": "companies", "vendor": "vendors"}


def _money(value) -> Decimal:
    # SQLite sums decimals as floats: back to cents.
    return Decimal(str(value or 0)).quantize(CENT)


def _period(query: InsightsQuery) -> tuple[datetime, datetime]:
    """The period's first instant and the instant after its last, in the site's time zone."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(query.first_month, clock(), tzinfo=zone)
    end = datetime.combine(month_add(query.last_month, 1), clock(), tzinfo=zone)
    return start, end


# --- The figures, computed and cached ------------------------------------------------------------


def awarded_engagements(
    *, query: InsightsQuery, published_in_period: bool = False
) -> QuerySet[Engagement]:
    """The engagements awarded in the period (in the sector, if any) and not cancelled, each
    with its value in CAD and MXN (`value_cad`, `value_mxn`); with `published_in_period`,
    those whose request was published in the period instead, whenever awarded."""
    start, end = _period(query)
    moment = "request__published_at" if published_in_period else "created_at"
    rows = Engagement.objects.exclude(status=Engagement.Status.CANCELLED).filter(
        **{f"{moment}__gte": start, f"{moment}__lt": end}
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
        for row in rows.values(*fields).annotate(**_sums(distinct=PARTIES)).order_by(*fields)
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
    gambling = {"request__sector__is_gambling": True}
    totals = awarded.aggregate(
        **_sums(distinct=PARTIES),
        **{f"gambling_{k}": v for k, v in _sums(distinct=PARTIES, **gambling).items()},
        unconverted=Count("pk", filter=Q(value_cad__isnull=True) | Q(value_mxn__isnull=True)),
    )
    count = totals["count"]
    posted = posted_requests(query=query).aggregate(
        **_sums(distinct={"company": "companies"}),
        by_invitation=Count("pk", filter=Q(visibility=OutsourcingRequest.Visibility.INVITATION)),
    )
    # The share awarded compares like with like: the period's posted budgets against what
    # the same requests were awarded (whenever), not against other requests' awards.
    cohort = awarded_engagements(query=query, published_in_period=True).aggregate(**_sums())
    skills = _skill_demand(query=query)
    return {
        **{key: totals[key] for key in ("count", "companies", "vendors", "unconverted")},
        "cad": _money(totals["cad"]),
        "mxn": _money(totals["mxn"]),
        "gambling": {
            "count": totals["gambling_count"],
            "companies": totals["gambling_companies"],
            "vendors": totals["gambling_vendors"],
            "cad": _money(totals["gambling_cad"]),
            "mxn": _money(totals["gambling_mxn"]),
        },
        "posted": {
            "count": posted["count"],
            "companies": posted["companies"],
            "by_invitation": posted["by_invitation"],
            "cad": _money(posted["cad"]),
            "mxn": _money(posted["mxn"]),
            "awarded_cad": _money(cohort["cad"]),
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
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


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
