"""`make load`'s arithmetic and table (marketplace/benchmarks/load/report.py); the workload itself is run, not tested."""

import math

from marketplace.benchmarks.load.report import (
    FLOW_P95_MS,
    REFERENCE_PREFIX,
    Kind,
    Recorder,
    percentile,
    summarise,
    table,
)


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(100, 0, -1)]  # 1..100, unsorted
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile([7.0], 0.99) == 7
    assert percentile([1.0, 2.0, 3.0], 0.5) == 2


def test_a_kind_with_no_answers_has_no_percentiles():
    assert math.isnan(percentile([], 0.5))


def test_throughput_counts_every_answer_over_the_window():
    figures = summarise([10.0, 20.0, 30.0, 40.0], errors=1, seconds=2.0)
    assert figures.per_second == 2.0
    assert figures.errors == 1
    assert (figures.p50, figures.p95, figures.p99) == (20.0, 40.0, 40.0)


def rows(text: str) -> dict[str, list[str]]:
    """Each row's cells after the kind's name, by that name."""
    cells = {}
    for line in text.splitlines():
        name, _, rest = line.partition("  ")
        cells[name.strip()] = rest.split()
    return cells


def test_the_table_shows_each_kind_beside_its_reference():
    recorder = Recorder()
    for ms in (10, 20, 30, 200):
        recorder.add("matches", ms)
    for ms in (5, 6, 7, 8):
        recorder.add(REFERENCE_PREFIX + "matches", ms)
    text = table([Kind("matches", has_reference=True)], recorder, seconds=4)
    cells = rows(text)["matches"]
    real, reference, target = (
        ["1.0", "20", "200", "200", "0"],
        ["1.0", "6", "8", "8", "0"],
        "p95>150",
    )
    assert cells == [*real, *reference, target]


def test_a_reference_that_answered_404_reads_no_reference_not_errors():
    recorder = Recorder()
    recorder.add("directory page", 40)
    recorder.reference_missing(REFERENCE_PREFIX + "directory page")
    text = table([Kind("directory page", has_reference=True)], recorder, seconds=1)
    cells = rows(text)["directory page"]
    assert cells[5:7] == ["no", "reference"]
    assert cells[-1] == "ok"
    assert "errors 0 (target 0)" in text


def test_errors_and_slow_flows_miss_their_targets():
    recorder = Recorder()
    recorder.add("POST publish", 30, error=True)
    recorder.add("publish → matches visible", 1500)
    kinds = [
        Kind("POST publish", target_p95_ms=None),
        Kind("publish → matches visible", target_p95_ms=FLOW_P95_MS),
        Kind("vendor profile page"),
    ]
    text = table(kinds, recorder, seconds=1)
    assert rows(text)["publish → matches visible"][-1] == "p95>1000"
    assert rows(text)["POST publish"][4] == "1"  # its error; no target of its own
    assert rows(text)["vendor profile page"][:5] == ["-", "-", "-", "-", "0"]
    assert "errors 1 (target 0)" in text
