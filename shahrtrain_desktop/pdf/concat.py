"""Join PDFs made by reportlab into one file, writing as it goes.

reportlab keeps every page of a document in memory until ``save()`` and then builds the whole
file as one ``bytes``; a 5,000-page print run would need hundreds of megabytes. Print runs are
therefore rendered in chunks of a few hundred pages, and each chunk's objects are copied into
the output file here straight away, renumbered, so memory stays flat however long the run.

This reads only what reportlab writes: a classic cross-reference table, no object streams,
stream lengths given directly, no references inside strings. Anything else is refused with a
``ValueError`` rather than copied wrongly. Identical images (the logo and signature images
repeat in every chunk) are written once.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import IO

_STARTXREF_RE = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_SECTION_RE = re.compile(rb"(\d+) (\d+)\s*\n")
_ROOT_RE = re.compile(rb"/Root (\d+) 0 R")
_OBJ_HEAD_RE = re.compile(rb"(\d+) 0 obj\s*")
_KEYWORD_RE = re.compile(rb"(?:(?<=\s)|(?<=>))(stream|endobj)(?=\s)")
_REF_RE = re.compile(rb"(?<![\d.])(\d+) 0 R(?![A-Za-z])")
_LENGTH_RE = re.compile(rb"/Length (\d+)(?! \d+ R)")
_PARENT_RE = re.compile(rb"/Parent \d+ 0 R")
_PAGES_RE = re.compile(rb"/Pages (\d+) 0 R")
_KIDS_RE = re.compile(rb"/Kids \[([^\]]*)\]")
_TYPE_PAGES_RE = re.compile(rb"/Type /Pages\b")
_IMAGE_RE = re.compile(rb"/Subtype /Image\b")
_PAGE_KEYS = (b"/MediaBox", b"/Resources", b"/Contents")


class _Source:
    """One reportlab PDF held in memory, read object by object."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        match = _STARTXREF_RE.search(data[-64:])
        if not match or not data.startswith(b"%PDF-"):
            raise ValueError("not a PDF written by reportlab")
        pos = int(match.group(1))
        if data[pos : pos + 4] != b"xref":
            raise ValueError("PDF without a classic cross-reference table")
        pos += 4
        while data[pos : pos + 1] in b" \r\n":
            pos += 1
        self.offsets: dict[int, int] = {}
        while not data.startswith(b"trailer", pos):
            section = _XREF_SECTION_RE.match(data, pos)
            if not section:
                raise ValueError("unreadable cross-reference table")
            first, count = int(section.group(1)), int(section.group(2))
            pos = section.end()
            for i in range(count):
                entry = data[pos : pos + 20]
                if entry[17:18] == b"n":
                    self.offsets[first + i] = int(entry[:10])
                pos += 20
        root = _ROOT_RE.search(data, pos)
        if not root:
            raise ValueError("PDF trailer without /Root")
        self.root = int(root.group(1))

    def read(self, num: int) -> tuple[bytes, bytes | None]:
        """The object's dictionary (or other value) and its raw stream data, if any."""
        start = self.offsets.get(num)
        head = _OBJ_HEAD_RE.match(self.data, start) if start is not None else None
        if head is None or int(head.group(1)) != num:
            raise ValueError(f"object {num} not found")
        keyword = _KEYWORD_RE.search(self.data, head.end())
        if keyword is None:
            raise ValueError(f"object {num} is not terminated")
        value = self.data[head.end() : keyword.start()].rstrip()
        if keyword.group(1) == b"endobj":
            return value, None
        length = _LENGTH_RE.search(value)
        if length is None:
            raise ValueError(f"stream {num} without a direct /Length")
        begin = keyword.end()
        begin += 2 if self.data.startswith(b"\r\n", begin) else 1
        return value, self.data[begin : begin + int(length.group(1))]

    def page_numbers(self) -> list[int]:
        catalog, _ = self.read(self.root)
        pages = _PAGES_RE.search(catalog)
        if pages is None:
            raise ValueError("catalog without /Pages")
        result: list[int] = []
        self._collect_pages(int(pages.group(1)), result)
        return result

    def _collect_pages(self, num: int, result: list[int]) -> None:
        node, _ = self.read(num)
        if not _TYPE_PAGES_RE.search(node):
            result.append(num)
            return
        kids = _KIDS_RE.search(node)
        for kid in _REF_RE.finditer(kids.group(1) if kids else b""):
            self._collect_pages(int(kid.group(1)), result)


