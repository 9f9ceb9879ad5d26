"""The insights' chart geometry (marketplace/insights/charts.py): scales, ticks, zero and
suppressed bars — plain values in, coordinates out, no database."""

from decimal import Decimal

import pytest

from marketplace.insights.charts import (
    BAR_TOP,
    COLUMNS_AXIS_WIDTH,
    COLUMNS_HEIGHT,
    COLUMNS_LABELS_HEIGHT,
    ROW_HEIGHT,
    VALUE_GAP,
    VALUE_WIDTH,
    WIDTH,
    Datum,
    columns,
    horizontal_bars,
    nice_ticks,
    paired_bars,
)

PLOT = WIDTH - VALUE_WIDTH  # the longest bar's length in a horizontal chart


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (70000, [0, 20000, 40000, 60000, 80000]),
        (440000, [0, 200000, 400000, 600000]),
        (100, [0, 25, 50, 75, 100]),
        (3, [0, 1, 2, 3]),
        (0.3, [0, 0.1, 0.2, 0.3]),
        (Decimal("5625000.00"), [0, 2000000, 4000000, 6000000]),
    ],
)
def test_ticks_are_round_steps_up_to_the_largest_value(maximum, ticks):
    assert nice_ticks(maximum) == ticks


def test_ticks_of_nothing_are_a_single_zero():
    assert nice_ticks(0) == [0]


def test_ticks_of_counts_step_by_whole_numbers():
    assert nice_ticks(2) == [0, 0.5, 1, 1.5, 2]
    assert nice_ticks(2, whole=True) == [0, 1, 2]


def test_horizontal_bars_are_scaled_to_the_last_tick():
    chart = horizontal_bars(
        [
            Datum("igaming", "iGaming", Decimal("240000"), highlighted=True),
            Datum("ai", "AI", 200000),
        ]
    )

    assert [tick.value for tick in chart.ticks] == [0, 100000, 200000, 300000]
    assert chart.ticks[-1].x1 == PLOT
    igaming, ai = chart.bars
    assert igaming.width == pytest.approx(PLOT * 240 / 300, abs=0.01)
    assert ai.width == pytest.approx(PLOT * 200 / 300, abs=0.01)
    assert igaming.highlighted and not ai.highlighted
    # One row each, the value's text just after its bar.
    assert (igaming.y, ai.y) == (BAR_TOP, ROW_HEIGHT + BAR_TOP)
    assert ai.value_x == pytest.approx(ai.width + VALUE_GAP)
    assert chart.height > 2 * ROW_HEIGHT
    assert chart.view_box == f"0 0 {WIDTH} {chart.height}"


def test_a_suppressed_bar_has_no_length_and_takes_no_part_in_the_scale():
    chart = horizontal_bars([Datum("big", "Big", 60), Datum("hidden", "Hidden", None)])

    big, hidden = chart.bars
    assert hidden.is_suppressed and hidden.width == 0
    assert hidden.value_x == VALUE_GAP  # where its dash goes
    assert big.width == PLOT  # 60 is the last tick: the scale ignores the hidden one
    assert not chart.is_empty


def test_zeros_and_suppressed_bars_only_make_an_empty_chart():
    chart = horizontal_bars([Datum("a", "A", 0), Datum("b", "B", None)])

    assert chart.is_empty
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert [tick.value for tick in chart.ticks] == [0]


def test_columns_rise_from_the_bottom_axis_and_only_some_are_labelled():
    data = [
        Datum(f"2025-{month:02}", f"Month {month}", month * 10, short_label=f"M{month}")
        for month in range(1, 13)
    ] + [Datum(f"2026-{month:02}", "Later", None, short_label="L") for month in range(1, 13)]

    chart = columns(data)

    bottom = COLUMNS_HEIGHT - COLUMNS_LABELS_HEIGHT
    assert chart.bottom == bottom and chart.left == COLUMNS_AXIS_WIDTH
    assert len(chart.bars) == 24
    slot = (WIDTH - COLUMNS_AXIS_WIDTH) / 24
    first, twelfth = chart.bars[0], chart.bars[11]
    assert first.x == pytest.approx(COLUMNS_AXIS_WIDTH + slot * 0.15, abs=0.01)
    assert twelfth.y + twelfth.height == pytest.approx(bottom)  # rests on the axis
    assert [tick.value for tick in chart.ticks] == [0, 50, 100, 150]
    assert twelfth.height == pytest.approx((bottom - chart.top) * 120 / 150, abs=0.01)
    # Ticks run from the bottom (0) up to the top (150), their labels left of the axis.
    assert chart.ticks[0].y1 == bottom and chart.ticks[-1].y1 == chart.top
    assert chart.ticks[0].label_x < COLUMNS_AXIS_WIDTH
    # 24 months, at most 8 labels: every third.
    assert [bar.short_label for bar in chart.bars if bar.short_label] == [
        "M1", "M4", "M7", "M10", "L", "L", "L", "L"
    ]  # fmt: skip
    hidden = chart.bars[12]
    assert hidden.is_suppressed and hidden.height == 0 and hidden.y == bottom


def test_paired_bars_share_one_scale_and_the_first_of_each_pair_carries_the_label():
    chart = paired_bars(
        [
            (Datum("sportsbook", "Sportsbook", 4), Datum("sportsbook", "Sportsbook", 1)),
            (Datum("kyc", "KYC", 2), Datum("kyc", "KYC", 0)),
        ],
        whole=True,
    )

    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4]
    asked, held, kyc_asked, kyc_held = chart.bars
    assert (asked.series, held.series) == (0, 1)
    assert asked.width == PLOT and held.width == pytest.approx(PLOT / 4)
    assert held.y > asked.y and held.y < kyc_asked.y
    assert kyc_held.width == 0 and not kyc_held.is_suppressed
