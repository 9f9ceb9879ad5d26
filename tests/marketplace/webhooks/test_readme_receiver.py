"""README's sample receiver (Webhooks) verifies Norte's real deliveries, ignores a repeated event
and refuses what Norte did not sign: the code integrators copy must keep working."""

import re
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from marketplace.events.models import Event
from marketplace.webhooks.services import webhook_deliver, webhook_endpoint_create
from marketplace.webhooks.signing import signature_header

from ...receivers import serving

pytestmark = pytest.mark.django_db


def readme_receiver() -> dict:
    """The sample's names (the function, the handler class), without its last line, which
    serves on a fixed port forever."""
    readme = Path(settings.BASE_DIR, "README.md").read_text(encoding="utf-8")
    [code] = re.findall(r"```python\n(# receiver\.py.*?)```", readme, flags=re.S)
    code = code.replace('HTTPServer(("127.0.0.1", 8001), Receiver).serve_forever()', "")
    names: dict = {}
    exec(compile(code, "README.md receiver.py", "exec"), names)  # noqa: S102 - our own README
    return names


@pytest.fixture
def sample():
    """The sample's names, and the URL it serves on (a free port)."""
    names = readme_receiver()
    names["Receiver"].seen = set()
    names["Receiver"].log_message = lambda *args: None
    with serving(names["Receiver"]) as names["url"]:
        yield names


def test_it_verifies_a_delivery_and_ignores_the_same_event_twice(
    sample, alice, company, capsys, monkeypatch
):
    endpoint = webhook_endpoint_create(
        actor=alice, url=sample["url"], events=[Event.Kind.PROPOSAL_SUBMITTED]
    )
    monkeypatch.setattr(sys, "argv", ["receiver.py", endpoint.secret])
    event = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED, data={"proposal": 7})
    event.companies.add(company)

    first = webhook_deliver(endpoint=endpoint, event=event)
    second = webhook_deliver(endpoint=endpoint, event=event)

    assert (first.status_code, second.status_code) == (204, 204)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith(f"verified {event.pk} proposal.submitted")
    assert printed[1].endswith("(again: ignored)")


def test_it_refuses_a_delivery_signed_with_another_secret(sample, alice, monkeypatch):
    endpoint = webhook_endpoint_create(
        actor=alice, url=sample["url"], events=[Event.Kind.PROPOSAL_SUBMITTED]
    )
    monkeypatch.setattr(sys, "argv", ["receiver.py", "not-the-secret"])
    event = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED, data={"proposal": 7})

    assert webhook_deliver(endpoint=endpoint, event=event).status_code == 400


def test_its_check_refuses_a_replay_older_than_five_minutes():
    ok = readme_receiver()["norte_signature_ok"]
    body = b'{"id": 1}'
    now = int(time.time())

    assert ok("s", body, signature_header(secret="s", body=body, timestamp=now))
    assert not ok("s", body, signature_header(secret="s", body=body, timestamp=now - 301))
    assert not ok("s", body, "t=,v1=")
