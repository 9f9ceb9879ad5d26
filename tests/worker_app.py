"""The Celery app that the worker tests (tests/marketplace/workers.py) run in a worker
subprocess (`celery -A tests.worker_app worker --pool=solo`): the project's own app, plus a few
test-only hooks.

- NORTE_TEST_RANKING_DELAY=<seconds>: the worker pauses that long after marking a run `running`
  and before ranking, so a test can kill it mid-run at a moment it can see in the database
  instead of guessing one.
- NORTE_TEST_DELIVERY_PAUSE=<seconds> with NORTE_TEST_DELIVERY_PAUSE_AT=`commit` or `ack`: the
  task telling people of an event (marketplace.notifications.tasks.deliver_event) pauses that
  long with its notifications written but not committed (`commit`), or committed but its
  message not yet acknowledged (`ack`); it first writes the file NORTE_TEST_DELIVERY_PAUSED_FILE
  names, the moment a test waits for before killing the worker.
- NORTE_TEST_VISIBILITY_TIMEOUT=<seconds>: the Redis transport hands a message that a worker
  took and never acknowledged to a worker again after that long (7 h in the settings),
  checking from the moment the worker starts, so a test sees a redelivery happen.

Only this module, loaded only by those tests' workers, reads the variables; the product has no
such switch.
"""

import os
import time
from pathlib import Path

from celery.signals import worker_init

from config.celery_app import app

__all__ = ["app"]


@worker_init.connect
def pause_ranking_when_asked(**kwargs):
    delay = float(os.environ.get("NORTE_TEST_RANKING_DELAY") or 0)
    if not delay:
        return
    # Django is set up by now (Celery's Django fix-up runs first); with the solo pool tasks
    # run in this very process, so replacing the module attribute reaches match_run_execute.
    from marketplace.services import matching

    rank = matching.match_request_rank

    def rank_after_a_pause(**kwargs):
        time.sleep(delay)
        return rank(**kwargs)

    matching.match_request_rank = rank_after_a_pause


@worker_init.connect
def pause_delivery_when_asked(**kwargs):
    delay = float(os.environ.get("NORTE_TEST_DELIVERY_PAUSE") or 0)
    if not delay:
        return
    at = os.environ["NORTE_TEST_DELIVERY_PAUSE_AT"]
    paused_file = Path(os.environ["NORTE_TEST_DELIVERY_PAUSED_FILE"])
    assert at in {"commit", "ack"}, at
    from django.db import transaction

    from marketplace.notifications import tasks

    create = tasks.notifications_create_for_event

    def pause() -> None:
        paused_file.write_text(at)
        time.sleep(delay)

    def create_then_pause(**kwargs):
        # The service's own transaction becomes a savepoint of this one, which commits only
        # after the pause (`commit`); or the pause comes after it commits (`ack`).
        with transaction.atomic():
            notifications = create(**kwargs)
            if at == "commit":
                pause()
        if at == "ack":
            pause()
        return notifications

    tasks.notifications_create_for_event = create_then_pause


@worker_init.connect
def shorten_the_visibility_timeout_when_asked(**kwargs):
    timeout = os.environ.get("NORTE_TEST_VISIBILITY_TIMEOUT")
    if not timeout:
        return
    app.conf.broker_transport_options = {
        **app.conf.broker_transport_options,
        "visibility_timeout": float(timeout),
        # Look for messages to hand out again every second, not every 100 s.
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
