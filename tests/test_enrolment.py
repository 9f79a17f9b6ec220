"""Enrolment rules (issue #3): capacity and waiting list, eligibility, prerequisites, clashes,
withdrawal with promotion, bulk enrolment by codes and from a request letter, roster export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from registration_fixtures import acting, code, fill_demo, municipality, new_offering
from sqlalchemy import select

from shahrtrain_desktop.models import Document, Enrolment, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import (
    DocumentKind,
    EnrolmentStatus,
    OfferingStatus,
    OutcomeResult,
    PersonCategory,
)
from shahrtrain_desktop.persian import InvalidField, rtl_date_marks
from shahrtrain_desktop.services import enrolment as service
from shahrtrain_desktop.services import enrolment_bulk as bulk
from shahrtrain_desktop.services import registry, roster_export
from shahrtrain_desktop.services.registry import PersonInput


def add_people(db: Database, count: int, category: str = "کارمند") -> list[int]:
    ids = []
    with acting(db) as s:
        unit = municipality(s)
        for i in range(count):
            person = registry.create_person(
                s,
                PersonInput(
                    national_code=code(100 + i),
                    first_name="فراگیر",
                    last_name="آزمونی" + "ن" * i,
                    category=category,
                    org_unit_id=unit.id,
                ),
            )
            ids.append(person.id)
    return ids


def statuses(db: Database, offering_id: int) -> dict[int, tuple[EnrolmentStatus, int | None]]:
    with db.session() as s:
        rows = s.execute(
            select(Enrolment.person_id, Enrolment.status, Enrolment.waiting_position).where(
                Enrolment.offering_id == offering_id
            )
        )
        return {pid: (status, pos) for pid, status, pos in rows}


def test_capacity_fills_then_waiting_list_then_promotion_on_withdrawal(db: Database) -> None:
    fill_demo(db)
    a, b, c, d = add_people(db, 4)
    with acting(db) as s:
        offering_id = new_offering(s, capacity=2).id
        for pid in (a, b, c, d):
            service.enrol(s, offering_id, pid)
    assert statuses(db, offering_id) == {
        a: (EnrolmentStatus.ENROLLED, None),
        b: (EnrolmentStatus.ENROLLED, None),
        c: (EnrolmentStatus.WAITING, 1),
        d: (EnrolmentStatus.WAITING, 2),
    }
    with acting(db) as s:
        enrolment_id = s.scalar(select(Enrolment.id).where(Enrolment.person_id == a))
        with pytest.raises(InvalidField):
            service.withdraw(s, enrolment_id, "   ")
        promoted = service.withdraw(s, enrolment_id, "مأموریت اداری")
        assert promoted is not None and promoted.person_id == c
    after = statuses(db, offering_id)
    assert after[a][0] == EnrolmentStatus.WITHDRAWN
    assert after[c] == (EnrolmentStatus.ENROLLED, None)
    assert after[d] == (EnrolmentStatus.WAITING, 1)


def test_withdrawing_from_the_waiting_list_promotes_nobody_and_renumbers(db: Database) -> None:
    fill_demo(db)
    a, b, c = add_people(db, 3)
    with acting(db) as s:
        offering_id = new_offering(s, capacity=1).id
        for pid in (a, b, c):
            service.enrol(s, offering_id, pid)
        waiting_b = s.scalar(select(Enrolment.id).where(Enrolment.person_id == b))
        assert service.withdraw(s, waiting_b, "انصراف شفاهی") is None
    assert statuses(db, offering_id)[c] == (EnrolmentStatus.WAITING, 1)
    assert statuses(db, offering_id)[a] == (EnrolmentStatus.ENROLLED, None)


def test_no_double_enrolment_but_a_withdrawn_person_may_return(db: Database) -> None:
    fill_demo(db)
    (a,) = add_people(db, 1)
    with acting(db) as s:
        offering_id = new_offering(s, capacity=3).id
        enrolment, _ = service.enrol(s, offering_id, a)
        with pytest.raises(service.EnrolmentRefused, match="پیش‌تر در این دوره"):
            service.enrol(s, offering_id, a)
        service.withdraw(s, enrolment.id, "بیماری")
        again, _ = service.enrol(s, offering_id, a)
        assert again.id == enrolment.id and again.status == EnrolmentStatus.ENROLLED
        assert again.withdraw_reason is None


def test_outside_the_target_group_needs_a_written_reason(db: Database) -> None:
    fill_demo(db)
    (a,) = add_people(db, 1)
    with acting(db) as s:
        offering_id = new_offering(s, capacity=3, target=PersonCategory.MAYOR).id
        check = service.check_enrolment(s, offering_id, a)
        assert "شهردار" in check.ineligible and check.allowed
        with pytest.raises(service.NeedsOverride, match="دلیل"):
            service.enrol(s, offering_id, a)
        enrolment, _ = service.enrol(s, offering_id, a, override_reason="سرپرست شهرداری است")
        assert enrolment.eligibility_override_reason == "سرپرست شهرداری است"


def test_prerequisite_must_have_been_passed(db: Database) -> None:
    fill_demo(db)
    (a,) = add_people(db, 1)
    with acting(db) as s:
        basic = new_offering(s, capacity=5, start=date(2026, 5, 1), status=OfferingStatus.OPEN)
        advanced = new_offering(s, capacity=5, start=date(2027, 2, 1))
        advanced.course.prerequisites.append(basic.course)
        s.flush()
        with pytest.raises(service.EnrolmentRefused, match="پیش‌نیاز"):
            service.enrol(s, advanced.id, a)
        first, _ = service.enrol(s, basic.id, a)
        first.result = OutcomeResult.PASSED
        s.flush()
        enrolment, _ = service.enrol(s, advanced.id, a)
        assert enrolment.status == EnrolmentStatus.ENROLLED


def test_clash_with_another_offering_at_the_same_time_is_a_warning(db: Database) -> None:
    fill_demo(db)
    (a,) = add_people(db, 1)
    with acting(db) as s:
        first = new_offering(s, capacity=5, start=date(2027, 3, 1), days=5)
        second = new_offering(s, capacity=6, start=date(2027, 3, 3), days=1)
        service.enrol(s, first.id, a)
        _, check = service.enrol(s, second.id, a)
        assert len(check.clashes) == 1 and "هم‌زمان" in check.clashes[0]
        assert rtl_date_marks("۱۴۰۵/۱۲/۱۰") in check.clashes[0]  # the first offering starts


def test_closed_offering_refuses(db: Database) -> None:
    fill_demo(db)
    (a,) = add_people(db, 1)
    with acting(db) as s:
        offering_id = new_offering(s, status=OfferingStatus.CLOSED).id
        with pytest.raises(service.EnrolmentRefused, match="ثبت‌نام نمی‌پذیرد"):
            service.enrol(s, offering_id, a)


def test_bulk_enrol_by_pasted_codes_reports_each_line(db: Database) -> None:
    fill_demo(db)
    a, b, c = add_people(db, 3)
    with acting(db) as s:
        unit_id = municipality(s).id
        letter = Document(
            kind=DocumentKind.MUNICIPALITY_REQUEST,
            number="ش/۱۴۰۵/۶۸۳",
            date=date(2026, 11, 1),
            issuer="شهرداری",
            subject="معرفی کارکنان",
            org_unit_id=unit_id,
        )
        s.add(letter)
        s.flush()
        offering_id = new_offering(s, capacity=2).id
        pasted = f"{code(100)}\n۹۹{code(101)[2:]}, {code(100)} 1234567890\t{code(999)}  {code(102)}"
        result = bulk.bulk_enrol(
            s, offering_id, bulk.split_codes(pasted), request_document_id=letter.id
        )
        assert (result.enrolled, result.waiting) == (2, 1)
        problems = [line.problem for line in result.refused]
        assert len(problems) == 3
        assert any("بیش از یک بار" in p for p in problems)
        assert any("رقم کنترل" in p for p in problems)
        assert any("در فهرست افراد نیست" in p for p in problems)
        assert set(bulk.people_of_document(s, letter.id)) >= {a, b, c}
        docs = set(
            s.scalars(
                select(Enrolment.request_document_id).where(Enrolment.offering_id == offering_id)
            )
        )
        assert docs == {letter.id}


def test_roster_and_registry_export_to_right_to_left_xlsx_with_codes_as_text(
    db: Database, tmp_path: Path
) -> None:
    fill_demo(db)
    a, b = add_people(db, 2)
    with acting(db) as s:
        offering_id = new_offering(s, capacity=1).id
        service.enrol(s, offering_id, a)
        service.enrol(s, offering_id, b)
        roster_path = roster_export.export_roster(s, offering_id, tmp_path / "roster.xlsx")
        registry_path = roster_export.export_registry(s, tmp_path / "registry.xlsx")
        total = len(list(s.scalars(select(Person.id))))
    sheet = load_workbook(roster_path).active
    assert sheet.sheet_view.rightToLeft
    assert sheet["B2"].value == code(100) and sheet["B2"].data_type == "s"
    assert sheet["G2"].value == "ثبت‌نام‌شده" and sheet["G3"].value == "فهرست انتظار"
    registry_sheet = load_workbook(registry_path).active
    assert registry_sheet.max_row == total + 1
    codes = [registry_sheet.cell(row=r, column=1).value for r in range(2, total + 2)]
    assert all(isinstance(v, str) and len(v) == 10 for v in codes)
