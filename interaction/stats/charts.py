"""Horizontal bar charts drawn as SVG on the server: no script (the CSP allows none inline), readable labels in
Chinese, and the figures also given as text for screen readers (the tables beside them are the full data)."""

from __future__ import annotations

from dataclasses import dataclass, field

LABEL_WIDTH = 150  # room for about nine Chinese characters at 15px
BAR_AREA = 380
VALUE_WIDTH = 60
ROW = 30
BAR = 20


@dataclass
class Bar:
    label: str
    value: float
    y: int = 0
    length: float = 0.0

    @property
    def text_y(self) -> int:
        return self.y + BAR - 5


@dataclass
class BarChart:
    """A titled horizontal bar chart; `bars` keep their order. Lengths scale to the largest value."""

    title: str
    unit: str
    bars: list[Bar] = field(default_factory=list)

    def __post_init__(self) -> None:
        top = max((bar.value for bar in self.bars), default=0) or 1
        for i, bar in enumerate(self.bars):
            bar.y = i * ROW + (ROW - BAR) // 2
            bar.length = round(BAR_AREA * bar.value / top, 1)

    @classmethod
    def of(cls, title: str, unit: str, pairs) -> BarChart:
        return cls(title, unit, [Bar(str(label), value) for label, value in pairs])

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 8

    def value_x(self, bar: Bar) -> float:
        return LABEL_WIDTH + bar.length + 6

    @property
    def description(self) -> str:
        return "；".join(f"{bar.label}：{_number(bar.value)}{self.unit}" for bar in self.bars)

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)

    def rows(self) -> list[dict]:
        """What the template draws, with the value text placed after each bar."""
        return [{"bar": bar, "value_x": self.value_x(bar), "value": _number(bar.value)} for bar in self.bars]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
