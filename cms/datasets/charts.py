"""Dataset charts drawn as SVG on the server, as the 互动统计 page draws its own: a line over years or bars by
category, no script, presentation attributes only (the CSP allows no inline style), labelled for screen readers,
and the same figures given as text beside them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50
BAR_LABEL, BAR_ROW, BAR_HEIGHT, BAR_AREA = 170, 28, 18, 380


def number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


@dataclass
class Chart:
    title: str
    kind: str  # line or bar
    unit: str
    series: list[tuple[str, float]]

    @property
    def description(self) -> str:
        return "；".join(f"{label}：{number(value)}{self.unit}" for label, value in self.series)

    def svg(self) -> str:
        if not self.series:
            return ""
        return mark_safe(self._line() if self.kind == "line" else self._bars())

    def _open(self, width: int, height: int) -> str:
        title = escape(f"{self.title}（{self.unit}）" if self.unit else self.title)
        return (
            f'<svg class="data-chart data-chart--{self.kind}" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        )

    def _bars(self) -> str:
        top = max((v for _l, v in self.series), default=0) or 1
        width = BAR_LABEL + BAR_AREA + 110
        height = len(self.series) * BAR_ROW + 4
        parts = [self._open(width, height)]
        for i, (label, value) in enumerate(self.series):
            y = i * BAR_ROW + 4
            length = max(0.0, round(BAR_AREA * value / top, 1))
            shown = label if len(label) <= 11 else label[:10] + "…"
            parts.append(
                f'<text x="{BAR_LABEL - 8}" y="{y + BAR_HEIGHT - 4}" text-anchor="end" font-size="14" fill="#222">'
                f"{escape(shown)}</text>"
                f'<rect x="{BAR_LABEL}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="#1f5fa8"/>'
                f'<text x="{BAR_LABEL + length + 6}" y="{y + BAR_HEIGHT - 4}" font-size="13" fill="#222">{number(value)}</text>'
            )
        parts.append("</svg>")
        return "".join(parts)

    def _line(self) -> str:
        values = [v for _l, v in self.series]
        low, high = min(values + [0.0]), max(values) or 1.0
        span = (high - low) or 1.0
        inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
        step = inner_w / max(len(values) - 1, 1)
        points = [(LEFT + i * step, TOP + inner_h - (v - low) / span * inner_h) for i, v in enumerate(values)]
        parts = [self._open(WIDTH, HEIGHT)]
        for fraction in (0, 0.5, 1):
            y = TOP + inner_h - fraction * inner_h
            parts.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ccc"/>'
                f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#444">'
                f"{number(low + fraction * span)}</text>"
            )
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f5fa8" stroke-width="2.5"/>')
        every = max(1, len(points) // 10)
        for i, ((x, y), (label, value)) in enumerate(zip(points, self.series, strict=True)):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#1f5fa8">'
                f"<title>{escape(label)}：{number(value)}</title></circle>"
            )
            if i % every == 0 or i == len(points) - 1:
                parts.append(
                    f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" font-size="12" fill="#444">'
                    f"{escape(label)}</text>"
                )
        parts.append("</svg>")
        return "".join(parts)
