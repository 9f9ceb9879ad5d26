"""fr-CA date formats, as Django 5.2 means them: its own leave the `h` of "13 h 40" unescaped,
which the date syntax reads as the 12-hour hour ("29 novembre 2026, 01 01 48"). Only the
formats that show a time; the rest are Django's (FORMAT_MODULE_PATH falls back to them)."""

TIME_FORMAT = "H\xa0\\h\xa0i"  # 13 h 40
DATETIME_FORMAT = "j F Y, H\xa0\\h\xa0i"  # 31 janvier 2024, 13 h 40
SHORT_DATETIME_FORMAT = "Y-m-d H\xa0\\h\xa0i"  # 2024-01-31 13 h 40
