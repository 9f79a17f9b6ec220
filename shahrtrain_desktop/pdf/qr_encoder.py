"""A small QR Code encoder (ISO/IEC 18004, model 2) built for speed on print runs.

Every certificate carries a different signed payload, so a 5,000-page run encodes 5,000
symbols. segno spends ~10 ms on one (most of it trying all eight masks in pure Python),
which alone would be many times the cost of the rest of the page. This encoder does only what
certificates need — error correction level M, alphanumeric or byte mode, one fixed mask — and
precomputes per version everything that does not depend on the data (function patterns,
module order, mask bits), leaving ~0.1 ms of work per symbol. A fixed mask is allowed by the
standard; it only forgoes the penalty-based choice, which matters for repetitive data, not for
a signature's random-looking bits. The tests check its output module for module against segno.
"""

from __future__ import annotations

import re
from functools import cache, reduce
from operator import getitem, itemgetter, xor

ERROR_LEVEL = "M"
MASK = 0
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALNUM_VALUE = {ch: i for i, ch in enumerate(ALPHANUMERIC)}
_ALNUM_PAIR_BITS = {
    a + b: format(45 * _ALNUM_VALUE[a] + _ALNUM_VALUE[b], "011b")
    for a in ALPHANUMERIC
    for b in ALPHANUMERIC
}
_ALNUM_TEXT_RE = re.compile("[0-9A-Z $%*+\\-./:]*")
_PAIR_RE = re.compile("..", re.DOTALL)

# ISO/IEC 18004 table 9 at level M, versions 1-40:
# (error correction codewords per block, ((block count, data codewords per block), ...)).
_M_BLOCKS: tuple[tuple[int, tuple[tuple[int, int], ...]], ...] = (
    (10, ((1, 16),)), (16, ((1, 28),)), (26, ((1, 44),)), (18, ((2, 32),)), (24, ((2, 43),)),
    (16, ((4, 27),)), (18, ((4, 31),)), (22, ((2, 38), (2, 39))), (22, ((3, 36), (2, 37))),
    (26, ((4, 43), (1, 44))), (30, ((1, 50), (4, 51))), (22, ((6, 36), (2, 37))),
    (22, ((8, 37), (1, 38))), (24, ((4, 40), (5, 41))), (24, ((5, 41), (5, 42))),
    (28, ((7, 45), (3, 46))), (28, ((10, 46), (1, 47))), (26, ((9, 43), (4, 44))),
    (26, ((3, 44), (11, 45))), (26, ((3, 41), (13, 42))), (26, ((17, 42),)), (28, ((17, 46),)),
    (28, ((4, 47), (14, 48))), (28, ((6, 45), (14, 46))), (28, ((8, 47), (13, 48))),
    (28, ((19, 46), (4, 47))), (28, ((22, 45), (3, 46))), (28, ((3, 45), (23, 46))),
    (28, ((21, 45), (7, 46))), (28, ((19, 47), (10, 48))), (28, ((2, 46), (29, 47))),
    (28, ((10, 46), (23, 47))), (28, ((14, 46), (21, 47))), (28, ((14, 46), (23, 47))),
    (28, ((12, 47), (26, 48))), (28, ((6, 47), (34, 48))), (28, ((29, 46), (14, 47))),
    (28, ((13, 46), (32, 47))), (28, ((40, 47), (7, 48))), (28, ((18, 47), (31, 48))),
)  # fmt: skip
_LEVEL_M_BITS = 0b00

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _i in range(255):
    _EXP[_i] = _value
    _LOG[_value] = _i
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


class QrCapacityError(ValueError):
    """The text does not fit in a version 40 symbol."""


def _gf_mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@cache
def _rs_table(degree: int) -> tuple[int, ...]:
    """For each leading byte, the generator polynomial times it, packed into one int."""
    divisor = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            divisor[j] = _gf_mul(divisor[j], root)
            if j + 1 < degree:
                divisor[j] ^= divisor[j + 1]
        root = _gf_mul(root, 2)
    return tuple(
        int.from_bytes(bytes(_gf_mul(c, factor) for c in divisor), "big") for factor in range(256)
    )


@cache
def _rs_position_tables(degree: int, length: int) -> tuple[tuple[int, ...], ...]:
    """For each byte position of a *length*-byte block, the remainder each value there adds.

    The remainder is linear over GF(2), so a block's is the XOR of its bytes' shares: one
    lookup a byte instead of a division step. The last position's share is the generator
    table itself; each earlier one is the next one shifted through the divider once more.
    """
    table = _rs_table(degree)
    shift = 8 * (degree - 1)
    keep = (1 << (8 * degree)) - 1
    shares = [table]
    for _ in range(length - 1):
        shares.append(tuple(((r << 8) & keep) ^ table[r >> shift] for r in shares[-1]))
    return tuple(reversed(shares))


