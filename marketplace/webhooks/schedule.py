"""When a failed delivery is tried again: pure, so the schedule is tested without a clock.

Exponential from one minute (×3 each time), at most six hours apart, for as long as the retries
stay within a day of the first attempt: 1 min, 3, 9, 27, 81 min, ~4 h, 6 h, 6 h, then what is
left of the day — ten attempts, the last one 24 hours after the first. Past that, the endpoint is taken as failing (services.webhook_attempt).
"""

FIRST_DELAY_SECONDS = 60
FACTOR = 3
MAX_DELAY_SECONDS = 6 * 60 * 60
GIVE_UP_AFTER_SECONDS = 24 * 60 * 60


def retry_delays() -> list[int]:
    """Every delay, in order: the wait before the 2nd attempt, the 3rd…"""
    delays, total = [], 0
    while True:
        # The last wait is cut short so that the last attempt is a day after the first.
        delay = min(
            FIRST_DELAY_SECONDS * FACTOR ** len(delays),
            MAX_DELAY_SECONDS,
            GIVE_UP_AFTER_SECONDS - total,
        )
        if delay <= 0:
            return delays
        delays.append(delay)
        total += delay


def next_retry_delay(attempt: int) -> int | None:
    """Seconds to wait after failed attempt number `attempt` (1 for the first), or None when
    that was the last one."""
    delays = retry_delays()
    return delays[attempt - 1] if 1 <= attempt <= len(delays) else None
