"""`make load`'s workload (load/run.sh starts the stack and runs this headless).

Three kinds of people, each at about one action a second (LOAD_USER_RATE):
- visitors browse and search the directory page, read the API's vendor list, and open vendor
  profiles (page and API);
- company owners (`load_accounts`, one simulated person each) read their requests' matches and
  their request dashboard, create and publish requests, rematch them, and wait for the matches:
  "publish → matches visible" is the time from sending the publish to the matches endpoint
  showing that run done, polled every POLL_SECONDS;
- vendor owners propose on the requests the companies published in this run (open to every
  approved vendor sharing a language, none certified: every vendor may propose).

Where a reference view exists (`/_reference` + the path, same query string and credentials,
mounted with NORTE_REFERENCE_VIEWS), the same action asks it right after the real endpoint, so
both see the same mix. A reference answering 404 is not mounted: its row says "no reference".

The figures are kept here (load/report.py), every answer's latency, not locust's rounded
histogram, and written to LOAD_REPORT when the run stops.
"""

import itertools
import json
import os
import random
import time
from pathlib import Path

import gevent
import requests
from locust import HttpUser, constant_throughput, events, task
from report import FLOW_P95_MS, REFERENCE_PREFIX, Kind, Recorder, table

ACCOUNTS = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text())
REPORT = os.environ.get("LOAD_REPORT")
RATE = float(os.environ.get("LOAD_USER_RATE", "1"))
POLL_SECONDS = 0.05
FLOW_TIMEOUT = 30.0
# As the TLS-terminating proxy in front of production would send them.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
SEARCH_WORDS = ["cloud", "data", "security", "Toronto", "Montréal", "python", "mobile", "pago"]
LANGUAGES = ["en", "fr", "es"]

KINDS = [
    Kind("directory page", has_reference=True),
    Kind("directory search", has_reference=True),
    Kind("GET vendors/", has_reference=True),
    Kind("GET vendors/{id}/", has_reference=True),
    Kind("vendor profile page"),
    Kind("matches", has_reference=True),
    Kind("request dashboard", has_reference=True),
    Kind("POST requests/", target_p95_ms=None),
    Kind("POST publish", target_p95_ms=None),
    Kind("POST rematch", target_p95_ms=None),
    Kind("POST proposals/", target_p95_ms=None),
    Kind("matches (polling)"),
    Kind("publish → matches visible", target_p95_ms=FLOW_P95_MS),
    Kind("rematch → matches visible", target_p95_ms=FLOW_P95_MS),
]

recorder = Recorder()
window = {}
# Requests published in this run, open to every vendor: (id, currency).
open_requests: list[tuple[int, str]] = []
# Per company account: its published requests whose first run is done.
matched: dict[str, list[int]] = {}
sessions: dict[str, str] = {}
reference_data: dict[str, list] = {}


@events.request.add_listener
def record(name, response_time, response, exception, **kwargs):
    if "start" not in window or "stop" in window:
        return  # the warm-up's, or after the end
    if name.startswith(REFERENCE_PREFIX) and response is not None and response.status_code == 404:
        recorder.reference_missing(name)
        return
    recorder.add(name, response_time, error=exception is not None)


@events.init.add_listener
def prepare(environment, **kwargs):
    """Before the clock starts: log the companies in on the site (CSRF and all) and give each
    a request whose matches exist, so reading matches has something to read from the start."""
    host = environment.parsed_options.host
    with requests.Session() as http:
        sectors = http.get(f"{host}/api/v1/sectors/", headers=PROXY_HEADERS, timeout=30).json()
        for sector in sectors["results"]:
            skills = http.get(
                f"{host}/api/v1/skills/",
                params={"sector": sector["slug"]},
                headers=PROXY_HEADERS,
                timeout=30,
            ).json()
            reference_data[sector["slug"]] = [skill["slug"] for skill in skills["results"]]
        for account in ACCOUNTS["companies"]:
            sessions[account["username"]] = web_login(http, host, account)
    warm_ups = [
        gevent.spawn(warm_up, host, account) for account in ACCOUNTS["companies"] for _ in range(2)
    ]
    gevent.joinall(warm_ups, raise_error=True)


