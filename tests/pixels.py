"""Comparing two grabs of a widget: where on the screen a change was drawn."""

from __future__ import annotations

from PySide6.QtGui import QImage


def differing_columns(before: QImage, after: QImage) -> list[int]:
    """The x positions where any pixel differs between two images of the same size."""
    return [
        x
        for x in range(before.width())
        if any(before.pixel(x, y) != after.pixel(x, y) for y in range(before.height()))
    ]
