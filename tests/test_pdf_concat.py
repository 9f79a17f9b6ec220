"""Joining reportlab PDFs into one file as they are made."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from shahrtrain_desktop.pdf.concat import PdfConcatenator


def reportlab_pdf(labels: list[str], logo: ImageReader | None = None) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    canvas.beginForm("bg")
    canvas.rect(20, 20, 100, 100)
    if logo is not None:
        canvas.drawImage(logo, 30, 30, 40, 40, mask="auto")
    canvas.endForm()
    for label in labels:
        canvas.doForm("bg")
        canvas.drawString(200, 400, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture
def logo(tmp_path: Path) -> ImageReader:
    path = tmp_path / "logo.png"
    Image.new("RGBA", (32, 32), (20, 60, 120, 200)).save(path)
    return ImageReader(str(path))


def test_pages_are_joined_in_order(tmp_path: Path, logo: ImageReader) -> None:
    out = tmp_path / "joined.pdf"
    with out.open("wb") as handle:
        writer = PdfConcatenator(handle, title="گواهی‌نامه‌ها")
        assert writer.append(reportlab_pdf(["page 1", "page 2"], logo)) == 2
        assert writer.append(reportlab_pdf(["page 3"], logo)) == 1
        writer.close()
        writer.close()  # a second close writes nothing more
        assert writer.page_count == 3
    with pdfplumber.open(out) as pdf:
        assert [page.extract_text().strip() for page in pdf.pages] == ["page 1", "page 2", "page 3"]
        assert pdf.metadata["Title"] == "گواهی‌نامه‌ها"
    if shutil.which("pdftoppm"):
        result = subprocess.run(
            ["pdftoppm", "-r", "10", "-png", out, tmp_path / "p"], capture_output=True, text=True
        )
        assert result.returncode == 0 and "Error" not in result.stderr


def test_identical_images_are_stored_once(tmp_path: Path, logo: ImageReader) -> None:
    out = io.BytesIO()
    writer = PdfConcatenator(out)
    for _ in range(3):
        writer.append(reportlab_pdf(["x"], logo))
    writer.close()
    data = out.getvalue()
    # One image and its soft mask, although three parts each embedded them.
    assert data.count(b"/Subtype /Image") == 2


@pytest.mark.parametrize("data", [b"", b"not a pdf", b"%PDF-1.4\nstartxref\n5\n%%EOF\n"])
def test_refuses_what_reportlab_did_not_write(data: bytes) -> None:
    writer = PdfConcatenator(io.BytesIO())
    with pytest.raises(ValueError):
        writer.append(data)