class PdfConcatenator:
    """Write pages of several reportlab PDFs into *stream* as one document.

    Call :meth:`append` for each part, then :meth:`close` once.
    """

    def __init__(self, stream: IO[bytes], title: str = "", producer: str = "ShahrTrain") -> None:
        self._out = stream
        self._offsets: list[int] = []
        self._kids: list[int] = []
        self._images: dict[bytes, int] = {}
        self._title = title
        self._producer = producer
        self._out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        self._pages_num = self._reserve()
        self._closed = False

    @property
    def page_count(self) -> int:
        return len(self._kids)

    def _reserve(self) -> int:
        self._offsets.append(0)
        return len(self._offsets)

    def _write(self, num: int, value: bytes, stream: bytes | None = None) -> None:
        self._offsets[num - 1] = self._out.tell()
        parts = [b"%d 0 obj\n" % num, value]
        if stream is not None:
            parts += [b"\nstream\n", stream, b"\nendstream"]
        parts.append(b"\nendobj\n")
        self._out.write(b"".join(parts))

    def append(self, data: bytes) -> int:
        """Copy every page of one reportlab PDF; returns how many pages it had."""
        source = _Source(data)
        mapping: dict[int, int] = {}
        pages = source.page_numbers()
        for num in pages:
            value, _ = source.read(num)
            if not all(key in value for key in _PAGE_KEYS):
                raise ValueError("page relies on inherited attributes")
            if not value.startswith(b"<<"):
                raise ValueError(f"page {num} is not a dictionary")
            value = self._remap(source, _PARENT_RE.sub(b"", value), mapping)
            page_num = self._reserve()
            value = b"<< /Parent %d 0 R" % self._pages_num + value[2:]
            self._write(page_num, value)
            self._kids.append(page_num)
        return len(pages)

    def _remap(self, source: _Source, value: bytes, mapping: dict[int, int]) -> bytes:
        return _REF_RE.sub(
            lambda m: b"%d 0 R" % self._copy(source, int(m.group(1)), mapping), value
        )

    def _copy(self, source: _Source, old: int, mapping: dict[int, int]) -> int:
        """Copy object *old* and everything it refers to; returns its new number."""
        if old in mapping:
            if mapping[old] < 0:
                raise ValueError(f"reference cycle through object {old}")
            return mapping[old]
        value, stream = source.read(old)
        if _TYPE_PAGES_RE.search(value):
            raise ValueError("unexpected reference to the page tree")
        mapping[old] = -1  # in progress: reportlab writes no cycles outside the page tree
        value = self._remap(source, value, mapping)
        if stream is not None and _IMAGE_RE.search(value):
            digest = hashlib.sha256(value + b"\0" + stream).digest()
            if digest in self._images:
                mapping[old] = self._images[digest]
                return mapping[old]
            self._images[digest] = num = self._reserve()
        else:
            num = self._reserve()
        mapping[old] = num
        self._write(num, value, stream)
        return num

    def close(self) -> None:
        """Write the page tree, catalog, info, cross-reference table and trailer."""
        if self._closed:
            return
        self._closed = True
        kids = b" ".join(b"%d 0 R" % kid for kid in self._kids)
        self._write(
            self._pages_num,
            b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (len(self._kids), kids),
        )
        catalog = self._reserve()
        self._write(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % self._pages_num)
        info = self._reserve()
        self._write(
            info,
            b"<< /Producer %s /Title %s >>" % (_text(self._producer), _text(self._title)),
        )
        xref_at = self._out.tell()
        lines = [b"xref\n0 %d\n" % (len(self._offsets) + 1), b"0000000000 65535 f \n"]
        lines += [b"%010d 00000 n \n" % offset for offset in self._offsets]
        file_id = os.urandom(16).hex().encode("ascii")
        lines.append(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [ <%s> <%s> ] >>\n"
            % (len(self._offsets) + 1, catalog, info, file_id, file_id)
        )
        lines.append(b"startxref\n%d\n%%%%EOF\n" % xref_at)
        self._out.write(b"".join(lines))


def _text(value: str) -> bytes:
    """A PDF text string (UTF-16BE with BOM, hex-encoded) for the document info."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"
