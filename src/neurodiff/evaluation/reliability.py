"""A reliability diagram as a small, dependency-free SVG."""

from __future__ import annotations

from html import escape

from neurodiff.evaluation.metrics import ReliabilityBin

SIZE = 360
MARGIN = 48


def reliability_svg(bins: list[ReliabilityBin], title: str) -> str:
    """Bars: observed accuracy per confidence bin; dots: mean confidence; diagonal: ideal."""
    plot = SIZE - 2 * MARGIN

    def x(value: float) -> float:
        return MARGIN + value * plot

    def y(value: float) -> float:
        return SIZE - MARGIN - value * plot

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}" role="img" aria-label="{escape(title)}">',
        f'<rect width="{SIZE}" height="{SIZE}" fill="white"/>',
        f'<text x="{SIZE / 2}" y="24" text-anchor="middle" font-family="sans-serif" '
        f'font-size="14">{escape(title)}</text>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#999" '
        'stroke-dasharray="4 4"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(0)}" stroke="black"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(0)}" y2="{y(1)}" stroke="black"/>',
    ]
    for tick in (0.0, 0.5, 1.0):
        parts.append(
            f'<text x="{x(tick)}" y="{y(0) + 16}" text-anchor="middle" font-size="11" '
            f'font-family="sans-serif">{tick:.1f}</text>'
        )
        parts.append(
            f'<text x="{x(0) - 8}" y="{y(tick) + 4}" text-anchor="end" font-size="11" '
            f'font-family="sans-serif">{tick:.1f}</text>'
        )
    parts.append(
        f'<text x="{SIZE / 2}" y="{SIZE - 10}" text-anchor="middle" font-size="12" '
        'font-family="sans-serif">confidence of the top disease</text>'
    )
    parts.append(
        f'<text x="14" y="{SIZE / 2}" text-anchor="middle" font-size="12" font-family="sans-serif" '
        f'transform="rotate(-90 14 {SIZE / 2})">observed accuracy</text>'
    )
    for b in bins:
        if not b.count:
            continue
        width = (b.high - b.low) * plot
        parts.append(
            f'<rect x="{x(b.low) + 1:.1f}" y="{y(b.accuracy):.1f}" width="{width - 2:.1f}" '
            f'height="{b.accuracy * plot:.1f}" fill="#4a78b5" opacity="0.75">'
            f"<title>{b.count} cases, accuracy {b.accuracy:.2f}</title></rect>"
        )
        parts.append(
            f'<circle cx="{x((b.low + b.high) / 2):.1f}" cy="{y(b.confidence):.1f}" r="3" '
            'fill="#c0392b"/>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
