"""QR codes on PDF pages, cheaply enough for thousands of pages.

reportlab's QR widget emits one rectangle per dark module through its graphics layer (48 s for
750 pages). Even one vector path of merged runs per symbol is ~600 ``re`` operators, ~12 KB a
page before compression; formatting and compressing it cost 0.16 ms a page, more than all the
Persian shaping and layout together. So the symbol is drawn as a 1-bit stencil mask
(``/ImageMask``, no interpolation) inline in the page: ~350 bytes, filled with the current
colour and rasterised sharp-edged by printers and viewers, whole device pixels per module.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from .qr_encoder import encode, encode_stencil

QUIET_ZONE = 4  # modules of white the standard asks for around the symbol


def qr_rows(text: str) -> list[str]:
    """The symbol's rows, top to bottom, as strings of "0"/"1" (1 = dark), no quiet zone."""
    _, size, cells = encode(text)
    return [cells[r : r + size] for r in range(0, size * size, size)]


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> float:
    """Draw the QR symbol for *text* in black with its lower-left corner at (x, y), *size* wide.

    The caller keeps a quiet zone of :data:`QUIET_ZONE` modules clear around it; returns the
    module size so it can.
    """
    count, stencil = encode_stencil(text)
    data = stencil.hex()
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # Image space is the unit square with its first row at the top; /D [1 0] makes 1 = paint.
    canvas.addLiteral(
        f"{fp_str(size, 0, 0, size, x, y)} cm\n"
        f"BI /IM true /W {count} /H {count} /D [1 0] /I false /F /AHx ID\n{data}>\nEI"
    )
    canvas.restoreState()
    return size / count
