"""Right-to-left Excel workbooks: the one writer every export and report uses.

Rows are streamed as SpreadsheetML straight into the zip (openpyxl holds each cell as an object
and writes some 150,000 cells a second; the year's export has over a million): text cells as
inline strings, numbers as numbers, a bold shaded frozen header with a filter, sheets right to
left. Codes (national codes, certificate numbers, mobiles) are text columns, so Excel never
drops a leading zero or turns them into numbers; dates a person reads are Jalali text. A column
with ``choices`` gets a drop-down list. Excel, LibreOffice and openpyxl read the result.

``StreamingWorkbook`` writes into an open binary file (the year's export streams each table
while it hashes its CSV); ``new_workbook``/``write_table``/``save_workbook`` gather a report's
sheets and write them beside the target, renamed at the end: never half a file.
"""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

TEMPLATE_ROWS = 500  # rows a drop-down list covers below the header


@dataclass(frozen=True)
class SheetColumn:
    title: str
    width: float = 16
    text: bool = False  # store as text (codes, numbers that are identifiers), even empty cells
    choices: Sequence[str] = ()  # a drop-down list of allowed values


_CONTENT_TYPES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
)  # fmt: skip
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)  # fmt: skip
_REL_SHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
# Styles: 0 body, 1 bold shaded header, 2 text ("@") body.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Vazirmatn"/></font>'
    '<font><b/><sz val="11"/><name val="Vazirmatn"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE7F0"/></patternFill></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="3"><xf fontId="0"/>'
    '<xf fontId="1" fillId="2" applyFont="1" applyFill="1"/>'
    '<xf fontId="0" numFmtId="49" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)  # fmt: skip
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_cell(value: str, style: int) -> str:
    return f'<c t="inlineStr" s="{style}"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


class StreamingWorkbook:
    """Add sheets one after another (each streamed from an iterable), then ``close``."""

    def __init__(self, target: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheets: list[str] = []
        self._stamp = time.gmtime()[:6]

    def add_sheet(
        self, title: str, columns: Sequence[SheetColumn], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Write one sheet; returns the number of data rows."""
        number = len(self._sheets) + 1
        self._sheets.append(title[:31])
        last_column = _column_letter(len(columns) - 1)
        text_columns = [column.text for column in columns]
        count = 0
        info = zipfile.ZipInfo(f"xl/worksheets/sheet{number}.xml", self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        with self._zip.open(info, "w") as raw:
            out: list[str] = [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
                f"<worksheet {_NS} {_NS_R}><sheetViews>",
                '<sheetView rightToLeft="1" workbookViewId="0">',
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
                "</sheetView></sheetViews><cols>",
            ]
            for i, column in enumerate(columns, start=1):
                style = ' style="2"' if column.text else ""
                out.append(
                    f'<col min="{i}" max="{i}" width="{column.width}" customWidth="1"{style}/>'
                )
            out.append("</cols><sheetData><row>")
            out.extend(_text_cell(column.title, 1) for column in columns)
            out.append("</row>")
            for row in rows:
                count += 1
                out.append("<row>")
                for value, as_text in zip(row, text_columns, strict=True):
                    if value is None or value == "":
                        out.append("<c/>")
                    elif as_text or isinstance(value, str):
                        out.append(_text_cell(str(value), 2 if as_text else 0))
                    elif isinstance(value, bool):
                        out.append(f'<c t="b"><v>{int(value)}</v></c>')
                    else:
                        out.append(f"<c><v>{value}</v></c>")
                out.append("</row>")
                if len(out) > 20_000:
                    raw.write("".join(out).encode("utf-8"))
                    out.clear()
            out.append(f'</sheetData><autoFilter ref="A1:{last_column}{count + 1}"/>')
            out.append(_validations(columns, max(count, TEMPLATE_ROWS) + 1))
            out.append("</worksheet>")
            raw.write("".join(out).encode("utf-8"))
        return count

    def discard(self) -> None:
        """Give up (on error or cancel): release the zip without finishing the workbook."""
        self._zip.close()

    def close(self) -> None:
        sheets = "".join(
            f'<sheet name="{escape(title, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, title in enumerate(self._sheets, start=1)
        )
        workbook = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<workbook {_NS} {_NS_R}><bookViews><workbookView/></bookViews>"
            f"<sheets>{sheets}</sheets></workbook>"
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL_SHEET}" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        styles_id = len(self._sheets) + 1
        rels += f'<Relationship Id="rId{styles_id}" Type="{_REL_STYLES}" Target="styles.xml"/>'
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        z = self._zip
        z.writestr("[Content_Types].xml", _CONTENT_TYPES_HEAD + overrides + "</Types>")
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        z.writestr("xl/styles.xml", _STYLES)
        z.close()


def _validations(columns: Sequence[SheetColumn], last_row: int) -> str:
    lists = [
        (_column_letter(i), ",".join(column.choices))
        for i, column in enumerate(columns)
        if column.choices
    ]
    if not lists:
        return ""
    rules = "".join(
        f'<dataValidation type="list" allowBlank="1" showErrorMessage="1" '
        f'sqref="{letter}2:{letter}{last_row}">'
        f"<formula1>&quot;{escape(options.replace(chr(34), chr(34) * 2))}&quot;</formula1>"
        "</dataValidation>"
        for letter, options in lists
    )
    return f'<dataValidations count="{len(lists)}">{rules}</dataValidations>'


@dataclass
class Workbook:
    """A report's sheets, gathered by ``write_table`` and written by ``save_workbook``."""

    sheets: list[tuple[str, Sequence[SheetColumn], list[Sequence[Any]]]] = field(
        default_factory=list
    )


def new_workbook() -> Workbook:
    return Workbook()


def write_table(
    workbook: Workbook,
    sheet_title: str,
    columns: Sequence[SheetColumn],
    rows: Iterable[Sequence[Any]],
) -> None:
    """Add a right-to-left sheet with a bold frozen header and a filter."""
    workbook.sheets.append((sheet_title, columns, [list(row) for row in rows]))


def save_workbook(workbook: Workbook, path: Path) -> Path:
    """Write next to the target and rename, so a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".partial-", suffix=".xlsx", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as target:
            stream = StreamingWorkbook(target)
            try:
                for title, columns, rows in workbook.sheets:
                    stream.add_sheet(title, columns, rows)
            except BaseException:
                stream.discard()
                raise
            stream.close()
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path
