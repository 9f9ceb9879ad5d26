"""A real receiver on 127.0.0.1, and an endpoint of Alice's company pointing at it."""

import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from marketplace.events.models import Event
from marketplace.webhooks.services import webhook_endpoint_create
from marketplace.webhooks.signing import signature_verify

from ...receivers import serving


class Receiver:
    """What the receiver got, and how it answers (`status`, `delay`, `location`)."""

    def __init__(self):
        self.received: list[dict] = []
        self.secret: str | None = None
        self.status, self.delay, self.location, self.answer = 200, 0.0, None, b"ok"
        self.url = ""

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": json.loads(body),
                        "verified": signature_verify(
                            secret=receiver.secret,
                            body=body,
                            header=self.headers.get("Norte-Signature", ""),
                        ),
                    }
                )
                time.sleep(receiver.delay)
                try:
                    self.send_response(receiver.status)
                    if receiver.location:
                        self.send_header("Location", receiver.location)
                    self.send_header("Content-Length", str(len(receiver.answer)))
                    self.end_headers()
                    self.wfile.write(receiver.answer)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # Norte gave up waiting (the timeout test) or read only an excerpt

            def do_GET(self):
                receiver.received.append({"path": self.path, "method": "GET"})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def receiver():
    receiver = Receiver()
    with serving(receiver.handler(), "/hooks/norte") as receiver.url:
        yield receiver


@pytest.fixture
def endpoint(alice, receiver):
    endpoint = webhook_endpoint_create(
        actor=alice, url=receiver.url, events=[Event.Kind.PROPOSAL_SUBMITTED]
    )
    receiver.secret = endpoint.secret
    return endpoint


@pytest.fixture
def event(company):
    event = Event.objects.create(kind=Event.Kind.PROPOSAL_SUBMITTED, data={"proposal": 7})
    event.companies.add(company)
    return event
