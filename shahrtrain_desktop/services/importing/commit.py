"""Writing a checked import: all or nothing by default, or only the valid rows when chosen.

Runs in the caller's transaction, so a failure or a cancel part-way leaves nothing behind;
each person is an ORM insert or update (audited row by row) and one event records the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.enums import AuditAction
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.audit import record
from shahrtrain_desktop.services.importing.preview import ImportPreview, Report, RowAction
from shahrtrain_desktop.services.permissions import Permission, require
from shahrtrain_desktop.services.registry import apply_person_data, get_person

FLUSH_EVERY = 500
PROGRESS_LABEL = "ذخیرهٔ ردیف‌ها: {done} از {total}"
MSG_REFUSED = (
    "{count} ردیف نامعتبر است و چیزی ذخیره نشد؛ ردیف‌ها را درست کنید یا فقط ردیف‌های "
    "درست را وارد کنید."
)


class ImportRefused(ValueError):
    """The file has invalid rows and the import is all-or-nothing; ``lines`` name each."""

    def __init__(self, lines: list[str], count: int) -> None:
        super().__init__(MSG_REFUSED.format(count=to_persian_digits(count, grouping=True)))
        self.lines = lines


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # already registered, not updated
    skipped_rows: int = 0  # invalid rows left out (with skip_invalid)
    skipped_invalid: list[str] = field(default_factory=list)  # their problem lines
    person_ids: list[int] = field(default_factory=list)  # created and updated, in file order

    def lines(self) -> list[str]:
        out = [
            f"افراد تازه: {to_persian_digits(self.created, grouping=True)}",
            f"به‌روزشده: {to_persian_digits(self.updated, grouping=True)}",
            f"موجود و بدون تغییر: {to_persian_digits(self.unchanged, grouping=True)}",
        ]
        if self.skipped_rows:
            count = to_persian_digits(self.skipped_rows, grouping=True)
            out.append(f"ردیف‌های نامعتبرِ واردنشده: {count}")
        return out


def commit_import(
    session: Session,
    preview: ImportPreview,
    skip_invalid: bool = False,
    update_existing: bool = False,
    report: Report | None = None,
) -> ImportReport:
    """Store the preview's rows. With invalid rows and ``skip_invalid`` False, raise
    :class:`ImportRefused` before writing anything."""
    require(session, Permission.EDIT_REGISTRY)
    invalid = preview.invalid_rows
    if invalid and not skip_invalid:
        raise ImportRefused(preview.problem_lines(), len(invalid))
    result = ImportReport(skipped_rows=len(invalid), skipped_invalid=preview.problem_lines())
    rows = preview.rows
    total = len(rows)
    stored: list[Person] = []
    for done, row in enumerate(rows, start=1):
        action = row.action(update_existing)
        if action == RowAction.NEW:
            assert row.data is not None
            person = Person(active=True)
            apply_person_data(person, row.data)
            session.add(person)
            stored.append(person)
            result.created += 1
        elif action == RowAction.UPDATE:
            assert row.data is not None and row.existing_id is not None
            person = get_person(session, row.existing_id)
            apply_person_data(person, row.data)
            stored.append(person)
            result.updated += 1
        elif action == RowAction.SKIP_EXISTING:
            result.unchanged += 1
        if done % FLUSH_EVERY == 0:
            session.flush()
            if report is not None:
                label = PROGRESS_LABEL.format(
                    done=to_persian_digits(done), total=to_persian_digits(total)
                )
                report(label, done, total)
    session.flush()
    result.person_ids = [person.id for person in stored]
    record(
        session,
        AuditAction.EVENT,
        "person_import",
        None,
        file=preview.file_name,
        sheet=preview.sheet_name,
        created=result.created,
        updated=result.updated,
        skipped_invalid=len(invalid),
    )
    return result
