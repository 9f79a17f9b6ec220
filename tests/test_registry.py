"""The people registry (issue #3): field validation, unique codes, duplicates, merge, orgs."""

from __future__ import annotations

import json
from datetime import date

import pytest
from registration_fixtures import acting, code, fill_demo, municipality, new_offering
from sqlalchemy import func, select

from shahrtrain_desktop.models import AuditEvent, Enrolment, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import Education, Gender, OrgUnitKind, PersonCategory
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services import duplicates, organisations, registry
from shahrtrain_desktop.services.enrolment import enrol
from shahrtrain_desktop.services.locking import ConcurrentEditError
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.services.registry import PersonInput, PersonInvalid


def good_input(**changes: object) -> PersonInput:
    values: dict[str, object] = {
        "national_code": code(1),
        "first_name": "علي",
        "last_name": "كريمي",
        "father_name": "حسن",
        "gender": "مرد",
        "birth_date": "۱۳۶۵/۴/۱۵",
        "mobile": "+98 912 345 6789",
        "education": "لیسانس",
        "post": "کارشناس  عمران",
        "category": "کارمند",
    }
    values.update(changes)
    return PersonInput(**values)  # type: ignore[arg-type]


def test_valid_input_is_normalised() -> None:
    data = registry.validate_person(good_input())
    assert data.first_name == "علی" and data.last_name == "کریمی"
    assert data.gender == Gender.MALE and data.education == Education.BACHELOR
    assert data.category == PersonCategory.STAFF
    assert data.mobile == "09123456789"
    assert data.birth_date == date(1986, 7, 6)
    assert data.post == "کارشناس عمران"


def test_every_bad_field_is_named_with_a_persian_message() -> None:
    bad = good_input(
        national_code="1234567890",
        first_name="",
        last_name="رضا2",
        gender="نامعلوم",
        birth_date="1405/13/01",
        mobile="0912",
        category="",
    )
    with pytest.raises(PersonInvalid) as caught:
        registry.validate_person(bad)
    errors = caught.value.by_field()
    assert set(errors) == {
        "national_code",
        "first_name",
        "last_name",
        "gender",
        "birth_date",
        "mobile",
        "category",
    }
    assert "رقم کنترل" in errors["national_code"]
    assert errors["first_name"] == "نام وارد نشده است."
    assert "مرد" in errors["gender"] and "زن" in errors["gender"]
    assert "۰۹۱۲" in errors["mobile"]


def test_birth_date_in_the_future_or_of_a_child_is_refused() -> None:
    today = date(2026, 11, 25)
    with pytest.raises(PersonInvalid) as caught:
        registry.validate_person(good_input(birth_date=date(2027, 1, 1)), today=today)
    assert "بعد از امروز" in caught.value.by_field()["birth_date"]
    with pytest.raises(PersonInvalid):
        registry.validate_person(good_input(birth_date="1400/01/01"), today=today)


def test_create_refuses_a_second_person_with_the_same_code_and_names_the_first(
    db: Database,
) -> None:
    fill_demo(db)
    with acting(db) as s:
        first = registry.create_person(s, good_input())
        first_id = first.id
        assert "کریمی" in first.search_key or first.search_key.startswith("علی")
    with acting(db) as s, pytest.raises(registry.NationalCodeTaken) as caught:
        registry.create_person(s, good_input(first_name="رضا", national_code=f" {code(1)} "))
    assert caught.value.existing_id == first_id
    assert "علی کریمی" in caught.value.message
    with db.session() as s:
        assert s.scalar(select(func.count()).where(Person.national_code == code(1))) == 1


def test_update_keeps_code_unique_and_refuses_a_stale_version(db: Database) -> None:
    fill_demo(db)
    with acting(db) as s:
        a = registry.create_person(s, good_input())
        b = registry.create_person(s, good_input(national_code=code(2), first_name="مریم"))
        a_id, b_id, b_version = a.id, b.id, b.version
    with acting(db) as s, pytest.raises(registry.NationalCodeTaken):
        registry.update_person(s, b_id, good_input(national_code=code(1)))
    with acting(db) as s:
        registry.update_person(
            s, b_id, good_input(national_code=code(2), post="مسئول دفتر"), b_version
        )
    with acting(db) as s, pytest.raises(ConcurrentEditError):
        registry.update_person(s, b_id, good_input(national_code=code(2)), b_version)
    with db.session() as s:
        assert s.get(Person, b_id).post == "مسئول دفتر"  # type: ignore[union-attr]
        assert s.get(Person, a_id) is not None


