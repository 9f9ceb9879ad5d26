"""What the tests print at the end of the run, in one process or in several (`pytest -n`).

Under pytest-xdist only the process that started the run writes to the terminal: what a test
printed in a worker, or a worker's own closing summary, never reaches the log. So a test records
what it has to tell in its `user_properties` (`record_property`), which travels with its
reports to that process, and this plugin (registered by tests/conftest.py) adds it up there:

- `schemathesis`: a dict per test of tests/test_api_fuzz.py (its role, its operation, its calls,
  its failed calls by check, the failures let through by reason, and the roles in the order to
  print them), totalled per role;
- `closing-note`: a (title, lines) pair printed as it is under its title.
"""

import collections

import pytest


class ClosingSummary:
    name = "norte-closing-summary"

    def __init__(self):
        self.by_role = collections.defaultdict(
            lambda: {"operations": set(), "calls": 0, "failures": collections.Counter()}
        )
        self.roles: list[str] = []
        self.allowed = collections.Counter()
        self.notes: list[tuple[str, list[str]]] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # The properties ride on every phase's report: read them once, from the last one.
        if report.when != "teardown":
            return
        for name, value in report.user_properties:
            if name == "schemathesis":
                self.roles = value["roles"]
                counts = self.by_role[value["role"]]
                counts["operations"].add(value["operation"])
                counts["calls"] += value["calls"]
                counts["failures"].update(value["failures"])
                self.allowed.update(value["allowed"])
            elif name == "closing-note":
                title, lines = value
                self.notes.append((title, list(lines)))

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.by_role:
            terminalreporter.section("schemathesis, per role")
            for role in self.roles:
                if role in self.by_role:
                    counts = self.by_role[role]
                    failures = ", ".join(f"{n} {check}" for check, n in counts["failures"].items())
                    terminalreporter.write_line(
                        f"{role}: {len(counts['operations'])} operations, {counts['calls']} "
                        f"calls, failed calls: {failures or 'none'}"
                    )
            for reason, n in self.allowed.items():
                terminalreporter.write_line(f"let through ({reason}): {n}")
        for title, lines in self.notes:
            terminalreporter.section(title)
            for line in lines:
                terminalreporter.write_line(line)
