"""Possible duplicates (a similar name with the same father's name) and merging two records
of one person, audited."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Enrolment, Person
from shahrtrain_desktop.models.enums import AuditAction
from shahrtrain_desktop.persian import normalize_text
from shahrtrain_desktop.persian.normalize import ZWNJ
from shahrtrain_desktop.services.audit import record
from shahrtrain_desktop.services.people_search import person_search_key
from shahrtrain_desktop.services.permissions import Permission, require
from shahrtrain_desktop.services.registry import folded, get_person

MSG_MERGE_SELF = "یک پرونده را نمی‌توان با خودش ادغام کرد."
MSG_MERGE_SAME_OFFERING = (
    "هر دو پرونده در دورهٔ «{offering}» ثبت‌نام دارند؛ پیش از ادغام یکی از دو ثبت‌نام را "
    "تعیین تکلیف کنید."
)

SIMILAR_NAME_RATIO = 0.8


def _compact(text: str | None) -> str:
    return normalize_text(text).replace(" ", "").replace(ZWNJ, "")


def names_similar(a: str, b: str) -> bool:
    key_a, key_b = folded(a), folded(b)
    if key_a == key_b:
        return True
    matcher = difflib.SequenceMatcher(None, key_a, key_b)
    # The cheap upper bounds first: most pairs are far apart.
    return (
        matcher.real_quick_ratio() >= SIMILAR_NAME_RATIO
        and matcher.quick_ratio() >= SIMILAR_NAME_RATIO
        and matcher.ratio() >= SIMILAR_NAME_RATIO
    )


@dataclass(frozen=True)
class SimilarPerson:
    id: int
    national_code: str
    full_name: str
    father_name: str


def possible_duplicates(
    session: Session,
    first_name: str,
    last_name: str,
    father_name: str | None,
    exclude_id: int | None = None,
) -> list[SimilarPerson]:
    """People with the same father's name (spaces and half-spaces aside) and a similar full
    name: perhaps the same person registered twice under two codes."""
    father = _compact(father_name)
    if not father:
        return []
    compact_father = func.replace(func.replace(Person.father_name, " ", ""), ZWNJ, "")
    query = select(
        Person.id, Person.national_code, Person.first_name, Person.last_name, Person.father_name
    ).where(compact_father == father)
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    wanted = f"{first_name} {last_name}"
    return [
        SimilarPerson(row.id, row.national_code, f"{row.first_name} {row.last_name}", father)
        for row in session.execute(query)
        if names_similar(wanted, f"{row.first_name} {row.last_name}")
    ]


@dataclass
class MergeResult:
    kept_id: int
    removed_code: str
    moved_enrolments: int
    filled_fields: list[str] = field(default_factory=list)


_FILLABLE = ("father_name", "gender", "birth_date", "mobile", "education", "post", "org_unit_id")


def merge_people(session: Session, keep_id: int, remove_id: int, reason: str = "") -> MergeResult:
    """Fold the record ``remove_id`` into ``keep_id``: its enrolments (and with them attendance,
    scores and certificates) move, empty fields of the kept record are filled from it, it is
    deleted, and one audit event records the merge besides the row changes."""
    require(session, Permission.EDIT_REGISTRY)
    if keep_id == remove_id:
        raise ValueError(MSG_MERGE_SELF)
    keep, remove = get_person(session, keep_id), get_person(session, remove_id)
    moving = list(session.scalars(select(Enrolment).where(Enrolment.person_id == remove_id)))
    kept_offerings = set(
        session.scalars(select(Enrolment.offering_id).where(Enrolment.person_id == keep_id))
    )
    for enrolment in moving:
        if enrolment.offering_id in kept_offerings:
            title = enrolment.offering.course.title
            raise ValueError(MSG_MERGE_SAME_OFFERING.format(offering=title))
    filled = []
    for name in _FILLABLE:
        if getattr(keep, name) in (None, "") and getattr(remove, name) not in (None, ""):
            setattr(keep, name, getattr(remove, name))
            filled.append(name)
    keep.search_key = person_search_key(
        keep.first_name, keep.last_name, keep.national_code, keep.mobile
    )
    for enrolment in moving:
        enrolment.person_id = keep_id
    session.flush()
    removed_code = remove.national_code
    removed_snapshot = {"national_code": removed_code, "name": remove.full_name}
    session.delete(remove)
    session.flush()
    record(
        session,
        AuditAction.EVENT,
        "person_merge",
        keep_id,
        removed_id=remove_id,
        removed=json.dumps(removed_snapshot, ensure_ascii=False),
        moved_enrolments=len(moving),
        reason=normalize_text(reason),
    )
    return MergeResult(keep_id, removed_code, len(moving), filled)
