"""Images from the office's settings (logo, signatures), read once and never fatal."""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.lib.utils import ImageReader

log = logging.getLogger(__name__)


def load_image(path: Path | str | None) -> ImageReader | None:
    """The image at *path*, fully decoded, or ``None`` if it is missing or unreadable.

    A broken logo must not stop a print run: the certificate is printed without it (and the
    reason logged). Decoding once here also lets every page reuse the same reader.
    """
    if not path:
        return None
    try:
        reader = ImageReader(str(path))
        width, height = reader.getSize()
        if width <= 0 or height <= 0:
            raise ValueError("empty image")
        reader.getRGBData()  # a truncated file fails here, not in the middle of a run
        return reader
    except Exception as error:  # PIL raises many types for damaged files
        log.warning("image %s skipped: %s", path, error)
        return None
