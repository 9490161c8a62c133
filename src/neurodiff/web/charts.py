"""Server-rendered SVG charts (no JavaScript): the evidence waterfall."""

from __future__ import annotations

import math
from html import escape

from neurodiff.models import Assessment

WIDTH = 640
ROW = 26
LABEL = 230


def waterfall_svg(result: Assessment, disease_id: str) -> str:
    """Cumulative log10 odds of ``disease_id``: prior, age, sex, then each finding."""
    entry = next(d for d in result.differential if d.id == disease_id)
    steps: list[tuple[str, float]] = []
    for row in result.demographics:
        steps.append((f"{row.factor}: {row.value}", row.log10_lr[disease_id]))
    for item in result.evidence:
        steps.append((f"{item.label} ({item.state.value})", item.log10_lr[disease_id]))
    p = min(max(entry.probability, 1e-12), 1 - 1e-12)
    final = math.log10(p / (1 - p))
    start = final - sum(value for _, value in steps)
    points = [start]
    for _, value in steps:
        points.append(points[-1] + value)
    low, high = min(*points, 0.0) - 0.5, max(*points, 0.0) + 0.5
    plot = WIDTH - LABEL - 20

    def x(value: float) -> float:
        return LABEL + (value - low) / (high - low) * plot

    height = ROW * (len(steps) + 2) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="waterfall" role="img" aria-label="Evidence waterfall for {escape(entry.name)}">',
        f"<title>How each piece of evidence moved the odds of {escape(entry.name)}</title>",
        f'<line x1="{x(0):.1f}" y1="10" x2="{x(0):.1f}" y2="{height - 20}" class="axis"/>',
        f'<text x="{x(0):.1f}" y="{height - 6}" class="tick">even odds</text>',
    ]
    y = 16
    parts.append(_bar("prior (setting)", x(0), x(start), y, start >= 0))
    for index, (label, value) in enumerate(steps):
        y += ROW
        before, after = points[index], points[index + 1]
        parts.append(_bar(f"{label}: {value:+.2f}", x(before), x(after), y, value >= 0))
    y += ROW
    parts.append(
        f'<text x="{LABEL - 8}" y="{y + 14}" class="label total">'
        f"posterior {entry.probability:.1%}</text>"
    )
    parts.append(
        f'<line x1="{x(final):.1f}" y1="{y}" x2="{x(final):.1f}" y2="{y + 18}" class="final"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _bar(label: str, x0: float, x1: float, y: float, up: bool) -> str:
    left, width = min(x0, x1), max(abs(x1 - x0), 1.5)
    kind = "for" if up else "against"
    return (
        f'<text x="{LABEL - 8}" y="{y + 14}" class="label">{escape(label)}</text>'
        f'<rect x="{left:.1f}" y="{y + 2}" width="{width:.1f}" height="{ROW - 8}" class="{kind}"/>'
    )
