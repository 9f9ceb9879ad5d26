"""The insights page's bar charts, as geometry: where each bar, label, value and tick of an SVG
goes, computed from plain values.

Pure (no Django), so the scales are tested without a database; the templates
(templates/insights/_chart_*.html) only draw what this returns, with SVG presentation attributes,
since the Content-Security-Policy allows no inline style. Coordinates are in the SVG's own units
(its viewBox): the browser scales the whole drawing to the width it is given.

A value of None is a suppressed figure: it gets no bar, only its row (the template writes "—"
where its value would be). A zero gets a bar of no width.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Number = int | float | Decimal

# About the width a chart gets beside its table on a desktop, so that its text is drawn near
# the size it is written in.
WIDTH = 560
# Horizontal bars: each row is its label on one line, then its bar with the value at its end.
ROW_HEIGHT = 44
LABEL_BASELINE = 16  # from the row's top
BAR_TOP = 22  # from the row's top
BAR_HEIGHT = 16
PAIR_BAR_HEIGHT = 10  # two bars in one row (skills: requests and vendors)
VALUE_GAP = 6  # between a bar's end and its value
VALUE_WIDTH = 130  # kept free right of the longest bar for its value ("MXN 12,345,678.90")
TEXT_DROP = 4  # from a line's middle down to the baseline of 13-unit text, roughly
AXIS_HEIGHT = 24  # below the rows: the ticks' labels
# Columns (the months): the value axis on the left, a label under every few columns.
COLUMNS_HEIGHT = 260
COLUMNS_AXIS_WIDTH = 96
COLUMNS_TOP = 12
COLUMNS_LABELS_HEIGHT = 28
COLUMN_FILL = 0.7  # of its slot; the rest is the gap between columns
MAX_COLUMN_LABELS = 8
TICKS = 4  # about how many steps the value axis has


@dataclass(frozen=True)
class Datum:
    """One category of a chart: a sector, a month, a state… `value` None: suppressed."""

    key: str
    label: str
    value: Number | None
    highlighted: bool = False  # drawn apart (the gambling sectors)
    short_label: str = ""  # under a column, where the label would not fit


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: Number | None
    highlighted: bool
    x: float
    y: float
    width: float
    height: float
    label_x: float  # the category's label (for columns, "" when this one is not labelled)
    label_y: float
    value_x: float  # the value's text (or "—")
    value_y: float
    short_label: str = ""
    series: int = 0  # which of a pair (0: the first, which carries the label)

    @property
    def is_suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Tick:
    """A step of the value axis: its grid line (x1, y1 to x2, y2) and where its label goes."""

    value: float
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: list[Bar]
    ticks: list[Tick]
    # The plot's box: where the bars may go (the axis lines follow its edges).
    left: float
    top: float
    right: float
    bottom: float

    @property
    def view_box(self) -> str:
        return f"0 0 {_n(self.width)} {_n(self.height)}"

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no category, or only zeros and suppressed ones."""
        return not any(bar.value for bar in self.bars)


