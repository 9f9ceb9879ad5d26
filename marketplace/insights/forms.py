"""The insights page's form: the API's filters, fitted for people, and the currency the page
shows its amounts in."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.choices import Currency
from marketplace.models import Sector

from .filters import DEFAULT_MONTHS, MONTH_FORMAT, InsightsFilter
from .periods import month_add

PAGE_CURRENCIES = [Currency.CAD, Currency.MXN]


class InsightsPageForm(InsightsFilter):
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[(currency.value, currency.label) for currency in PAGE_CURRENCIES],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            # The radio buttons show which currency the amounts are in, and the month boxes
            # which period the figures are of, even on arrival.
            if not data.get("currency"):
                data["currency"] = Currency.CAD
            if not data.get("period_from") and not data.get("period_to"):
                last = timezone.localdate().replace(day=1)
                data["period_to"] = last.strftime(MONTH_FORMAT)
                data["period_from"] = month_add(last, 1 - DEFAULT_MONTHS).strftime(MONTH_FORMAT)
        super().__init__(data, *args, **kwargs)
        for name in ("period_from", "period_to"):
            # A month picker where the browser has one; a text box taking YYYY-MM elsewhere.
            self.fields[name].widget = forms.DateInput(attrs={"type": "month"}, format=MONTH_FORMAT)
        # The API's help text speaks of slugs; the menu speaks for itself.
        sector = self.fields["sector"]
        sector.help_text = ""
        sector.queryset = sector.queryset.order_by(Sector.display_name_order())

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"] or Currency.CAD
