"""The import preview: every data row of the sheet with what it would become and its problems.

Nothing is written here. Each row is validated by the registry's own ``validate_person``; a
problem names the row as Excel numbers it and the column (letter and header). Codes repeated
inside the file, codes already registered and people who look registered under another code
(similar name, same father) are reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.enums import OrgUnitKind, PersonCategory
from shahrtrain_desktop.persian import (
    InvalidField,
    search_key,
    to_persian_digits,
    validate_national_code,
)
from shahrtrain_desktop.services.duplicates import names_similar
from shahrtrain_desktop.services.importing.cells import as_date, as_text
from shahrtrain_desktop.services.importing.columns import HeaderMatch, column_letter, pick_sheet
from shahrtrain_desktop.services.importing.reader import Grid, read_grids
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.organisations import OrgUnitMatcher
from shahrtrain_desktop.services.registry import (
    FIELD_LABELS,
    PersonData,
    PersonInput,
    PersonInvalid,
    folded,
    validate_person,
)

Report = Callable[[str, int, int], None]  # (label, value, maximum); may raise to cancel
REPORT_EVERY = 250
SIMILAR_SCAN_LIMIT = 200

MSG_ORG_UNKNOWN = "واحد سازمانی «{text}» در فهرست واحدها نیست؛ نام آن را مانند فهرست بنویسید."
MSG_DUPLICATE_IN_FILE = "این کد ملی در ردیف {rows} هم آمده است؛ فقط یکی را نگه دارید."
MSG_HIDDEN = "این ردیف در Excel پنهان است."
MSG_EXISTS = "کد ملی «{code}» پیش‌تر برای «{name}» ثبت شده است."
MSG_SIMILAR = "شاید همان «{name}» با کد ملی «{code}» باشد (نام مشابه و نام پدر یکسان)."
MSG_SIMILAR_IN_FILE = "شاید همان فرد ردیف {row} باشد (نام مشابه و نام پدر یکسان)."
MSG_CATEGORY_GUESSED = "گروه نوشته نشده بود؛ «{label}» در نظر گرفته شد."
MSG_NO_CATEGORY_COLUMN = (
    "ستون «گروه» در فایل نیست؛ گروه هر فرد از سمت و واحد سازمانی او برداشت شد "
    "(شورا: عضو شورا، سمت «شهردار»: شهردار، بقیه: کارمند)."
)
PROGRESS_LABEL = "بررسی ردیف‌ها: {done} از {total}"


class RowAction(StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP_EXISTING = "skip_existing"
    INVALID = "invalid"


ACTION_LABELS = {
    RowAction.NEW: "افزودن",
    RowAction.UPDATE: "به‌روزرسانی",
    RowAction.SKIP_EXISTING: "موجود؛ بدون تغییر",
    RowAction.INVALID: "نامعتبر",
}


@dataclass(frozen=True)
class CellNote:
    """A problem or warning about one cell (column '' when it is about the whole row)."""

    column: str
    header: str
    message: str

    def text(self, excel_row: int) -> str:
        where = f"ردیف {to_persian_digits(excel_row)}"
        if self.column:
            where += f"، ستون {self.column} «{self.header}»"
        return f"{where}: {self.message}"


@dataclass
class PreviewRow:
    excel_row: int
    cells: dict[str, str]  # field -> the cell as read (display text)
    data: PersonData | None = None
    problems: list[CellNote] = field(default_factory=list)
    warnings: list[CellNote] = field(default_factory=list)
    existing_id: int | None = None
    existing_name: str = ""
    code: str = ""  # the national code when it is valid, even if other cells are not

    def action(self, update_existing: bool) -> RowAction:
        if self.problems or self.data is None:
            return RowAction.INVALID
        if self.existing_id is None:
            return RowAction.NEW
        return RowAction.UPDATE if update_existing else RowAction.SKIP_EXISTING


@dataclass
class ImportPreview:
    file_name: str
    sheet_name: str
    header: HeaderMatch
    rows: list[PreviewRow]

    def count(self, action: RowAction, update_existing: bool = False) -> int:
        return sum(1 for row in self.rows if row.action(update_existing) == action)

    @property
    def invalid_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.problems or row.data is None]

    def problem_lines(self) -> list[str]:
        return [note.text(row.excel_row) for row in self.invalid_rows for note in row.problems]

    def file_notes(self) -> list[str]:
        """What applies to the whole sheet rather than to one row."""
        if "category" not in self.header.columns:
            return [MSG_NO_CATEGORY_COLUMN]
        return []

    def summary(self, update_existing: bool = False) -> str:
        parts = [
            f"{to_persian_digits(len(self.rows), grouping=True)} ردیف",
            f"{to_persian_digits(self.count(RowAction.NEW), grouping=True)} فرد تازه",
        ]
        existing = self.count(RowAction.UPDATE, True)
        if existing:
            verb = "به‌روز می‌شود" if update_existing else "موجود است"
            parts.append(f"{to_persian_digits(existing, grouping=True)} {verb}")
        invalid = len(self.invalid_rows)
        if invalid:
            parts.append(f"{to_persian_digits(invalid, grouping=True)} ردیف نامعتبر")
        return "، ".join(parts)


def _is_blank_row(values: list[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _guess_category(post: str, unit_kind: OrgUnitKind | None) -> PersonCategory:
    if unit_kind == OrgUnitKind.CITY_COUNCIL or "شورا" in post:
        return PersonCategory.COUNCIL_MEMBER
    if search_key(post) == search_key("شهردار"):
        return PersonCategory.MAYOR
    return PersonCategory.STAFF


class _Builder:
    def __init__(self, session: Session, grid: Grid, header: HeaderMatch) -> None:
        self.grid, self.header = grid, header
        self.units = OrgUnitMatcher(session)
        self.registered: dict[str, tuple[int, str]] = {}
        self.by_father: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        query = select(
            Person.id, Person.national_code, Person.first_name, Person.last_name, Person.father_name
        )
        for pid, code, first, last, father in session.execute(query):
            self.registered[code] = (pid, f"{first} {last}")
            if father:
                self.by_father[self._bucket(father, last)].append((code, f"{first} {last}"))

    @staticmethod
    def _bucket(father: str, last_name: str) -> tuple[str, str]:
        # Same father's name and surname (folded); first names are compared for similarity.
        return folded(father), folded(last_name)

    def note(self, field_name: str, message: str) -> CellNote:
        if field_name in self.header.columns:
            letter, header = self.header.where(field_name)
            return CellNote(letter, header, message)
        return CellNote("", FIELD_LABELS.get(field_name, field_name), message)

    def row(self, number: int, values: list[object]) -> PreviewRow:
        def raw(name: str) -> object:
            index = self.header.columns.get(name)
            return values[index] if index is not None and index < len(values) else None

        cells = {name: as_text(raw(name)) for name in self.header.columns}
        row = PreviewRow(number, cells)
        unit_id, unit_kind = None, None
        unit_text = cells.get("org_unit", "")
        if unit_text:
            unit = self.units.find(unit_text, cells.get("county"))
            if unit is None:
                row.problems.append(self.note("org_unit", MSG_ORG_UNKNOWN.format(text=unit_text)))
            else:
                unit_id, unit_kind = unit.id, unit.kind
        birth: object = None
        try:
            birth = as_date(raw("birth_date"))
        except InvalidField as error:
            row.problems.append(self.note("birth_date", error.message))
        category = raw("category")
        if category is None or not as_text(category):
            category = _guess_category(cells.get("post", ""), unit_kind)
            if "category" in self.header.columns:  # a missing column is said once, not per row
                message = MSG_CATEGORY_GUESSED.format(label=label(category))
                row.warnings.append(self.note("category", message))
        try:
            row.code = validate_national_code(raw("national_code"))
        except InvalidField:
            pass  # reported by validate_person below
        data = PersonInput(
            national_code=raw("national_code"),
            first_name=raw("first_name"),
            last_name=raw("last_name"),
            father_name=raw("father_name"),
            gender=raw("gender"),
            birth_date=birth,
            mobile=raw("mobile"),
            education=raw("education"),
            post=cells.get("post"),
            category=category,
            org_unit_id=unit_id,
        )
        try:
            valid = validate_person(data)
            if not row.problems:
                row.data = valid
        except PersonInvalid as invalid:
            row.problems.extend(self.note(e.field, e.message) for e in invalid.errors)
        if number in self.grid.hidden_rows:
            row.warnings.append(CellNote("", "", MSG_HIDDEN))
        return row


def _first_similar(candidates: list[tuple[str, str]], data: PersonData) -> tuple[str, str] | None:
    """The first (code, name) with another code and a similar name; a bounded scan, so a file
    of a thousand namesakes stays fast."""
    for other_code, name in candidates[:SIMILAR_SCAN_LIMIT]:
        if other_code != data.national_code and names_similar(name, data.full_name):
            return other_code, name
    return None


def _mark_duplicates(builder: _Builder, rows: list[PreviewRow]) -> None:
    by_code: dict[str, list[PreviewRow]] = defaultdict(list)
    in_file: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    row_of_code: dict[str, int] = {}
    for row in rows:
        if row.code:
            by_code[row.code].append(row)
        if row.data is None:
            continue
        data = row.data
        found = builder.registered.get(data.national_code)
        if found is not None:
            row.existing_id, row.existing_name = found
            message = MSG_EXISTS.format(code=to_persian_digits(data.national_code), name=found[1])
            row.warnings.append(builder.note("national_code", message))
        if data.father_name:
            bucket = builder._bucket(data.father_name, data.last_name)
            similar = _first_similar(builder.by_father.get(bucket, []), data)
            if similar is not None:
                message = MSG_SIMILAR.format(name=similar[1], code=to_persian_digits(similar[0]))
                row.warnings.append(CellNote("", "", message))
            twin = _first_similar(in_file[bucket], data)
            if twin is not None:
                message = MSG_SIMILAR_IN_FILE.format(row=to_persian_digits(row_of_code[twin[0]]))
                row.warnings.append(CellNote("", "", message))
            in_file[bucket].append((data.national_code, data.full_name))
            row_of_code.setdefault(data.national_code, row.excel_row)
    for same in by_code.values():
        if len(same) < 2:
            continue
        for row in same:
            others = "، ".join(to_persian_digits(o.excel_row) for o in same if o is not row)
            row.problems.append(
                builder.note("national_code", MSG_DUPLICATE_IN_FILE.format(rows=others))
            )
            row.data = None


def build_preview(session: Session, path: Path, report: Report | None = None) -> ImportPreview:
    """Read the file and check every row against the rules and the registry (read-only)."""
    grid, header = pick_sheet(read_grids(path))
    builder = _Builder(session, grid, header)
    data_rows = [
        (number, values)
        for number, values in enumerate(grid.rows, start=1)
        if number > header.row and not _is_blank_row(values)
    ]
    total = len(data_rows)
    rows = []
    for done, (number, values) in enumerate(data_rows):
        if report is not None and done % REPORT_EVERY == 0:
            report(
                PROGRESS_LABEL.format(done=to_persian_digits(done), total=to_persian_digits(total)),
                done,
                total,
            )
        rows.append(builder.row(number, values))
    _mark_duplicates(builder, rows)
    return ImportPreview(path.name, grid.sheet_name, header, rows)


__all__ = ["ImportPreview", "PreviewRow", "RowAction", "build_preview", "column_letter"]