def _n(number: float) -> str:
    """A coordinate as short text: two decimals at most, no trailing zeros."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


def nice_ticks(maximum: Number, *, count: int = TICKS, whole: bool = False) -> list[float]:
    """The value axis's ticks: 0 and about `count` round steps (1, 2, 2.5 or 5 times a power of
    ten), the last one at or above `maximum`. Only 0 when there is nothing above it. `whole`:
    steps of at least 1 (counts: there is no half a request)."""
    maximum = float(maximum)
    if maximum <= 0:
        return [0.0]
    rough = maximum / count
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(
        multiple * magnitude for multiple in (1, 2, 2.5, 5, 10) if multiple * magnitude >= rough
    )
    if whole:
        step = max(1, math.ceil(step))
    steps = math.ceil(round(maximum / step, 9))
    # Rounded so that 0.1 + 0.2 does not make a tick of 0.30000000000000004.
    return [round(step * index, 9) for index in range(steps + 1)]


def _scale(
    values: Sequence[Number | None], length: float, *, whole: bool = False
) -> tuple[list[float], float]:
    """The ticks for `values` and the length of one unit, so that the last tick is `length`."""
    highest = max((float(value) for value in values if value is not None), default=0)
    ticks = nice_ticks(highest, whole=whole)
    return ticks, (length / ticks[-1] if ticks[-1] else 0.0)


def _vertical_tick(value: float, *, x: float, bottom: float) -> Tick:
    """A tick of a horizontal bar chart: a line across the rows, its label under them."""
    return Tick(value, x1=x, y1=0, x2=x, y2=bottom, label_x=x, label_y=bottom + AXIS_HEIGHT - 6)


def _horizontal_tick(value: float, *, y: float, left: float, right: float) -> Tick:
    """A tick of a column chart: a line across the columns, its label left of the axis."""
    return Tick(
        value, x1=left, y1=y, x2=right, y2=y, label_x=left - VALUE_GAP, label_y=y + TEXT_DROP
    )


def horizontal_bars(data: Sequence[Datum], *, width: float = WIDTH) -> Chart:
    """One row per datum: its label, and under it its bar from the left edge."""
    right = width - VALUE_WIDTH
    ticks, scale = _scale([datum.value for datum in data], right)
    bars = []
    for index, datum in enumerate(data):
        top = index * ROW_HEIGHT
        length = float(datum.value or 0) * scale
        bars.append(
            Bar(
                key=datum.key,
                label=datum.label,
                value=datum.value,
                highlighted=datum.highlighted,
                x=0,
                y=top + BAR_TOP,
                width=round(length, 2),
                height=BAR_HEIGHT,
                label_x=0,
                label_y=top + LABEL_BASELINE,
                value_x=round(length + VALUE_GAP, 2),
                value_y=top + BAR_TOP + BAR_HEIGHT / 2 + TEXT_DROP,
            )
        )
    return _rows_chart(bars, rows=len(data), ticks=ticks, scale=scale, width=width, right=right)


def _rows_chart(
    bars: list[Bar], *, rows: int, ticks: list, scale: float, width: float, right: float
) -> Chart:
    """A chart of horizontal rows (`rows` of them) over a value axis along the bottom."""
    bottom = rows * ROW_HEIGHT
    return Chart(
        width=width,
        height=bottom + AXIS_HEIGHT,
        bars=bars,
        ticks=[_vertical_tick(value, x=round(value * scale, 2), bottom=bottom) for value in ticks],
        left=0,
        top=0,
        right=right,
        bottom=bottom,
    )


def paired_bars(
    data: Sequence[tuple[Datum, Datum]], *, width: float = WIDTH, whole: bool = False
) -> Chart:
    """Two bars per row on one scale (a skill's requests and the vendors who have it): the
    first carries the row's label (`series` 0), the second sits under it (`series` 1)."""
    right = width - VALUE_WIDTH
    ticks, scale = _scale([datum.value for pair in data for datum in pair], right, whole=whole)
    bars = []
    for index, pair in enumerate(data):
        top = index * ROW_HEIGHT
        for series, datum in enumerate(pair):
            length = float(datum.value or 0) * scale
            bar_top = top + BAR_TOP + series * (PAIR_BAR_HEIGHT + 1)
            bars.append(
                Bar(
                    key=datum.key,
                    label=datum.label,
                    value=datum.value,
                    highlighted=datum.highlighted,
                    x=0,
                    y=bar_top,
                    width=round(length, 2),
                    height=PAIR_BAR_HEIGHT,
                    label_x=0,
                    label_y=top + LABEL_BASELINE,
                    value_x=round(length + VALUE_GAP, 2),
                    value_y=bar_top + PAIR_BAR_HEIGHT - 1,
                    series=series,
                )
            )
    return _rows_chart(bars, rows=len(data), ticks=ticks, scale=scale, width=width, right=right)


def columns(data: Sequence[Datum], *, width: float = WIDTH) -> Chart:
    """One column per datum, left to right, rising from the bottom axis; the value axis on the
    left. Every few columns (at most MAX_COLUMN_LABELS) carry their short label underneath."""
    left, top = COLUMNS_AXIS_WIDTH, COLUMNS_TOP
    bottom = COLUMNS_HEIGHT - COLUMNS_LABELS_HEIGHT
    ticks, scale = _scale([datum.value for datum in data], bottom - top)
    slot = (width - left) / len(data) if data else 0
    labelled_every = max(1, math.ceil(len(data) / MAX_COLUMN_LABELS))
    bars = []
    for index, datum in enumerate(data):
        height = float(datum.value or 0) * scale
        centre = left + slot * (index + 0.5)
        bars.append(
            Bar(
                key=datum.key,
                label=datum.label,
                value=datum.value,
                highlighted=datum.highlighted,
                x=round(centre - slot * COLUMN_FILL / 2, 2),
                y=round(bottom - height, 2),
                width=round(slot * COLUMN_FILL, 2),
                height=round(height, 2),
                label_x=round(centre, 2),
                label_y=bottom + COLUMNS_LABELS_HEIGHT - 8,
                value_x=round(centre, 2),
                value_y=round(bottom - height - VALUE_GAP, 2),
                short_label=datum.short_label if index % labelled_every == 0 else "",
            )
        )
    return Chart(
        width=width,
        height=COLUMNS_HEIGHT,
        bars=bars,
        ticks=[
            _horizontal_tick(value, y=round(bottom - value * scale, 2), left=left, right=width)
            for value in ticks
        ],
        left=left,
        top=top,
        right=width,
        bottom=bottom,
    )
