"""fr-CA date formats, as Django 5.2 means them: its own leave the `h` of "13 h 40" unescaped,
which the date syntax reads as the 12-hour hour ("29 novembre 2026, 01 01 48"). Only the
formats that show a time; the rest are Django's (FORMAT_MODULE_PATH falls back to them).

The hour has no leading zero ("4 h 45", `G`), as the Office québécois de la langue française
writes it, in the short ISO-like date-time too: one way to write an hour on every page."""

TIME_FORMAT = "G\xa0\\h\xa0i"  # 13 h 40, 4 h 45
DATETIME_FORMAT = "j F Y, G\xa0\\h\xa0i"  # 31 janvier 2024, 13 h 40
SHORT_DATETIME_FORMAT = "Y-m-d G\xa0\\h\xa0i"  # 2024-01-31 13 h 40
