"""Server-side bar charts (inline SVG geometry, no JavaScript). Pure Python.

Templates draw the bars from these numbers; each chart is paired with a data table.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 720
HEIGHT = 220
TOP = 16
BOTTOM = 28
LEFT = 36


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    total: int
    x: float
    y: float
    width: float
    height: float
    total_y: float
    total_height: float

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    base: float
    ticks: list[tuple[int, float]]


def columns(points: list[tuple[str, int, int]], width: int = WIDTH, height: int = HEIGHT) -> Chart:
    """Vertical bars: (label, value, total) each; the total is drawn as a lighter bar behind."""
    top = max([t for _, _, t in points] + [v for _, v, _ in points] + [1])
    plot = height - TOP - BOTTOM
    step = (width - LEFT) / max(1, len(points))
    bar_width = step * 0.7
    base = height - BOTTOM
    bars = []
    for i, (label, value, total) in enumerate(points):
        h = plot * value / top
        th = plot * total / top
        x = LEFT + i * step + (step - bar_width) / 2
        bars.append(Bar(label, value, total, round(x, 1), round(base - h, 1), round(bar_width, 1),
                        round(h, 1), round(base - th, 1), round(th, 1)))
    ticks = [(v, round(base - plot * v / top, 1)) for v in _ticks(top)]
    return Chart(bars, width, height, base, ticks)


def _ticks(top: int) -> list[int]:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if top / step <= 5:
            return list(range(0, top + 1, step))
    return [0, top]
