"""Letters and notices (ابلاغیه، درخواست شهرداری، مصوبه) with an attached file.

The attached file is copied into ``paths.data_dir()/documents/`` under a unique name, so the
record keeps working when the original is moved or deleted; ``attached_file`` gives the copy
for the UI to open. A copy left behind by a transaction that rolled back is harmless: its name
is unique and nothing points at it.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Document
from shahrtrain_desktop.models.enums import DocumentKind
from shahrtrain_desktop.paths import data_dir
from shahrtrain_desktop.persian import (
    InvalidField,
    format_jalali_display,
    normalize_multiline,
    normalize_text,
    to_persian_digits,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import Permission, require

DOCUMENTS_FOLDER = "documents"
MAX_FILE_BYTES = 50 * 1024 * 1024

MSG_NUMBER = "شمارهٔ نامه را وارد کنید."
MSG_ISSUER = "صادرکنندهٔ نامه را وارد کنید."
MSG_SUBJECT = "موضوع نامه را وارد کنید."
MSG_FILE_MISSING = "پرونده‌ای که برای پیوست برگزیدید پیدا نشد: {name}"
MSG_FILE_TOO_BIG = "پروندهٔ پیوست بیش از ۵۰ مگابایت است."
MSG_NOT_FOUND = "نامه پیدا نشد؛ شاید کاربر دیگری آن را حذف کرده است."
MSG_TOO_LONG = "«{field}» بیش از {limit} نویسه است."


@dataclass(frozen=True)
class DocumentInput:
    kind: DocumentKind
    number: str
    date: date
    issuer: str
    subject: str
    org_unit_id: int | None = None
    notes: str = ""


def documents_dir() -> Path:
    path = data_dir() / DOCUMENTS_FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def _clean(data: DocumentInput) -> DocumentInput:
    number = normalize_text(data.number)
    issuer = normalize_text(data.issuer)
    subject = normalize_text(data.subject)
    if not number:
        raise InvalidField("number", MSG_NUMBER)
    if not issuer:
        raise InvalidField("issuer", MSG_ISSUER)
    if not subject:
        raise InvalidField("subject", MSG_SUBJECT)
    for field, name, value, limit in (
        ("number", "شمارهٔ نامه", number, 60),
        ("issuer", "صادرکننده", issuer, 160),
        ("subject", "موضوع", subject, 300),
    ):
        if len(value) > limit:
            raise InvalidField(field, MSG_TOO_LONG.format(field=name, limit=limit))
    return DocumentInput(
        kind=DocumentKind(data.kind),
        number=number,
        date=data.date,
        issuer=issuer,
        subject=subject,
        org_unit_id=data.org_unit_id,
        notes=normalize_multiline(data.notes),
    )


def _apply(document: Document, data: DocumentInput) -> None:
    document.kind = data.kind
    document.number = data.number
    document.date = data.date
    document.issuer = data.issuer
    document.subject = data.subject
    document.org_unit_id = data.org_unit_id
    document.notes = data.notes or None


def _copy_attachment(source: Path) -> tuple[str, str]:
    """Copy ``source`` into the documents folder; (original name, path relative to data_dir)."""
    if not source.is_file():
        raise InvalidField("file", MSG_FILE_MISSING.format(name=source.name))
    if source.stat().st_size > MAX_FILE_BYTES:
        raise InvalidField("file", MSG_FILE_TOO_BIG)
    suffix = source.suffix.lower()[:10]
    stored_name = f"{uuid.uuid4().hex}{suffix}"
    target = documents_dir() / stored_name
    partial = target.with_name(f".partial-{stored_name}")
    try:
        shutil.copyfile(source, partial)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return source.name[:260], f"{DOCUMENTS_FOLDER}/{stored_name}"


def save_document(
    session: Session,
    data: DocumentInput,
    document_id: int | None = None,
    attach: Path | None = None,
) -> Document:
    """Create (``document_id`` None) or update a letter; ``attach`` copies a file in."""
    require(session, Permission.PLAN_OFFERINGS)
    clean = _clean(data)
    if document_id is None:
        document = Document()
        session.add(document)
    else:
        found = session.get(Document, document_id)
        if found is None:
            raise InvalidField("document", MSG_NOT_FOUND)
        document = found
    _apply(document, clean)
    if attach is not None:
        document.file_name, document.stored_path = _copy_attachment(attach)
    session.flush()
    return document


def attached_file(document: Document) -> Path | None:
    """The stored copy of the attachment, if there is one and it is still on disk."""
    if not document.stored_path:
        return None
    path = data_dir() / document.stored_path
    return path if path.is_file() else None


def list_documents(session: Session, kind: DocumentKind | None = None) -> list[Document]:
    """Newest first; ``kind`` narrows to notices, requests or resolutions."""
    query = select(Document).order_by(Document.date.desc(), Document.id.desc())
    if kind is not None:
        query = query.where(Document.kind == kind)
    return list(session.scalars(query))


def document_caption(document: Document) -> str:
    """«ابلاغیه ۱۲/۱۴۰۴ — موضوع» for pickers (digits shown Persian)."""
    return (
        f"{label(document.kind)} {to_persian_digits(document.number)} "
        f"({format_jalali_display(document.date)}) — {document.subject}"
    )
