"""`make load`'s figures: latencies per kind of request, summarised and printed as one table
with each kind's reference view beside it. Plain Python (no Django, no locust), so the
arithmetic is tested on its own (tests/load/test_report.py)."""

import math
from dataclasses import dataclass, field

REFERENCE_PREFIX = "ref "
# What the issue asks of each kind (p95, milliseconds): reads answer in 150 ms on the 2-core
# machine; a published request's matches are visible within a second.
READ_P95_MS = 150.0
FLOW_P95_MS = 1000.0


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (the smallest value with at least `fraction` of the values
    at or below it); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Figures:
    count: int
    errors: int
    per_second: float
    p50: float
    p95: float
    p99: float


def summarise(latencies_ms: list[float], *, errors: int, seconds: float) -> Figures:
    """Throughput counts every answer, errors included; percentiles too (a slow error is
    still time a user waited)."""
    count = len(latencies_ms)
    return Figures(
        count=count,
        errors=errors,
        per_second=count / seconds if seconds > 0 else math.nan,
        p50=percentile(latencies_ms, 0.50),
        p95=percentile(latencies_ms, 0.95),
        p99=percentile(latencies_ms, 0.99),
    )


@dataclass
class Recorder:
    """Every answer of the run, by kind. A reference view that answers 404 is not mounted
    (NORTE_REFERENCE_VIEWS off, or not built yet): its kind is marked, not counted."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    unmounted: set[str] = field(default_factory=set)

    def add(self, name: str, milliseconds: float, *, error: bool = False) -> None:
        self.latencies.setdefault(name, []).append(milliseconds)
        self.errors[name] = self.errors.get(name, 0) + int(error)

    def reference_missing(self, name: str) -> None:
        self.unmounted.add(name)

    def figures(self, name: str, *, seconds: float) -> Figures | None:
        if name not in self.latencies:
            return None
        return summarise(self.latencies[name], errors=self.errors[name], seconds=seconds)


@dataclass(frozen=True)
class Kind:
    """A row of the table: `name` as recorded, whether it has a reference view, and the p95
    it should stay under."""

    name: str
    has_reference: bool = False
    target_p95_ms: float | None = READ_P95_MS


def _cell(figures: Figures) -> list[str]:
    return [
        f"{figures.per_second:.1f}",
        _ms(figures.p50),
        _ms(figures.p95),
        _ms(figures.p99),
        str(figures.errors),
    ]


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def verdict(figures: Figures | None, target_p95_ms: float | None) -> str:
    if figures is None or target_p95_ms is None:
        return ""
    if figures.errors:
        return "ERRORS"
    return "ok" if figures.p95 < target_p95_ms else f"p95>{target_p95_ms:.0f}"


def table(kinds: list[Kind], recorder: Recorder, *, seconds: float) -> str:
    """The printed table: per kind, req/s, p50/p95/p99 (ms) and errors, then the same for its
    reference view ("no reference" when it answered 404, "-" for a kind that has none), then
    whether it meets its target."""
    header = ["kind", "req/s", "p50", "p95", "p99", "err"]
    header += ["ref req/s", "ref p50", "ref p95", "ref p99", "ref err", "target"]
    rows = [header]
    for kind in kinds:
        figures = recorder.figures(kind.name, seconds=seconds)
        row = [kind.name, *(_cell(figures) if figures else ["-", "-", "-", "-", "0"])]
        reference = REFERENCE_PREFIX + kind.name
        if not kind.has_reference:
            row += ["-"] * 5
        elif reference in recorder.unmounted and reference not in recorder.latencies:
            row += ["no reference", "", "", "", ""]
        else:
            ref_figures = recorder.figures(reference, seconds=seconds)
            row += _cell(ref_figures) if ref_figures else ["-", "-", "-", "-", "0"]
        row.append(verdict(figures, kind.target_p95_ms))
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    total_errors = sum(recorder.errors.get(kind.name, 0) for kind in kinds)
    lines.append(
        f"{seconds:.0f} s measured; errors {total_errors} (target 0); reads p95 < "
        f"{READ_P95_MS:.0f} ms; publish → matches visible p95 < {FLOW_P95_MS:.0f} ms; "
        "latencies in ms."
    )
    return "\n".join(lines)
