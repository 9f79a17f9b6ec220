"""Write the end-of-year export: one zip with the workbook, the CSVs, the office's public key,
``manifest.json`` (hash and size of every file and where they came from) and ``manifest.sig``.

Rows stream from the database into the CSV entries and the workbook in one pass; nothing is
held in memory. The zip is written beside its target and renamed at the end, so a failure or a
cancel (the progress callback raising) never leaves half an export behind.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop import __version__
from shahrtrain_desktop.models import AuditEvent, ExportRecord
from shahrtrain_desktop.models.base import utcnow
from shahrtrain_desktop.models.enums import AuditAction
from shahrtrain_desktop.models.migrate import current_revision
from shahrtrain_desktop.persian import jalali_year_range
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.audit import GENESIS_HASH, record
from shahrtrain_desktop.services.keys import active_key, load_private_key
from shahrtrain_desktop.services.permissions import Permission, require
from shahrtrain_desktop.services.xlsx import SheetColumn, StreamingWorkbook
from shahrtrain_desktop.services.year_export.tables import TABLES, ExportTable, table_rows

FORMAT = "shahrtrain-year-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "office-public-key.pem"
UTF8_BOM = b"\xef\xbb\xbf"

# label, step, steps — the UI's Task.report fits; raising from it cancels the export.
ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    year: int
    rows: dict[str, int]
    sha256: str
    manifest_sha256: str
    key_id: str


def workbook_name(office_code: str, year: int) -> str:
    return f"shahrtrain-{office_code}-{year}.xlsx"


class _HashingWriter:
    """Counts and hashes the bytes it passes on to a zip entry."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.size += len(data)
        self.raw.write(data)


def _csv_line(values: list[Any]) -> list[Any]:
    return [
        "" if v is None else ("true" if v is True else "false" if v is False else v) for v in values
    ]


def _tee_rows(
    rows: Iterator[list[Any]], table: ExportTable, target: _HashingWriter
) -> Iterator[list[Any]]:
    """Yield rows to the workbook while writing them, as CSV, to the zip entry."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    target.write(UTF8_BOM)
    for count, row in enumerate(rows, start=1):
        writer.writerow(_csv_line(row))
        yield row
        if count % 2000 == 0:
            target.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    target.write(buffer.getvalue().encode("utf-8"))


def _audit_head(session: Session) -> str:
    head = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return head or GENESIS_HASH


def export_year(
    session: Session, year: int, out: Path, progress: ProgressFn | None = None
) -> ExportResult:
    """Export Jalali year ``year`` to ``out`` (a .zip), sign it, and record that it was made."""
    grant = require(session, Permission.EXPORT_YEAR)
    private_key = load_private_key(session)
    key_row = active_key(session)
    assert key_row is not None
    office_code = str(settings.get_setting(session, settings.OFFICE_CODE) or "")
    start, end = jalali_year_range(year)
    steps = len(TABLES) + 2
    report = progress or (lambda _label, _step, _steps: None)

    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".partial-", suffix=".zip", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        files: list[dict[str, Any]] = []
        rows: dict[str, int] = {}
        with (
            zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
            tempfile.TemporaryFile() as xlsx_file,
        ):
            workbook = StreamingWorkbook(xlsx_file)
            try:
                for step, table in enumerate(TABLES):
                    report(f"جدول «{table.title}»", step, steps)
                    name = f"csv/{table.name}.csv"
                    with archive.open(_member(name), "w") as entry:
                        sink = _HashingWriter(entry)
                        rows[table.name] = workbook.add_sheet(
                            table.title,
                            [SheetColumn(c.title, c.width, c.as_text) for c in table.columns],
                            _tee_rows(table_rows(session, table, start, end), table, sink),
                        )
                    files.append(_entry(name, sink.digest.hexdigest(), sink.size, rows[table.name]))
            except BaseException:
                workbook.discard()
                raise
            report("کارپوشهٔ Excel", len(TABLES), steps)
            workbook.close()
            xlsx_name = workbook_name(office_code, year)
            xlsx_file.seek(0)
            digest, size = hashlib.sha256(), 0
            # Stored, not deflated again: the workbook is a zip itself.
            with archive.open(_member(xlsx_name, zipfile.ZIP_STORED), "w") as entry:
                while chunk := xlsx_file.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
                    entry.write(chunk)
            files.insert(0, _entry(xlsx_name, digest.hexdigest(), size, None))
            pem = key_row.public_key_pem.encode("ascii")
            archive.writestr(PUBLIC_KEY, pem)
            files.append(_entry(PUBLIC_KEY, hashlib.sha256(pem).hexdigest(), len(pem), None))

            report("امضای فهرست پرونده‌ها", len(TABLES) + 1, steps)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "office_code": office_code,
                "office_name": settings.get_setting(session, settings.OFFICE_NAME),
                "year": year,
                "period": {"start": start.isoformat(), "end_exclusive": end.isoformat()},
                "created_at": utcnow().isoformat(timespec="seconds") + "Z",
                "schema_revision": current_revision(session.connection()),
                "app_version": __version__,
                "audit_chain_head": _audit_head(session),
                "key_id": key_row.key_id,
                "public_key_file": PUBLIC_KEY,
                "signature": {"algorithm": "Ed25519", "file": SIGNATURE, "encoding": "base64"},
                "files": files,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            signature = base64.b64encode(private_key.sign(manifest_bytes))
            archive.writestr(MANIFEST, manifest_bytes)
            archive.writestr(SIGNATURE, signature + b"\n")
        report("پایان", steps, steps)
        zip_sha = _file_sha256(temp)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
    session.add(
        ExportRecord(
            year=year,
            created_by_id=grant.user_id,
            file_name=out.name,
            sha256=zip_sha,
            manifest_sha256=manifest_sha,
        )
    )
    record(
        session, AuditAction.EVENT, "year_export", year, file=out.name, sha256=zip_sha, rows=rows
    )
    session.flush()
    return ExportResult(out, year, rows, zip_sha, manifest_sha, key_row.key_id)


def _member(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, utcnow().timetuple()[:6])
    info.compress_type = compression
    return info


def _entry(path: str, sha256: str, size: int, rows: int | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": path, "sha256": sha256, "size": size}
    if rows is not None:
        entry["rows"] = rows
    return entry


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
