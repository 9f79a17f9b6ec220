"""Print runs at the desk: a selection (or all approved) → one PDF, or one PDF per person.

One transaction per run: approved certificates in the selection are issued first (numbered,
frozen, signed), then the frozen rows stream from the database into ``render_certificates`` in
number order, and the print counts are recorded last. A cancelled or failed run rolls back
everything and leaves no file behind. A certificate printed before comes out marked «المثنی»
and is counted as a duplicate.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from shahrtrain_desktop.certificates import (
    CertificateFields,
    OfficeTemplate,
    RenderCancelled,
    render_certificates,
    sign_payload,
)
from shahrtrain_desktop.certificates.fields import CertificateDataError
from shahrtrain_desktop.models import Certificate, Enrolment
from shahrtrain_desktop.models.base import utcnow
from shahrtrain_desktop.models.enums import AuditAction, CertificateStatus
from shahrtrain_desktop.persian import parse_jalali, to_persian_digits
from shahrtrain_desktop.services import certificate_workflow as workflow
from shahrtrain_desktop.services import keys
from shahrtrain_desktop.services.audit import record
from shahrtrain_desktop.services.certificate_template import office_template
from shahrtrain_desktop.services.permissions import Permission, require

S = CertificateStatus
DUPLICATE_LABEL = "المثنی"
PRINTABLE = (S.APPROVED, S.ISSUED)
CHUNK = 500

# progress(label, done, total) -> False to cancel
Progress = Callable[[str, int, int], bool | None]

NOTHING = "گواهی‌نامهٔ تأییدشده یا صادرشده‌ای برای چاپ انتخاب نشده است."
RENDERING = "ساخت صفحه‌های گواهی‌نامه"
ISSUING = "صدور و شماره‌گذاری"


@dataclass
class PrintResult:
    pages: int = 0
    paths: list[Path] = field(default_factory=list)
    issued: int = 0
    duplicates: int = 0
    skipped: dict[int, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"{to_persian_digits(self.pages)} گواهی‌نامه آمادهٔ چاپ شد."]
        if self.issued:
            lines.append(f"{to_persian_digits(self.issued)} گواهی‌نامه صادر و شماره‌گذاری شد.")
        if self.duplicates:
            lines.append(f"{to_persian_digits(self.duplicates)} چاپ «{DUPLICATE_LABEL}» بود.")
        if self.skipped:
            lines.append(f"{to_persian_digits(len(self.skipped))} مورد چاپ نشد:")
            lines += [f"• {why}" for why in list(self.skipped.values())[:10]]
        return "\n".join(lines)


# -- choosing what to print -------------------------------------------------------------------


def printable_ids(
    session: Session, offering_id: int | None = None, all_approved: bool = False
) -> list[int]:
    """An offering's approved and issued certificates, or every approved one of the office."""
    query = select(Certificate.id)
    if offering_id is not None:
        query = query.join(Enrolment, Enrolment.id == Certificate.enrolment_id).where(
            Enrolment.offering_id == offering_id, Certificate.status.in_(PRINTABLE)
        )
    elif all_approved:
        query = query.where(Certificate.status == S.APPROVED)
    else:
        return []
    return list(session.scalars(query.order_by(Certificate.id)))


# -- the run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    id: int
    number: str
    fields: CertificateFields
    qr_text: str
    duplicate: bool


@lru_cache(maxsize=4096)
def _frozen_date(text: str) -> date:
    return parse_jalali(text)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def frozen_fields(printed: str | None, reprint_label: str = "") -> CertificateFields:
    """The fields frozen at issue. They were validated then, so the common case skips the
    normalisation; anything unexpected goes through the full reader and its Persian errors."""
    data: dict[str, Any] = json.loads(printed or "{}")
    try:
        return CertificateFields(
            holder_name=data["holder_name"],
            national_code=data["national_code"],
            course_title=data["course_title"],
            course_code=data["course_code"],
            hours=float(data["hours"]),
            start_date=_frozen_date(data["start_date"]),
            end_date=_frozen_date(data["end_date"]),
            number=data["number"],
            issue_date=_frozen_date(data["issue_date"]),
            father_name=data.get("father_name") or "",
            category=data.get("category") or "",
            org_unit=data.get("org_unit") or "",
            score=_number(data.get("score")),
            reprint_label=reprint_label,
        )
    except (KeyError, TypeError, ValueError):
        if reprint_label:
            data["reprint_label"] = reprint_label
        return CertificateFields.from_json_dict(data)


def _rows(session: Session, ids: list[int]) -> Iterator[_Row]:
    """The frozen rows, read from the database a chunk at a time in the order given.

    A certificate issued before signing existed (imported, demo) gets its QR text signed here
    and written back a chunk at a time (Core statements keep memory flat; the run's audit
    event covers them).
    """
    c = Certificate
    table = cast(Table, Certificate.__table__)
    signer: tuple[Any, str | None] | None = None
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = {
            row.id: row
            for row in session.execute(
                select(c.id, c.number, c.printed_fields, c.qr_text, c.print_count).where(
                    c.id.in_(chunk)
                )
            )
        }
        signed: list[dict[str, Any]] = []
        rows: list[_Row] = []
        for cert_id in chunk:
            row = found[cert_id]
            duplicate = bool(row.print_count)
            fields = frozen_fields(row.printed_fields, DUPLICATE_LABEL if duplicate else "")
            qr_text = row.qr_text
            if not qr_text:
                if signer is None:
                    key_row = keys.active_key(session)
                    signer = keys.load_private_key(session), key_row.key_id if key_row else None
                qr_text = sign_payload(fields.payload(), signer[0])
                signed.append({"cid": cert_id, "qr": qr_text})
            rows.append(_Row(cert_id, row.number, fields, qr_text, duplicate))
        if signed and signer is not None:
            session.connection().execute(
                update(table)
                .where(table.c.id == bindparam("cid"))
                .values(qr_text=bindparam("qr"), key_id=signer[1], version=table.c.version + 1),
                signed,
            )
        yield from rows


