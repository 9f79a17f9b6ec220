"""Letters and notices: validated, with the attachment copied into the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from planning_fixtures import acting, fill

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import DocumentKind
from shahrtrain_desktop.persian import InvalidField, from_jalali, rtl_date_marks
from shahrtrain_desktop.services.documents import (
    DocumentInput,
    attached_file,
    document_caption,
    save_document,
)

LETTER = DocumentInput(
    DocumentKind.NOTICE,
    "۴۵۶۷/ص",
    from_jalali(1405, 2, 10),
    "سازمان شهرداري‌ها و دهياري‌هاي كشور",
    "ابلاغ دوره‌های آموزشی شهرداران",
)


def test_attachment_is_copied_and_survives_the_original(db: Database, tmp_path: Path) -> None:
    fill(db, people=50)
    original = tmp_path / "نامه.pdf"
    original.write_bytes(b"%PDF-1.4 letter")
    with acting(db) as s:
        document = save_document(s, LETTER, attach=original)
        assert document.issuer == "سازمان شهرداری‌ها و دهیاری‌های کشور"
        assert document.file_name == "نامه.pdf"
        original.unlink()
        copy = attached_file(document)
        assert copy is not None and copy.read_bytes() == b"%PDF-1.4 letter"
        assert "documents" in copy.parts
        assert "ابلاغیه" in document_caption(document)
        assert rtl_date_marks("۱۴۰۵/۰۲/۱۰") in document_caption(document)


def test_missing_fields_and_files_are_refused(db: Database, tmp_path: Path) -> None:
    fill(db, people=50)
    with acting(db) as s:
        with pytest.raises(InvalidField, match="شمارهٔ نامه"):
            save_document(s, DocumentInput(DocumentKind.NOTICE, " ", LETTER.date, "x", "y"))
        with pytest.raises(InvalidField, match="پیدا نشد"):
            save_document(s, LETTER, attach=tmp_path / "none.pdf")