def test_roles_without_the_permission_are_refused(db: Database) -> None:
    fill_demo(db)
    with acting(db, "approver") as s, pytest.raises(PermissionDenied):
        registry.create_person(s, good_input())
    with db.session() as s, pytest.raises(PermissionDenied):  # nobody signed in
        registry.create_person(s, good_input())


def test_similar_names_with_the_same_father_are_possible_duplicates(db: Database) -> None:
    fill_demo(db)
    with acting(db) as s:
        registry.create_person(s, good_input(first_name="محمدعلی", last_name="اسماعیلی‌پور"))
        registry.create_person(
            s, good_input(national_code=code(3), first_name="زهرا", last_name="اسماعیلی‌پور")
        )
        found = duplicates.possible_duplicates(s, "محمد علي", "اسماعيلي پور", "حسن")
        assert [p.national_code for p in found] == [code(1)]
        assert duplicates.possible_duplicates(s, "محمدعلی", "اسماعیلی‌پور", "رضا") == []


def test_merge_moves_enrolments_fills_gaps_deletes_the_other_and_is_audited(
    db: Database,
) -> None:
    fill_demo(db)
    with acting(db) as s:
        keep = registry.create_person(s, good_input(mobile=None))
        other = registry.create_person(
            s, good_input(national_code=code(2), first_name="على", mobile="09351112233")
        )
        offering = new_offering(s, capacity=5)
        enrol(s, offering.id, other.id)
        keep_id, other_id = keep.id, other.id
    with acting(db) as s:
        result = duplicates.merge_people(s, keep_id, other_id, "ثبت تکراری با دو کد")
    assert result.moved_enrolments == 1 and "mobile" in result.filled_fields
    with db.session() as s:
        assert s.get(Person, other_id) is None
        kept = s.get(Person, keep_id)
        assert kept is not None and kept.mobile == "09351112233"
        assert "09351112233" in kept.search_key
        assert (
            s.scalar(select(Enrolment.person_id).where(Enrolment.offering_id == offering.id))
            == keep_id
        )
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity == "person_merge")).one()
        assert json.loads(event.after)["removed_id"] == other_id


def test_merge_refuses_when_both_are_in_the_same_offering(db: Database) -> None:
    fill_demo(db)
    with acting(db) as s:
        a = registry.create_person(s, good_input())
        b = registry.create_person(s, good_input(national_code=code(2)))
        offering = new_offering(s, capacity=5)
        enrol(s, offering.id, a.id)
        enrol(s, offering.id, b.id)
        ids = a.id, b.id
    with acting(db) as s, pytest.raises(ValueError, match="هر دو پرونده"):
        duplicates.merge_people(s, *ids)
    with db.session() as s:
        assert s.get(Person, ids[1]) is not None


def test_organisations_counties_units_and_matching(db: Database) -> None:
    fill_demo(db)
    with acting(db) as s:
        county = organisations.create_county(s, "  آوج  نو ")
        assert county.name == "آوج نو"
        with pytest.raises(InvalidField):
            organisations.create_county(s, "آوج نو")
        with pytest.raises(InvalidField, match="درجه"):
            organisations.create_org_unit(
                s, OrgUnitKind.MUNICIPALITY, "شهرداری ضیاءآباد", county.id
            )
        unit = organisations.create_org_unit(
            s, OrgUnitKind.MUNICIPALITY, "شهرداری ضياءآباد", county.id, "ضیاءآباد", 3
        )
        council = organisations.create_org_unit(
            s, OrgUnitKind.CITY_COUNCIL, "شورای اسلامی شهر ضیاءآباد", county.id
        )
        matcher = organisations.OrgUnitMatcher(s)
        assert matcher.find("ضیاءآباد").id == unit.id  # type: ignore[union-attr]
        assert matcher.find("شهرداری  ضياءآباد").id == unit.id  # type: ignore[union-attr]
        assert matcher.find("شورای اسلامی شهر ضیاءآباد").id == council.id  # type: ignore[union-attr]
        assert matcher.find("ناکجاآباد") is None
        assert municipality(s).id in {c.id for c in organisations.org_unit_choices(s)}
