"""Course catalogue, instructors (with evaluation history) and venues."""

from __future__ import annotations

import pytest
from planning_fixtures import acting, fill
from sqlalchemy import select

from shahrtrain_desktop.models import Course, EvaluationAnswer
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import PersonCategory
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services.catalogue import (
    CourseInput,
    InstructorInput,
    VenueInput,
    instructor_history,
    list_categories,
    save_course,
    save_instructor,
    save_venue,
    target_groups_of,
)


def _course(db: Database, **changes: object) -> CourseInput:
    with db.session() as s:
        category_id = list_categories(s)[0].id
    values: dict[str, object] = {
        "code": "۹۰۰۱",
        "title": "مديريت بحران شهري",
        "category_id": category_id,
        "theory_hours": 12,
        "practice_hours": 4,
        "target_groups": (PersonCategory.MAYOR, PersonCategory.STAFF),
        "min_attendance_pct": 80,
        "min_score": 12,
    }
    values.update(changes)
    return CourseInput(**values)  # type: ignore[arg-type]


def test_course_with_prerequisite_and_pass_rules(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        base = s.scalars(select(Course)).first()
        assert base is not None
        course = save_course(s, _course(db, prerequisite_ids=(base.id,)))
        assert course.code == "9001"
        assert course.title == "مدیریت بحران شهری"
        assert course.total_hours == 16
        assert target_groups_of(course) == (PersonCategory.MAYOR, PersonCategory.STAFF)
        assert course.prerequisites == [base]
        with pytest.raises(InvalidField, match="پیش‌نیاز خودش"):
            save_course(
                s,
                CourseInput(
                    base.code, base.title, base.category_id, 8, prerequisite_ids=(base.id,)
                ),
                base.id,
            )
        cycle = CourseInput(
            base.code, base.title, base.category_id, 8, prerequisite_ids=(course.id,)
        )
        with pytest.raises(InvalidField, match="پیش‌نیاز خودش می‌شود"):
            save_course(s, cycle, base.id)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"code": ""}, "کد دوره"),
        ({"theory_hours": 0, "practice_hours": 0}, "ساعت"),
        ({"min_score": 25}, "نمرهٔ قبولی"),
        ({"min_attendance_pct": 120}, "درصد حضور"),
    ],
)
def test_bad_courses_are_refused(db: Database, changes: dict[str, object], words: str) -> None:
    fill(db)
    with pytest.raises(InvalidField, match=words), acting(db) as s:
        save_course(s, _course(db, **changes))


def test_course_codes_are_unique(db: Database) -> None:
    fill(db)
    with db.session() as s:
        taken = s.scalars(select(Course)).first()
        assert taken is not None
        code = taken.code
    with pytest.raises(InvalidField, match="پیش‌تر"), acting(db) as s:
        save_course(s, _course(db, code=code))


def test_instructor_history_has_offerings_and_ratings(db: Database) -> None:
    fill(db)
    with db.session() as s:
        rated = s.scalars(
            select(EvaluationAnswer.instructor_id).where(
                EvaluationAnswer.instructor_id.is_not(None)
            )
        ).first()
        assert rated is not None
        history = instructor_history(s, rated)
        assert history.records
        assert history.total_hours > 0
        assert history.average_rating is not None and 1 <= history.average_rating <= 5


def test_instructor_and_venue_validation(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        teacher = save_instructor(
            s, InstructorInput("علي", "كريمي", mobile="۰۹۱۲۱۲۳۴۵۶۷", field="حقوق")
        )
        assert teacher.full_name == "علی کریمی"
        assert teacher.mobile == "09121234567"
        with pytest.raises(InvalidField):
            save_instructor(s, InstructorInput("رضا", "", mobile=""))
        venue = save_venue(s, VenueInput("سالن اجتماعات", 60))
        assert venue.capacity == 60
        with pytest.raises(InvalidField, match="ظرفیت مکان"):
            save_venue(s, VenueInput("سالن", 0))
