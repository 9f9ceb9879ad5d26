"""Dates with a time read right in every language (config/formats/): Django 5.2's fr-CA formats
printed "29 novembre 2026, 01 01 48" for 13:01:48."""

from datetime import UTC, datetime

import pytest
from django.utils import formats, translation


@pytest.mark.parametrize(
    "language, long, short, time",
    [
        ("fr-ca", "29 novembre 2026, 13\xa0h\xa001", "2026-11-29 13\xa0h\xa001", "13\xa0h\xa001"),
        ("es-mx", "29 de Noviembre de 2026 a las 13:01", "29/11/2026 13:01", "13:01"),
        ("en", "Nov. 29, 2026, 1:01 p.m.", "11/29/2026 1:01 p.m.", "1:01 p.m."),
    ],
)
def test_a_time_of_day_says_its_hour_and_minutes(language, long, short, time):
    moment = datetime(2026, 11, 29, 13, 1, 48, tzinfo=UTC)

    with translation.override(language):
        assert formats.date_format(moment, "DATETIME_FORMAT") == long
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == short
        assert formats.time_format(moment) == time
