"""Dates and times read as each language writes them (config/formats/, and the month and day
names of config/third_party_strings.py): Django 5.2's fr-CA formats printed "29 novembre 2026,
01 01 48" for 13:01:48, its es-MX catalog "29 de Noviembre de 2026", its English formats the
United States' "Nov. 29, 2026" and "11/29/2026"."""

from datetime import UTC, date, datetime

import pytest
from django.template import engines
from django.utils import formats, translation

MOMENT = datetime(2026, 11, 29, 13, 1, 48, tzinfo=UTC)


@pytest.mark.parametrize(
    "language, long, short, time",
    [
        ("fr-ca", "29 novembre 2026, 13\xa0h\xa001", "2026-11-29 13\xa0h\xa001", "13\xa0h\xa001"),
        ("es-mx", "29 de noviembre de 2026 a las 13:01", "29/11/2026 13:01", "13:01"),
        ("en", "November 29, 2026, 1:01 p.m.", "2026-11-29 13:01", "1:01 p.m."),
    ],
)
def test_a_time_of_day_says_its_hour_and_minutes(language, long, short, time):
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == long
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == short
        assert formats.time_format(MOMENT) == time


@pytest.mark.parametrize(
    "language, long, short, year_month, month_day",
    [
        ("es-mx", "29 de noviembre de 2026", "29/11/2026", "noviembre de 2026", "29 de noviembre"),
        ("en", "November 29, 2026", "2026-11-29", "November 2026", "November 29"),
        ("fr-ca", "29 novembre 2026", "2026-11-29", "novembre 2026", "29 novembre"),
    ],
)
def test_a_date_reads_as_the_language_writes_it(language, long, short, year_month, month_day):
    day = date(2026, 11, 29)

    with translation.override(language):
        assert formats.date_format(day, "DATE_FORMAT") == long
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == short
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == year_month
        assert formats.date_format(day, "MONTH_DAY_FORMAT") == month_day


@pytest.mark.parametrize("language", ["es-mx", "fr-ca"])
@pytest.mark.parametrize("month", range(1, 13))
def test_month_and_day_names_are_in_lower_case(language, month):
    """Every spelling of every month the `date` filter offers (F, E, N, b), and the days (l, D)."""
    template = engines["django"].from_string('{{ day|date:"F E N b l D" }}')

    with translation.override(language):
        names = template.render({"day": date(2026, month, 1)})

    assert names == names.lower()


@pytest.mark.parametrize(
    "language, shown",
    [
        ("es-mx", "29 de noviembre de 2026 a las 07:01 · 29/11/2026 07:01 · 07:01"),
        ("en", "November 29, 2026, 7:01 a.m. · 2026-11-29 07:01 · 7:01 a.m."),
        ("fr-ca", "29 novembre 2026, 7\xa0h\xa001 · 2026-11-29 7\xa0h\xa001 · 7\xa0h\xa001"),
    ],
)
def test_templates_show_the_local_time_in_the_language_formats(language, shown):
    """What the templates write: `date` with a named format, and `time` (Mexico City's time)."""
    template = engines["django"].from_string(
        '{{ moment|date:"DATETIME_FORMAT" }} · {{ moment|date:"SHORT_DATETIME_FORMAT" }}'
        " · {{ moment|time }}"
    )

    with translation.override(language):
        assert template.render({"moment": MOMENT}) == shown
