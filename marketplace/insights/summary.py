"""What one reader sees of the insights' figures (`selectors.insights_figures`): every figure
for staff; for everyone else, none built from too few engagements, companies or vendors.

A figure is *small* when it stands on fewer than `SMALL_CELL` engagements, or on fewer than
`SMALL_CELL` different companies or vendors (a company's members know their own contracts: with
one other company in the figure, they would read that company's). A small figure is hidden;
so is what would give it back by subtraction — the next smallest figures of its table, until
what is hidden together stands on `SMALL_CELL` (`suppressed`), the totals when they are small,
and the gambling total when the gambling sectors hidden in the sector table are small
together. Names come in the reader's language.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language

from companies.choices import MEXICAN_STATES
from companies.models import User
from marketplace.choices import CANADIAN_PROVINCES

from .periods import InsightsQuery
from .policies import SMALL_CELL, can_read_small_cells
from .selectors import ZERO, insights_figures


def size(figure: dict) -> int:
    """How many engagements a figure stands on, for the suppression: its engagements, or
    fewer if fewer companies or vendors share them."""
    return min(
        figure["count"],
        figure.get("companies", figure["count"]),
        figure.get("vendors", figure["count"]),
    )


def is_small(figure: dict) -> bool:
    return 0 < size(figure) < SMALL_CELL


def suppressed(*, sizes: dict[str, int], threshold: int = SMALL_CELL) -> set[str]:
    """The keys of the cells to hide: those of size 1 to `threshold` - 1, and — when what they
    hide together is still under `threshold`, so that the total minus the others would give a
    small cell back — the next smallest ones with them."""
    hidden = {key for key, n in sizes.items() if 0 < n < threshold}
    held = sum(sizes[key] for key in hidden)
    others = sorted((n, key) for key, n in sizes.items() if n and key not in hidden)
    while hidden and held < threshold and others:
        n, key = others.pop(0)
        hidden.add(key)
        held += n
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
    # None for visitors when the published requests are small (see `_posted_hidden`).
    posted_demand_cad: Decimal | None
    posted_demand_mxn: Decimal | None
    # What the requests published in the period were awarded over their posted demand, 0–1.
    awarded_share: float | None
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
        return sum(cell.is_suppressed for cells in self.tables.values() for cell in cells)

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


def _cell(row: dict, *, key: str, label: str, shown: bool, total_cad: Decimal, **extra) -> Cell:
    return Cell(
        key=key,
        label=label,
        count=row["count"] if shown else None,
        awarded_cad=row["cad"] if shown else None,
        awarded_mxn=row["mxn"] if shown else None,
        share=float(row["cad"] / total_cad) if shown and total_cad else None,
        **extra,
    )


def _cells(
    rows: list[dict], *, key: str, labels, total_cad: Decimal, show_all: bool, gambling=None
) -> list[Cell]:
    hidden = set() if show_all else suppressed(sizes={row[key]: size(row) for row in rows})
    return [
        _cell(
            row,
            key=row[key],
            label=labels(row),
            shown=row[key] not in hidden,
            total_cad=total_cad,
            gambling=bool(gambling and gambling(row)),
        )
        for row in rows
    ]


def _gambling_hidden(figures: dict, *, by_sector: list[Cell]) -> bool:
    """Whether the gambling total would give a small figure back: it is small; or what is
    not gambling is; or the gambling sectors the sector table hides are small together (the
    total minus the gambling sectors shown would be them)."""
    gambling = figures["gambling"]
    others = {"count": figures["count"] - gambling["count"]}
    hidden_gambling = sum(
        size(row)
        for row, cell in zip(figures["by_sector"], by_sector, strict=True)
        if cell.gambling and cell.is_suppressed
    )
    return is_small(gambling) or is_small(others) or 0 < hidden_gambling < SMALL_CELL


def _posted_hidden(posted: dict) -> bool:
    """Whether the posted demand would show a company's budgets: too few requests or
    companies behind it; or one or two requests by invitation among them, which the open data
    (listing every open request's budget) would leave over by subtraction."""
    return (
        is_small(posted)
        or 0 < posted["companies"] < SMALL_CELL
        or 0 < posted["by_invitation"] < SMALL_CELL
    )


def insights_summary(*, user: User, query: InsightsQuery) -> Summary:
    """The insights of `query` as `user` may read them."""
    figures = insights_figures(query=query)
    show_all = can_read_small_cells(user=user)
    total_shown = show_all or not is_small(figures)
    cad = figures["cad"]
    by_sector = _cells(
        figures["by_sector"],
        key="request__sector__slug",
        labels=lambda row: _label(row, "request__sector__"),
        total_cad=cad,
        show_all=show_all,
        gambling=lambda row: row["request__sector__is_gambling"],
    )
    gambling_shown = show_all or not _gambling_hidden(figures, by_sector=by_sector)
    posted = figures["posted"]
    posted_shown = show_all or not _posted_hidden(posted)
    states = dict(MEXICAN_STATES)
    provinces = dict(CANADIAN_PROVINCES)
    # Every month of the period, those without an award as zeros.
    months = {row["month"]: row for row in figures["by_month"]}
    empty = {"count": 0, "cad": ZERO, "mxn": ZERO}
    month_rows = [{**months.get(month, empty), "month": month} for month in query.month_keys]
    return Summary(
        query=query,
        complete=show_all,
        total=_cell(figures, key="total", label="", shown=total_shown, total_cad=cad),
        gambling=_cell(
            figures["gambling"],
            key="gambling",
            label="",
            shown=gambling_shown,
            total_cad=cad,
            gambling=True,
        ),
        posted_count=posted["count"],
        posted_demand_cad=posted["cad"] if posted_shown else None,
        posted_demand_mxn=posted["mxn"] if posted_shown else None,
        awarded_share=float(posted["awarded_cad"] / posted["cad"])
        if posted_shown and total_shown and posted["cad"]
        else None,
        median_days_to_award=figures["median_days"] if total_shown else None,
        proposals_per_request=round(figures["proposals"] / figures["count"], 1)
        if figures["count"] and total_shown
        else None,
        by_sector=by_sector,
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
