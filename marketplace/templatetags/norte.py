"""Template helpers shared by the web pages: money in the reader's locale, lengths of time, the
language switcher."""

from datetime import timedelta
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from config.languages import languages_in_their_own_words

# timesince joins its units with gettext(", "); Django's es_MX catalog drops the space after the
# comma ("2 días,3 horas"), so our catalog says it again. Named here so makemessages keeps it.
UNIT_SEPARATOR = gettext_noop(", ")

register = template.Library()


@register.filter
def money(amount, currency: str) -> str:
    """`{{ 1234.5|money:"CAD" }}` → "CAD 1,234.50" in English, "1 234,50 CAD" in French (with
    no-break spaces).

    Digits, separators and grouping are the active locale's (grouped even though
    USE_THOUSAND_SEPARATOR is off, which would also group ids and years); each language's catalog
    places the ISO code. Whole amounts drop the cents.
    """
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, places, use_l10n=True, force_grouping=True)
    # Translators: an amount of money; keep both placeholders, in the order your language uses.
    pattern = _("%(currency)s %(amount)s")
    # An amount never breaks across lines between its code and its digits.
    return pattern.replace(" ", "\N{NO-BREAK SPACE}") % {"currency": currency, "amount": number}


@register.filter
def grouped(count: int) -> str:
    """`{{ 1234|grouped }}` → "1,234" in English and Spanish, "1 234" in French: a count in a
    sentence, grouped in the reader's way (USE_THOUSAND_SEPARATOR is off, see `money`)."""
    return number_format(count, force_grouping=True)


@register.filter
def percent(share: float | None) -> str:
    """`{{ 0.125|percent }}` → "12.5%" in English, "12,5 %" in French: a share (0–1) as a
    percentage to one decimal, the reader's way (see `money`)."""
    if share is None or share == "":
        return ""
    number = number_format(round(share * 100, 1), 1, use_l10n=True, force_grouping=True)
    # Translators: a percentage; French puts a space before the sign.
    pattern = _("%(number)s%%")
    return pattern.replace(" ", "\N{NO-BREAK SPACE}") % {"number": number}


@register.filter
def names(rows) -> str:
    """`{{ skills|names }}` → "Sportsbook, Odds feeds": sectors', skills' or certifications'
    names in the reader's language, in a sentence (as the match reasons list them)."""
    return ", ".join(row.display_name for row in rows)


@register.simple_tag(takes_context=True)
def approximately(context, low, high, currency: str):
    """`{% approximately low high currency as approx %}`: the range in the reader's currency
    (`reader_money` in the context, see `marketplace.selectors.reader_money`), or None."""
    reader_money = context.get("reader_money")
    if reader_money is None:
        return None
    return reader_money.approximate(Decimal(low), Decimal(high), currency=currency)


@register.filter
def duration(value: timedelta | None) -> str:
    """`{{ median_answer_time|duration }}` → "2 days, 3 hours": a length of time in Django's own
    translated words (as `timesince` says them), its two largest units. Empty for None."""
    if value is None:
        return ""
    now = timezone.now()
    return timesince(now - value, now, depth=2)


@register.simple_tag
def language_choices() -> list[dict]:
    """The site's languages, each named in itself ("Español (México)", "Français (Canada)") so a
    reader finds theirs whatever the page is in."""
    return [{"code": code, "name": name} for code, name in languages_in_their_own_words()]
