"""Bar charts as plain SVG drawn by the server: no script, readable by a screen reader through
their title and description, with the same numbers in a table beside each chart.

Python works out the geometry; ``templates/portal/statistics/bars.html`` and ``columns.html``
draw it. The drawing scales to its container (``viewBox``), so it fits a 360 px screen.
"""

from dataclasses import dataclass

# The viewBox's width: about the drawing's width on a 360 px phone, so that its 16 px text reads
# at 16 px there (the stylesheet caps the drawing at 22.5rem elsewhere).
WIDTH = 320
ROW_HEIGHT = 46  # a horizontal bar with its label above it
BAR_HEIGHT = 16
COLUMN_AREA = 150  # a column chart's drawing height, without its labels
# Bars and segments against white: each at least 3:1 (WCAG 1.4.11), told apart by the legend too.
COLOURS = ["#0b3d91", "#b35c00", "#2e7d32", "#6a1b9a"]


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    x: float
    y: float
    width: float
    height: float
    colour: str
    label_y: float = 0.0


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    bars: list
    labels: list  # (x, y, text) under columns
    legend: list  # (colour, label) of stacked segments


def horizontal(key, title, description, rows, *, maximum=None):
    """One bar per row, its label above it and its value at its end."""
    top = max([maximum or 0, *(row.value for row in rows)]) or 1
    span = WIDTH - 90  # room for the value after the longest bar
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        bars.append(Bar(row.label, row.shown, 0, y + 22, max(span * row.value / top, 1 if row.value else 0),
                        BAR_HEIGHT, COLOURS[0], label_y=y + 16))
    return Chart(key, title, description, WIDTH, max(len(rows), 1) * ROW_HEIGHT, bars, [], [])


def columns(key, title, description, rows, *, every=1):
    """One column per row (stacked when rows have ``parts``); a label under every ``every``-th."""
    top = max([row.value for row in rows] or [1]) or 1
    step = WIDTH / max(len(rows), 1)
    width = max(step * 0.7, 2)
    bars, labels = [], []
    legend = [(COLOURS[index], label) for index, (label, _) in enumerate(rows[0].parts)] if rows and rows[0].parts else []
    for index, row in enumerate(rows):
        x = index * step + (step - width) / 2
        base = COLUMN_AREA
        for part, (label, value) in enumerate(row.parts or ((row.label, row.value),)):
            height = COLUMN_AREA * value / top
            base -= height
            if height:
                bars.append(Bar(f"{row.label}, {label}" if row.parts else row.label, f"{value}", x, base, width,
                                height, COLOURS[part % len(COLOURS)]))
        if index % every == 0:
            labels.append((x + width / 2, COLUMN_AREA + 18, row.label))
    return Chart(key, title, description, WIDTH, COLUMN_AREA + 24, bars, labels, legend)