def _rs_remainder(data: bytes, degree: int) -> bytes:
    shares = _rs_position_tables(degree, len(data))
    return reduce(xor, map(getitem, shares, data), 0).to_bytes(degree, "big")


def _size(version: int) -> int:
    return 17 + 4 * version


def _data_capacity(version: int) -> int:
    """Data codewords of a level-M symbol."""
    return sum(count * data for count, data in _M_BLOCKS[version - 1][1])


def _alignment_positions(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return [6] + sorted(_size(version) - 7 - i * step for i in range(count - 1))


def _bch_format(mask: int) -> int:
    data = (_LEVEL_M_BITS << 3) | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    return ((data << 10) | rem) ^ 0x5412


def _bch_version(version: int) -> int:
    rem = version
    for _ in range(12):
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
    return (version << 12) | rem


def _mask_bit(mask: int, x: int, y: int) -> bool:
    return (
        (x + y) % 2 == 0,
        y % 2 == 0,
        x % 3 == 0,
        (x + y) % 3 == 0,
        (x // 3 + y // 2) % 2 == 0,
        x * y % 2 + x * y % 3 == 0,
        (x * y % 2 + x * y % 3) % 2 == 0,
        ((x + y) % 2 + x * y % 3) % 2 == 0,
    )[mask]


class _Layout:
    """Everything about one version (and the fixed mask) that does not depend on the data."""

    def __init__(self, version: int, mask: int) -> None:
        size = _size(version)
        self.size = size
        modules = [[False] * size for _ in range(size)]
        function = [[False] * size for _ in range(size)]

        def put(x: int, y: int, dark: bool) -> None:
            modules[y][x] = dark
            function[y][x] = True

        for i in range(size):
            put(6, i, i % 2 == 0)
            put(i, 6, i % 2 == 0)
        for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
            for dy in range(-4, 5):
                for dx in range(-4, 5):
                    if 0 <= cx + dx < size and 0 <= cy + dy < size:
                        put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
        positions = _alignment_positions(version)
        last = len(positions) - 1
        for i, ax in enumerate(positions):
            for j, ay in enumerate(positions):
                if (i, j) in ((0, 0), (0, last), (last, 0)):
                    continue
                for dy in range(-2, 3):
                    for dx in range(-2, 3):
                        put(ax + dx, ay + dy, max(abs(dx), abs(dy)) != 1)
        bits = _bch_format(mask)
        for i in range(6):
            put(8, i, bool(bits >> i & 1))
        put(8, 7, bool(bits >> 6 & 1))
        put(8, 8, bool(bits >> 7 & 1))
        put(7, 8, bool(bits >> 8 & 1))
        for i in range(9, 15):
            put(14 - i, 8, bool(bits >> i & 1))
        for i in range(8):
            put(size - 1 - i, 8, bool(bits >> i & 1))
        for i in range(8, 15):
            put(8, size - 15 + i, bool(bits >> i & 1))
        put(8, size - 8, True)
        if version >= 7:
            bits = _bch_version(version)
            for i in range(18):
                a, b = size - 11 + i % 3, i // 3
                put(a, b, bool(bits >> i & 1))
                put(b, a, bool(bits >> i & 1))

        # Data modules in placement order (the two-column zigzag from the bottom right).
        order: list[tuple[int, int]] = []
        for right in range(size - 1, 0, -2):
            if right <= 6:
                right -= 1
            upward = (right + 1) & 2 == 0
            for vert in range(size):
                y = size - 1 - vert if upward else vert
                for x in (right, right - 1):
                    if not function[y][x]:
                        order.append((x, y))
        self.data_bits = len(order)
        # Mask bits in placement order, so masking is one XOR on the message as an int.
        self.mask_int = 0
        for x, y in order:
            self.mask_int = (self.mask_int << 1) | _mask_bit(mask, x, y)
        # The matrix is gathered from one string: the masked message bits, then "0" and "1".
        index = {(x, y): i for i, (x, y) in enumerate(order)}
        light, dark = len(order), len(order) + 1
        picks = [
            [index.get((x, y), dark if modules[y][x] else light) for x in range(size)]
            for y in range(size)
        ]
        self.gather = itemgetter(*(i for row in picks for i in row))
        # The same, each row padded with light modules to whole bytes (a PDF image's rows).
        pad = [light] * (-size % 8)
        self.stencil_gather = itemgetter(*(i for row in picks for i in (*row, *pad)))


@cache
def _layout(version: int, mask: int) -> _Layout:
    return _Layout(version, mask)


def _segment(text: str) -> tuple[int, int, int, int, int]:
    """(mode bits, count, data as int, data bit length, count-field class) for *text*."""
    if _ALNUM_TEXT_RE.fullmatch(text):
        # Pairs of characters are 11-bit numbers (45 × first + second), a last odd one 6 bits.
        pairs = "".join(map(_ALNUM_PAIR_BITS.__getitem__, _PAIR_RE.findall(text)))
        tail = format(_ALNUM_VALUE[text[-1]], "06b") if len(text) % 2 else ""
        bits = pairs + tail
        return 0b0010, len(text), int(bits, 2) if bits else 0, len(bits), 0
    raw = text.encode("utf-8")
    return 0b0100, len(raw), int.from_bytes(raw, "big") if raw else 0, 8 * len(raw), 1


def _count_bits(mode_class: int, version: int) -> int:
    if mode_class == 0:  # alphanumeric
        return 9 if version <= 9 else 11 if version <= 26 else 13
    return 8 if version <= 9 else 16


def encode(text: str, min_version: int = 1) -> tuple[int, int, str]:
    """Encode *text*; returns (version, size, cells).

    *cells* holds the ``size`` × ``size`` modules row by row, top row first, as "0"/"1"
    (1 = dark), without the quiet zone.
    """
    version, layout, message = _codewords(text, min_version)
    return version, layout.size, "".join(layout.gather(_masked_bits(layout, message)))


def encode_stencil(text: str) -> tuple[int, bytes]:
    """Encode *text*; returns (size, rows) with the rows packed 8 modules a byte, top row
    first, each row padded to whole bytes (1 = dark): a PDF image mask, without quiet zone."""
    _, layout, message = _codewords(text)
    bits = "".join(layout.stencil_gather(_masked_bits(layout, message)))
    return layout.size, int(bits, 2).to_bytes(len(bits) // 8, "big")


def _codewords(text: str, min_version: int = 1) -> tuple[int, _Layout, bytes]:
    """The smallest version that holds *text*, its layout, and the interleaved codewords."""
    mode, count, value, length, mode_class = _segment(text)
    for version in range(min_version, 41):
        count_bits = _count_bits(mode_class, version)
        used = 4 + count_bits + length
        capacity = 8 * _data_capacity(version)
        if used <= capacity and count < (1 << count_bits):
            break
    else:
        raise QrCapacityError(f"{len(text)} characters do not fit in a QR code")
    bits = (((mode << count_bits) | count) << length) | value
    terminator = min(4, capacity - used)
    bits <<= terminator
    used += terminator
    bits <<= -used % 8
    used += -used % 8
    data = bytearray(bits.to_bytes(used // 8, "big"))
    pad = 0xEC
    while len(data) < capacity // 8:
        data.append(pad)
        pad ^= 0xEC ^ 0x11
    return version, _layout(version, MASK), _interleave(version, bytes(data))


def _interleave(version: int, data: bytes) -> bytes:
    """Data split into blocks, error correction added, codewords interleaved."""
    ec_len, groups = _M_BLOCKS[version - 1]
    blocks: list[bytes] = []
    pos = 0
    for block_count, data_len in groups:
        for _ in range(block_count):
            blocks.append(data[pos : pos + data_len])
            pos += data_len
    count = len(blocks)
    short = len(blocks[0])  # later blocks are at most one codeword longer
    message = bytearray(len(data) + ec_len * count)
    # First codeword of every block, then the second, ...; error correction codewords after.
    for j, block in enumerate(blocks):
        message[j : short * count : count] = block[:short]
    for j, block in enumerate(b for b in blocks if len(b) > short):
        message[short * count + j] = block[short]
    for j, block in enumerate(blocks):
        message[len(data) + j :: count] = _rs_remainder(block, ec_len)
    return bytes(message)


def _masked_bits(layout: _Layout, message: bytes) -> str:
    """The message's bits in placement order, masked, then the light and dark constants the
    layout's gathers pick function modules from."""
    extra = layout.data_bits - 8 * len(message)  # remainder bits, always light before masking
    masked = (int.from_bytes(message, "big") << extra) ^ layout.mask_int
    return format(masked, f"0{layout.data_bits}b") + "01"
