"""Bulk enrolment: national codes pasted from a letter or a spreadsheet, or the people of the
municipality a request letter came from, checked line by line and enrolled together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Document, Person
from shahrtrain_desktop.models.enums import DocumentKind, EnrolmentStatus
from shahrtrain_desktop.persian import (
    InvalidField,
    normalize_text,
    to_persian_digits,
    validate_national_code,
)
from shahrtrain_desktop.services.documents import document_caption, list_documents
from shahrtrain_desktop.services.enrolment import (
    MSG_CODE_UNKNOWN,
    MSG_REASON_NEEDED,
    EnrolmentRefused,
    check_enrolment,
    enrol,
)
from shahrtrain_desktop.services.permissions import Permission, require

_CODE_SPLIT_RE = re.compile(r"[\s,،;؛|]+")


def split_codes(text: str) -> list[str]:
    """National codes pasted from a letter, Excel column or message, one per line or not."""
    return [part for part in _CODE_SPLIT_RE.split(normalize_text(text.replace("\n", " "))) if part]


@dataclass
class BulkLine:
    text: str  # the code as pasted
    person_id: int | None = None
    name: str = ""
    problem: str = ""  # why it cannot be enrolled
    warnings: list[str] = field(default_factory=list)
    waiting: bool = False
    ineligible: bool = False


@dataclass
class BulkResult:
    lines: list[BulkLine]
    enrolled: int = 0
    waiting: int = 0

    @property
    def refused(self) -> list[BulkLine]:
        return [line for line in self.lines if line.problem]


def plan_bulk(
    session: Session,
    offering_id: int,
    codes: list[str] | None = None,
    person_ids: list[int] | None = None,
) -> list[BulkLine]:
    """Check each pasted code (or picked person) without changing anything."""
    lines: list[BulkLine] = []
    seen: set[int] = set()
    planned = 0
    for raw in codes or []:
        line = BulkLine(raw)
        lines.append(line)
        try:
            code = validate_national_code(raw)
        except InvalidField as error:
            line.problem = error.message
            continue
        person_id = session.scalar(select(Person.id).where(Person.national_code == code))
        if person_id is None:
            line.problem = MSG_CODE_UNKNOWN.format(code=to_persian_digits(code))
            continue
        line.person_id = person_id
    for person_id in person_ids or []:
        lines.append(BulkLine(str(person_id), person_id=person_id))
    for line in lines:
        if line.person_id is None:
            continue
        if line.person_id in seen:
            line.problem = "این کد بیش از یک بار آمده است."
            continue
        seen.add(line.person_id)
        check = check_enrolment(session, offering_id, line.person_id, planned)
        line.name = check.person_name
        if check.refusals:
            line.problem = "\n".join(check.refusals)
            continue
        line.warnings = check.warnings()
        line.ineligible = bool(check.ineligible)
        line.waiting = check.waiting_position is not None
        planned += 1
    return lines


def bulk_enrol(
    session: Session,
    offering_id: int,
    codes: list[str] | None = None,
    person_ids: list[int] | None = None,
    request_document_id: int | None = None,
    override_reason: str = "",
) -> BulkResult:
    """Enrol everyone who can be; the rest are reported line by line. People outside the target
    group are enrolled only when ``override_reason`` is written (it is stored on each)."""
    require(session, Permission.EDIT_REGISTRY)
    if request_document_id is not None and session.get(Document, request_document_id) is None:
        raise EnrolmentRefused("نامهٔ درخواست پیدا نشد.")
    lines = plan_bulk(session, offering_id, codes, person_ids)
    result = BulkResult(lines)
    reason = normalize_text(override_reason)
    for line in lines:
        if line.problem or line.person_id is None:
            continue
        if line.ineligible and not reason:
            line.problem = MSG_REASON_NEEDED
            continue
        enrolment, _check = enrol(session, offering_id, line.person_id, reason, request_document_id)
        if enrolment.status == EnrolmentStatus.WAITING:
            result.waiting += 1
        else:
            result.enrolled += 1
    return result


def people_of_document(session: Session, document_id: int) -> list[int]:
    """People of the municipality a request letter came from: the letter's unit, active ones."""
    document = session.get(Document, document_id)
    if document is None or document.org_unit_id is None:
        return []
    return list(
        session.scalars(
            select(Person.id)
            .where(Person.org_unit_id == document.org_unit_id, Person.active.is_(True))
            .order_by(Person.last_name, Person.first_name)
        )
    )


def request_letters(session: Session) -> list[tuple[int, str]]:
    """Municipalities' request letters, newest first, as (id, caption) for the picker."""
    letters = list_documents(session, DocumentKind.MUNICIPALITY_REQUEST)
    return [(letter.id, document_caption(letter)) for letter in letters]
