"""Databases for the listing and UI tests.

``fill_sample`` writes a few hand-made rows in every stage, so tests can assert exact values;
``fill_demo`` runs the demo generator for bigger, more varied data.
"""

from __future__ import annotations

from datetime import date, time

from shahrtrain_desktop.models import (
    Assessment,
    Attendance,
    Certificate,
    County,
    Course,
    CourseCategory,
    CourseSession,
    Document,
    Enrolment,
    Need,
    Offering,
    OrgUnit,
    Person,
    SupervisionVisit,
    User,
)
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AttendanceStatus,
    CertificateStatus,
    DeliveryMode,
    DocumentKind,
    NeedSource,
    NeedStatus,
    OfferingStatus,
    OrgUnitKind,
    OutcomeResult,
    PersonCategory,
    Priority,
    Role,
    VisitStatus,
)
from shahrtrain_desktop.services.people_search import person_search_key

# (national code, first name, last name, father's name, category)
PEOPLE = (
    ("0012345679", "علی", "رضایی", "حسن", PersonCategory.MAYOR),
    ("0084575948", "مریم", "کریمی", "محمد", PersonCategory.COUNCIL_MEMBER),
    ("1234567891", "یاسر", "کاظمی‌نیا", "یحیی", PersonCategory.STAFF),
    ("0499370899", "زهرا", "احمدی", "علی", PersonCategory.STAFF),
)


def fill_sample(db: Database) -> None:
    with db.session() as s:
        county = County(name="تاکستان")
        unit = OrgUnit(kind=OrgUnitKind.MUNICIPALITY, name="شهرداری تاکستان", county=county)
        people = [
            Person(
                national_code=code,
                first_name=first,
                last_name=last,
                father_name=father,
                category=category,
                org_unit=unit,
                mobile=f"0912000000{i}",
                search_key=person_search_key(first, last, code, f"0912000000{i}"),
            )
            for i, (code, first, last, father, category) in enumerate(PEOPLE)
        ]
        s.add_all(people)
        category = s.query(CourseCategory).filter_by(name="شغلی تخصصی").one()
        course = Course(
            code="C-101", title="آشنایی با قانون شهرداری‌ها", category=category, theory_hours=12
        )
        doc = Document(
            kind=DocumentKind.NOTICE,
            number="4521/32",
            date=date(2026, 4, 12),
            issuer="سازمان شهرداری‌ها",
            subject="ابلاغ",
        )
        s.add(
            Need(
                year=1405,
                source=NeedSource.NOTICE,
                document=doc,
                topic="قانون شهرداری‌ها",
                target_group=PersonCategory.MAYOR,
                estimated_count=1250,
                priority=Priority.HIGH,
                status=NeedStatus.ACCEPTED,
            )
        )
        finished = Offering(
            code="1405-001",
            course=course,
            year=1405,
            start_date=date(2026, 10, 3),
            end_date=date(2026, 10, 5),
            mode=DeliveryMode.IN_PERSON,
            capacity=30,
            status=OfferingStatus.FINISHED,
        )
        running = Offering(
            code="1405-002",
            course=course,
            year=1405,
            start_date=date(2026, 11, 25),
            end_date=date(2026, 11, 27),
            mode=DeliveryMode.ONLINE,
            capacity=25,
            status=OfferingStatus.RUNNING,
        )
        s.add_all([finished, running])
        sessions = [
            CourseSession(
                offering=o,
                number=n,
                date=o.start_date,
                start_time=time(8),
                end_time=time(12),
                hours=4,
            )
            for o in (finished, running)
            for n in (1, 2, 3)
        ]
        s.add_all(sessions)
        supervisor = User(
            username="nazer", full_name="حمید ناظری", role=Role.SUPERVISOR, password_hash="x"
        )
        s.add(supervisor)
        s.flush()
        for i, person in enumerate(people):
            enrolment = Enrolment(
                offering=finished,
                person=person,
                attended_hours=12 - 4 * (i == 3),
                final_score=15.5 + i,
                result=OutcomeResult.FAILED if i == 3 else OutcomeResult.PASSED,
            )
            s.add(enrolment)
            s.add(Enrolment(offering=running, person=person))
            s.flush()
            for kind, score in ((AssessmentKind.PRE_TEST, 9.25), (AssessmentKind.POST_TEST, 17)):
                s.add(Assessment(enrolment_id=enrolment.id, kind=kind, score=score))
            for session in sessions[:3]:
                absent = i == 3 and session.number == 3
                status = AttendanceStatus.ABSENT if absent else AttendanceStatus.PRESENT
                s.add(Attendance(session_id=session.id, enrolment_id=enrolment.id, status=status))
            if i < 3:
                issued = i < 2
                s.add(
                    Certificate(
                        enrolment_id=enrolment.id,
                        hours=12,
                        status=CertificateStatus.ISSUED if issued else CertificateStatus.CANDIDATE,
                        number=f"1405-QZ-00012{i}" if issued else None,
                        issue_date=date(2026, 10, 20) if issued else None,
                        year=1405 if issued else None,
                        print_count=1 if issued else 0,
                    )
                )
        s.add(
            SupervisionVisit(
                offering=finished,
                supervisor_id=supervisor.id,
                planned_date=date(2026, 10, 4),
                visit_date=date(2026, 10, 4),
                status=VisitStatus.DONE,
                score=87.5,
            )
        )


def fill_demo(db: Database, people: int = 300) -> None:
    """The demo generator's province-year (seeded, so the same every run)."""
    from shahrtrain_desktop.services.demo import generate_demo

    generate_demo(db, people=people, seed=1)