def web_login(http: requests.Session, host: str, account: dict) -> str:
    """Log in through the site's form; the session id. The cookies are Secure (production), so
    they are sent by hand over this plain-HTTP hop."""
    url = f"{host}/accounts/login/"
    page = http.get(url, headers=PROXY_HEADERS, timeout=30)
    csrf = page.cookies["csrftoken"]
    answer = http.post(
        url,
        data={
            "login": account["username"],
            "password": ACCOUNTS["password"],
            "csrfmiddlewaretoken": csrf,
        },
        # The browser's page was https (X-Forwarded-Proto): CSRF checks the Referer against it.
        headers={
            **PROXY_HEADERS,
            "Cookie": f"csrftoken={csrf}",
            "Referer": url.replace("http://", "https://", 1),
        },
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in answer.cookies:
        raise RuntimeError(f"Web log-in of {account['username']} failed: {answer.status_code}")
    http.cookies.clear()
    return answer.cookies["sessionid"]


def warm_up(host: str, account: dict) -> None:
    with requests.Session() as http:
        http.headers.update({**PROXY_HEADERS, "Authorization": f"Token {account['token']}"})
        request_id, currency = create_request(http.post, host)
        run = http.post(f"{host}/api/v1/requests/{request_id}/publish/", timeout=30).json()
        deadline = time.monotonic() + 120
        while not run_shown(
            http.get(f"{host}/api/v1/requests/{request_id}/matches/", timeout=30), run["id"]
        ):
            if time.monotonic() > deadline:
                raise RuntimeError("The worker did not rank the warm-up requests in 120 s.")
            time.sleep(0.2)
    matched.setdefault(account["username"], []).append(request_id)
    open_requests.append((request_id, currency))


def create_request(post, host: str = "", **kwargs) -> tuple[int, str]:
    sector = random.choice(list(reference_data))
    skills = reference_data[sector]
    currency = random.choice(["MXN", "CAD", "USD"])
    budget = random.randrange(20_000, 400_000, 1_000)
    answer = post(
        f"{host}/api/v1/requests/",
        json={
            "title": f"Load test: {sector} team",
            "description": "A team to build and run a platform for our operations in Mexico. "
            + " ".join(random.sample(skills, min(3, len(skills)))),
            "sector": sector,
            "skills": random.sample(skills, min(3, len(skills))),
            "budget_min": budget,
            "budget_max": budget * 2,
            "currency": currency,
            "team_size": random.randint(2, 8),
            "duration_weeks": random.randint(4, 30),
            "languages": LANGUAGES,
        },
        timeout=30,
        **kwargs,
    )
    answer.raise_for_status()
    return answer.json()["id"], currency


def run_shown(answer, run_id: int) -> bool:
    """Whether the matches answer shows run `run_id` done; a failed run is an error."""
    answer.raise_for_status()
    body = answer.json()
    if body["latest_run"]["status"] == "failed":
        raise RuntimeError(f"Match run {body['latest_run']['id']} failed.")
    return body["run"] is not None and body["run"]["id"] >= run_id


@events.test_start.add_listener
def start(environment, **kwargs):
    window["start"] = time.monotonic()
    window["load"] = os.getloadavg()[0]


@events.test_stop.add_listener
def stop(environment, **kwargs):
    window["stop"] = time.monotonic()
    seconds = window["stop"] - window["start"]
    report = table(KINDS, recorder, seconds=seconds)
    # The figures depend on what else the machine runs: say how busy it was.
    report += (
        f"\nMachine: {os.cpu_count()} CPUs, load average {window['load']:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end (this run's processes included)."
    )
    if REPORT:
        Path(REPORT).write_text(report + "\n")
    else:
        print(report)


class Person(HttpUser):
    abstract = True
    wait_time = constant_throughput(RATE)

    def on_start(self):
        self.client.headers.update(PROXY_HEADERS)

    def get_with_reference(self, path: str, name: str, **kwargs):
        """The real endpoint, then its reference view with the same query and credentials."""
        self.client.get(path, name=name, **kwargs)
        with self.client.get(
            "/_reference" + path, name=REFERENCE_PREFIX + name, catch_response=True, **kwargs
        ) as answer:
            if answer.status_code == 404:
                answer.success()  # not mounted: `record` notes it, the row says so


class Visitor(Person):
    """Someone looking for a vendor, not signed in."""

    @task(3)
    def directory_page(self):
        page = random.randint(1, 20)
        self.get_with_reference(f"/vendors/?page={page}", "directory page")

    # A search costs several pages' time (every word against four texts and the skills).
    @task(2)
    def directory_search(self):
        query = f"q={random.choice(SEARCH_WORDS)}"
        if random.random() < 0.5:
            query += f"&sector={random.choice(list(reference_data))}"
        if random.random() < 0.5:
            query += f"&language={random.choice(LANGUAGES)}"
        self.get_with_reference(f"/vendors/?{query}", "directory search")

    @task(2)
    def api_vendor_list(self):
        self.get_with_reference(f"/api/v1/vendors/?page={random.randint(1, 20)}", "GET vendors/")

    @task(2)
    def api_vendor(self):
        vendor = random.choice(ACCOUNTS["profiles"])
        self.get_with_reference(f"/api/v1/vendors/{vendor['id']}/", "GET vendors/{id}/")

    @task(2)
    def profile_page(self):
        vendor = random.choice(ACCOUNTS["profiles"])
        self.client.get(f"/vendors/{vendor['slug']}/", name="vendor profile page")


company_accounts = itertools.cycle(ACCOUNTS["companies"])
vendor_accounts = itertools.cycle(ACCOUNTS["vendors"])


class CompanyOwner(Person):
    """A buyer: one simulated person per company account."""

    fixed_count = int(os.environ.get("LOAD_COMPANIES", len(ACCOUNTS["companies"])))

    def on_start(self):
        super().on_start()
        self.account = next(company_accounts)
        self.client.headers["Authorization"] = f"Token {self.account['token']}"
        self.mine = matched[self.account["username"]]

    @task(4)
    def matches(self):
        request_id = random.choice(self.mine)
        self.get_with_reference(f"/api/v1/requests/{request_id}/matches/", "matches")

    @task(2)
    def dashboard(self):
        # The page, as its owner's browser asks it: session cookie, no token.
        self.get_with_reference(
            "/requests/",
            "request dashboard",
            headers={
                "Authorization": None,
                "Cookie": f"sessionid={sessions[self.account['username']]}",
            },
        )

    # Twice a rematch's weight: a minute's run then holds enough publications for a p95.
    @task(2)
    def publish(self):
        try:
            request_id, currency = create_request(self.client.post, name="POST requests/")
        except requests.HTTPError:
            return  # counted as an error by locust's own hook
        started = time.perf_counter()
        answer = self.client.post(f"/api/v1/requests/{request_id}/publish/", name="POST publish")
        if answer.status_code != 202:
            return
        if self.wait_for_run(request_id, answer.json()["id"], started, "publish → matches visible"):
            self.mine.append(request_id)
            open_requests.append((request_id, currency))

    @task(1)
    def rematch(self):
        request_id = random.choice(self.mine)
        started = time.perf_counter()
        answer = self.client.post(f"/api/v1/requests/{request_id}/rematch/", name="POST rematch")
        if answer.status_code == 202:
            self.wait_for_run(request_id, answer.json()["id"], started, "rematch → matches visible")

    def wait_for_run(self, request_id: int, run_id: int, started: float, name: str) -> bool:
        """Poll the matches until run `run_id` shows; record the wait as `name`."""
        error = None
        while True:
            answer = self.client.get(
                f"/api/v1/requests/{request_id}/matches/", name="matches (polling)"
            )
            try:
                if run_shown(answer, run_id):
                    break
            except (requests.HTTPError, RuntimeError) as failure:
                error = failure
                break
            if time.perf_counter() - started > FLOW_TIMEOUT:
                error = TimeoutError(f"run {run_id} not done after {FLOW_TIMEOUT:.0f} s")
                break
            gevent.sleep(POLL_SECONDS)
        events.request.fire(
            request_type="FLOW",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            response=None,
            context={},
            exception=error,
        )
        return error is None


class VendorOwner(Person):
    """A vendor proposing on the requests published in this run."""

    fixed_count = int(os.environ.get("LOAD_VENDOR_USERS", len(ACCOUNTS["vendors"])))

    def on_start(self):
        super().on_start()
        self.account = next(vendor_accounts)
        self.client.headers["Authorization"] = f"Token {self.account['token']}"
        self.proposed: set[int] = set()

    @task
    def propose(self):
        fresh = [pair for pair in open_requests if pair[0] not in self.proposed]
        if not fresh:
            return
        request_id, currency = random.choice(fresh)
        self.proposed.add(request_id)
        self.client.post(
            "/api/v1/proposals/",
            json={
                "request": request_id,
                "price": random.randrange(50_000, 500_000, 1_000),
                "currency": currency,
                "duration_weeks": random.randint(4, 30),
                "team_size": random.randint(2, 8),
                "approach": "Two-week sprints with a demo at the end of each.",
            },
            name="POST proposals/",
        )
