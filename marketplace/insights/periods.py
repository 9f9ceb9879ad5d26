"""The insights' period: whole months, and what one summary is of."""

from dataclasses import dataclass
from datetime import date

from marketplace.models import Sector


def month_add(month: date, months: int) -> date:
    """The first day of the month `months` after (or before) `month`."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """How many months from `first` to `last`, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


@dataclass(frozen=True)
class InsightsQuery:
    """What one summary is of: months `first_month`…`last_month` (both included) and, if
    given, one sector."""

    first_month: date
    last_month: date
    sector: Sector | None = None

    @property
    def months(self) -> list[date]:
        return [
            month_add(self.first_month, offset)
            for offset in range(months_between(self.first_month, self.last_month))
        ]

    @property
    def month_keys(self) -> list[str]:
        """The period's months as `YYYY-MM`."""
        return [month.strftime("%Y-%m") for month in self.months]
