"""The insights' filters — a period of whole months and a sector — read from the query string
alike by the page and the API (`InsightsFilter`)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import Sector

from .periods import InsightsQuery, month_add, months_between

# What the page and the API show without a period: the last two years, this month included.
DEFAULT_MONTHS = 24
# The longest period asked for in one go: ten years of months is 120 bars and table rows.
MAX_MONTHS = 120
MONTH_FORMAT = "%Y-%m"


# Norte's awards start in this century; bounding the years also keeps a period's first and
# last instants (a month before and after) inside what dates and databases can hold.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class MonthField(forms.DateField):
    """A month as `YYYY-MM` (what `<input type="month">` sends), as its first day."""

    input_formats = [MONTH_FORMAT]
    default_error_messages = {
        "invalid": _("Give a month as YYYY-MM, such as 2026-04."),
        "out_of_range": _("Give a month from %(first)s to %(last)s."),
    }

    def to_python(self, value):
        day = super().to_python(value)
        if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": f"{FIRST_YEAR}-01", "last": f"{LAST_YEAR}-12"},
            )
        return day.replace(day=1) if day else day


class InsightsFilter(forms.Form):
    period_from = MonthField(
        label=_("From"),
        required=False,
        help_text=_("First month (YYYY-MM); two years before the last month if empty."),
    )
    period_to = MonthField(
        label=_("To"),
        required=False,
        help_text=_("Last month (YYYY-MM), included; this month if empty."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Every sector"),
        help_text=_("A sector's slug: the figures of that sector only."),
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        last = data.get("period_to") or timezone.localdate().replace(day=1)
        first = data.get("period_from") or month_add(last, 1 - DEFAULT_MONTHS)
        if first > last:
            self.add_error("period_from", _("The first month must not come after the last month."))
        elif months_between(first, last) > MAX_MONTHS:
            self.add_error(
                "period_from",
                _("Ask for at most %(limit)d months at a time.") % {"limit": MAX_MONTHS},
            )
        data["period_from"], data["period_to"] = first, last
        return data

    def query(self) -> InsightsQuery:
        """The valid filter as a query (call after `is_valid()`)."""
        data = self.cleaned_data
        return InsightsQuery(data["period_from"], data["period_to"], data.get("sector"))
