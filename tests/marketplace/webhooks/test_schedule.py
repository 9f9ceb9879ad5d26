from marketplace.webhooks.schedule import next_retry_delay, retry_delays


def test_retries_start_a_minute_after_the_first_failure_and_grow_threefold():
    assert [next_retry_delay(attempt) for attempt in range(1, 7)] == [
        60,
        180,
        540,
        1620,
        4860,
        14580,
    ]


def test_retries_are_never_more_than_six_hours_apart():
    assert max(retry_delays()) == 6 * 60 * 60


def test_the_last_attempt_is_a_day_after_the_first():
    delays = retry_delays()

    assert sum(delays) == 24 * 60 * 60
    assert len(delays) + 1 == 10  # attempts, the first included


def test_there_is_no_retry_after_the_last_attempt():
    assert next_retry_delay(len(retry_delays())) is not None
    assert next_retry_delay(len(retry_delays()) + 1) is None
    assert next_retry_delay(0) is None


def test_the_broker_holds_the_longest_retry_without_handing_it_out_again(settings):
    """A retry is a task with a countdown, unacknowledged until due: were the broker's
    visibility timeout shorter, Redis would redeliver it meanwhile, and every copy would run
    (config/settings/base.py). An hour of margin for the queue and the attempt itself."""
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert timeout >= max(retry_delays()) + 60 * 60
