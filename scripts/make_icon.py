"""Draw the application icon: resources/icons/shahrtrain.svg and shahrtrain-256.png.

A mortarboard over a columned civic building, white on a teal rounded square. The SVG and the
PNG are drawn from the same list of shapes (the PNG with QPainter), so they always match.

    python scripts/make_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPen,
    QPolygonF,
)

SIZE = 256
OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
TOP, BOTTOM = "#14917f", "#0b4f6c"
WHITE, PALE, GOLD = "#ffffff", "#d9f0ec", "#f4b942"

# (kind, geometry, colour) in a 256 × 256 box.
Rect = tuple[float, float, float, float]
SHAPES: list[tuple[str, tuple[float, ...], str]] = [
    ("rect", (90, 88, 76, 34), PALE),  # cap band
    ("polygon", (128, 38, 218, 74, 128, 110, 38, 74), WHITE),  # mortarboard
    ("rect", (194, 76, 5, 46), GOLD),  # tassel cord
    ("circle", (196.5, 126, 8), GOLD),  # tassel
    ("polygon", (128, 128, 212, 150, 44, 150), WHITE),  # pediment
    ("rect", (56, 154, 144, 8), WHITE),  # beam
    *(("rect", (x, 168, 18, 34), WHITE) for x in (66, 101, 137, 172)),  # columns
    ("rect", (48, 206, 160, 12), WHITE),  # step
]
RADIUS = 52


def svg() -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}">',
        '<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{TOP}"/><stop offset="1" stop-color="{BOTTOM}"/>'
        "</linearGradient></defs>",
        f'<rect x="8" y="8" width="240" height="240" rx="{RADIUS}" fill="url(#bg)"/>',
    ]
    for kind, g, colour in SHAPES:
        if kind == "rect":
            parts.append(
                f'<rect x="{g[0]:g}" y="{g[1]:g}" width="{g[2]:g}" height="{g[3]:g}" '
                f'fill="{colour}"/>'
            )
        elif kind == "circle":
            parts.append(f'<circle cx="{g[0]:g}" cy="{g[1]:g}" r="{g[2]:g}" fill="{colour}"/>')
        else:
            points = " ".join(f"{g[i]:g},{g[i + 1]:g}" for i in range(0, len(g), 2))
            parts.append(f'<polygon points="{points}" fill="{colour}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def png(path: Path) -> None:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(Qt.PenStyle.NoPen))
    gradient = QLinearGradient(0, 8, 0, 248)
    gradient.setColorAt(0, QColor(TOP))
    gradient.setColorAt(1, QColor(BOTTOM))
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), RADIUS, RADIUS)
    for kind, g, colour in SHAPES:
        painter.setBrush(QColor(colour))
        if kind == "rect":
            painter.drawRect(QRectF(*g))
        elif kind == "circle":
            painter.drawEllipse(QPointF(g[0], g[1]), g[2], g[2])
        else:
            painter.drawPolygon(QPolygonF([QPointF(g[i], g[i + 1]) for i in range(0, len(g), 2)]))
    painter.end()
    image.save(str(path))


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "shahrtrain.svg").write_text(svg(), encoding="utf-8")
    png(OUT / "shahrtrain-256.png")
    print(f"wrote {OUT / 'shahrtrain.svg'} and {OUT / 'shahrtrain-256.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
