"""The Celery app that tests/marketplace/test_worker_integration.py runs in a worker subprocess
(`celery -A tests.worker_app worker --pool=solo`): the project's own app, plus one test-only hook.

With NORTE_TEST_RANKING_DELAY=<seconds> in its environment, the worker pauses that long after
marking a run `running` and before ranking, so a test can kill it mid-run at a moment it can
see in the database instead of guessing one. Only this module, loaded only by that test's
workers, reads the variable; the product has no such switch.
"""

import os
import time

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
