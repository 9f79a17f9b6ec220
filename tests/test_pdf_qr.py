"""The QR encoder: module for module what segno makes, and readable by a real decoder."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
import segno
from PIL import Image

from shahrtrain_desktop.pdf.qr import qr_rows
from shahrtrain_desktop.pdf.qr_encoder import (
    ALPHANUMERIC,
    MASK,
    QrCapacityError,
    _data_capacity,
    encode,
    encode_stencil,
)

# Alphanumeric capacity at level M for each version (ISO/IEC 18004 table 7).
_LONGEST_AT_M = {1: 20, 2: 38, 7: 178, 8: 221, 9: 262, 10: 311, 26: 1542, 27: 1637, 40: 3391}
# segno splits long digit runs into numeric segments (also valid, but different modules), so
# text compared module for module with it has no digits; decoding tests cover digits.
_NO_DIGITS = ALPHANUMERIC[10:]


def segno_pads_differently(text: str, version: int) -> bool:
    """segno adds a zero byte where the terminated bit stream already ends on a byte boundary.

    Both symbols decode to the same text; the standard adds no such byte, nor does our encoder.
    """
    capacity = 8 * _data_capacity(version)
    bits = 4 + (9 if version <= 9 else 11 if version <= 26 else 13)
    bits += 11 * (len(text) // 2) + 6 * (len(text) % 2)
    bits += min(4, capacity - bits)
    return bits % 8 == 0 and bits < capacity


def segno_rows(text: str, version: int) -> list[str]:
    qr = segno.make_qr(
        text, error="m", version=version, mask=MASK, mode="alphanumeric", boost_error=False
    )
    return ["".join(str(bit) for bit in row) for row in qr.matrix]


@pytest.mark.parametrize("version", sorted(_LONGEST_AT_M))
def test_matches_segno_at_each_capacity_edge(version: int) -> None:
    rng = random.Random(version)
    longest = _LONGEST_AT_M[version]
    for length in (longest, longest - 1):
        text = "".join(rng.choice(_NO_DIGITS) for _ in range(length))
        found, size, _ = encode(text)
        assert found == version
        assert size == 17 + 4 * version
        if not segno_pads_differently(text, version):
            assert qr_rows(text) == segno_rows(text, version)


def test_matches_segno_on_random_alphanumeric_text() -> None:
    rng = random.Random(1405)
    compared = 0
    for _ in range(80):
        text = "".join(rng.choice(_NO_DIGITS) for _ in range(rng.randrange(1, 400)))
        version = encode(text)[0]
        assert segno.make_qr(text, error="m", mode="alphanumeric").version == version
        if not segno_pads_differently(text, version):
            assert qr_rows(text) == segno_rows(text, version)
            compared += 1
    assert compared > 50


def test_too_long_is_refused() -> None:
    with pytest.raises(QrCapacityError):
        encode("A" * 3392)


@pytest.mark.parametrize("text", ["A1", "ST1:" + "Q7" * 80, "گواهی‌نامه"])
def test_stencil_is_the_symbol_packed_in_padded_rows(text: str) -> None:
    rows = qr_rows(text)
    size, packed = encode_stencil(text)
    row_bytes = (size + 7) // 8
    assert size == len(rows) and len(packed) == size * row_bytes
    for y, row in enumerate(rows):
        bits = "".join(f"{byte:08b}" for byte in packed[y * row_bytes : (y + 1) * row_bytes])
        assert bits == row + "0" * (8 * row_bytes - size)


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg not installed")
@pytest.mark.parametrize(
    "text", ["سلام، گواهی‌نامهٔ آموزشی", "lower-case bytes ✓", "A1", "ST1:1405000123 QZ-0012345678"]
)
def test_byte_and_alphanumeric_symbols_decode(text: str, tmp_path: Path) -> None:
    rows = qr_rows(text)
    size = len(rows) + 8
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(rows):
        for x, bit in enumerate(row):
            if bit == "1":
                image.putpixel((x + 4, y + 4), 0)
    path = tmp_path / "qr.png"
    image.resize((size * 6, size * 6), Image.Resampling.NEAREST).save(path)
    result = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
    assert result.stdout.strip() == text