def _ordered_printable(
    session: Session, ids: Sequence[int], result: PrintResult
) -> tuple[list[int], list[int]]:
    """(approved ids to issue, all printable ids) — others are reported as skipped."""
    c = Certificate
    wanted = list(dict.fromkeys(ids))
    statuses: dict[int, S] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        statuses.update(
            {
                row.id: row.status
                for row in session.execute(select(c.id, c.status).where(c.id.in_(chunk)))
            }
        )
    to_issue = [i for i in wanted if statuses.get(i) == S.APPROVED]
    for cert_id in wanted:
        if statuses.get(cert_id) not in PRINTABLE:
            result.skipped[cert_id] = "فقط گواهی‌نامه‌های تأییدشده یا صادرشده چاپ می‌شوند."
    return to_issue, [i for i in wanted if statuses.get(i) in PRINTABLE]


def _in_number_order(session: Session, ids: list[int]) -> list[int]:
    c = Certificate
    pairs: list[tuple[str, int]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = session.execute(select(c.id, c.number).where(c.id.in_(chunk), c.status == S.ISSUED))
        pairs += [(str(row.number), row.id) for row in rows]
    return [i for _n, i in sorted(pairs)]


def print_batch(
    session: Session,
    ids: Sequence[int],
    out: Path | str,
    separate: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
) -> PrintResult:
    """Issue what is approved, render every printable certificate, record the prints.

    ``separate`` makes *out* a folder with one ``<number>.pdf`` per certificate. ``progress``
    returning ``False`` cancels (:class:`RenderCancelled`; the caller's transaction then rolls
    back). Raises ``CertificateDataError`` when nothing in the selection can be printed.
    """
    require(session, Permission.PRINT_CERTIFICATES)
    result = PrintResult()
    to_issue, printable = _ordered_printable(session, ids, result)
    if to_issue:
        if progress is not None and progress(ISSUING, 0, len(to_issue)) is False:
            raise RenderCancelled()
        issued = workflow.issue(session, to_issue, today)
        result.issued = len(issued.done)
        result.skipped.update(issued.skipped)
    order = _in_number_order(session, printable)
    if not order:
        raise CertificateDataError(NOTHING)
    template = office_template(session)
    total = len(order)
    duplicates: list[int] = []

    def pages(rows: Iterator[_Row]) -> Iterator[tuple[CertificateFields, str]]:
        for row in rows:
            if row.duplicate:
                duplicates.append(row.id)
            yield row.fields, row.qr_text

    def report(done: int, _total: int) -> bool:
        return progress is None or progress(RENDERING, done, total) is not False

    if separate:
        result.paths = _render_separately(session, order, Path(out), template, report)
        for row in _rows(session, order):
            if row.duplicate:
                duplicates.append(row.id)
        result.pages = total
    else:
        result.pages = render_certificates(
            pages(_rows(session, order)), out, template, progress=report, total=total
        )
        result.paths = [Path(out)]
    _count_prints(session, order, set(duplicates))
    result.duplicates = len(duplicates)
    record(
        session,
        AuditAction.EVENT,
        "certificate_print",
        None,
        pages=result.pages,
        duplicates=result.duplicates,
        first=order[0],
        last=order[-1],
    )
    return result


def _render_separately(
    session: Session,
    order: list[int],
    folder: Path,
    template: OfficeTemplate,
    report: Callable[[int, int], bool],
) -> list[Path]:
    written: list[Path] = []
    try:
        for done, row in enumerate(_rows(session, order), start=1):
            path = folder / f"{_safe_name(row.number)}.pdf"
            render_certificates([(row.fields, row.qr_text)], path, template)
            written.append(path)
            if not report(done, len(order)):
                raise RenderCancelled()
    except BaseException:
        for path in written:  # all or nothing, like a single file
            path.unlink(missing_ok=True)
        raise
    return written


def _safe_name(number: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in number) or "certificate"


def _count_prints(session: Session, ids: list[int], duplicates: set[int]) -> None:
    """One UPDATE per chunk (the run is audited as one event); versions move on so another
    desk holding one of these rows sees the change."""
    c = Certificate
    now = utcnow()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        firsts = [i for i in chunk if i not in duplicates]
        again = [i for i in chunk if i in duplicates]
        if firsts:
            session.execute(
                update(c)
                .where(c.id.in_(firsts))
                .values(print_count=c.print_count + 1, last_printed_at=now, version=c.version + 1)
                .execution_options(synchronize_session=False)
            )
        if again:
            session.execute(
                update(c)
                .where(c.id.in_(again))
                .values(
                    print_count=c.print_count + 1,
                    duplicate_count=c.duplicate_count + 1,
                    last_printed_at=now,
                    version=c.version + 1,
                )
                .execution_options(synchronize_session=False)
            )
    session.expire_all()
