"""Server-side bar charts as SVG (pure: no Django, no JavaScript), for pages and the PDF review.

Every chart has a <title> and <desc> for screen readers; pages show the same figures as a table.
"""

from __future__ import annotations

from html import escape


def bar_chart(title: str, rows: list[tuple[str, float]], *, width: int = 640,
              bar_height: int = 18, label_width: int = 190, colour: str = "#0b5ea8",
              highlight: dict[str, str] | None = None) -> str:
    """A horizontal bar chart: one labelled bar per row, its value at the end of the bar."""
    highlight = highlight or {}
    gap = 6
    top = 28
    height = top + len(rows) * (bar_height + gap) + 8
    top_value = max((v for _, v in rows), default=0) or 1
    room = width - label_width - 60
    parts = [
        # direction="ltr": drawn left to right in every language (in an Arabic page an inherited
        # rtl would turn text-anchor="end" round and lay the labels over the bars).
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Noto Sans, DejaVu Sans, sans-serif" '
        f'font-size="12" direction="ltr">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape("; ".join(f"{label}: {value:g}" for label, value in rows)) + "</desc>",
        f'<text x="0" y="16" font-weight="bold" font-size="13">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_height + gap)
        length = 0 if not value else max(1.0, room * value / top_value)
        shown = label if len(label) <= 30 else label[:29] + "…"
        fill = highlight.get(label, colour)
        parts += [
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end">'
            f"{escape(shown)}</text>",
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{fill}"/>',
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 5}">{value:g}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)

