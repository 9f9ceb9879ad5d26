"""English dates as Canadians write them (the Government of Canada's style guide, the Canadian
Style): the month spelled out in the long form ("November 29, 2026", where Django's US formats
abbreviate it "Nov. 29, 2026") and ISO 8601 for short dates ("2026-11-29", since "11/29/2026"
and "29/11/2026" are both read in Canada). Times keep Django's "5:05 p.m." in prose and the
24-hour clock beside an ISO date. Only what differs; the rest is Django's."""

DATE_FORMAT = "F j, Y"  # November 29, 2026
DATETIME_FORMAT = "F j, Y, P"  # November 29, 2026, 5:05 p.m.
SHORT_DATE_FORMAT = "Y-m-d"  # 2026-11-29
SHORT_DATETIME_FORMAT = "Y-m-d H:i"  # 2026-11-29 17:05
