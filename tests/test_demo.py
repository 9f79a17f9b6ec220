"""The demo generator: a realistic, consistent, reproducible province-year in one transaction."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from shahrtrain_desktop.certificates.fields import CertificateFields
from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import (
    AttendanceStatus,
    CertificateStatus,
    DocumentKind,
    EnrolmentStatus,
    NeedStatus,
    OfferingStatus,
    PersonCategory,
)
from shahrtrain_desktop.persian import is_valid_national_code
from shahrtrain_desktop.services.database import open_database
from shahrtrain_desktop.services.demo import Cancelled, DemoError, DemoSummary, generate_demo
from shahrtrain_desktop.services.passwords import verify_password
from shahrtrain_desktop.services.people_search import person_search_key

TODAY = date(2026, 11, 25)  # 1405/09/04
PEOPLE = 300
SEED = 11
# Tables whose rows must not change for a given seed and day (users and keys hold random salts).
DIGESTED = (
    "county", "org_unit", "person", "instructor", "venue", "course", "document", "need",
    "offering", "course_session", "offering_instructor", "offering_need", "enrolment",
    "attendance", "assessment", "evaluation_answer", "follow_up", "certificate",
    "supervision_visit", "visit_checklist_score", "corrective_action",
)  # fmt: skip


@dataclass
class Demo:
    db: Database
    summary: DemoSummary
    home: Path


def _copy_of_template(template: str, folder: Path, name: str) -> Database:
    path = folder / f"{name}.sqlite3"
    shutil.copyfile(template, path)
    return open_database(f"sqlite:///{path}").db


@pytest.fixture(scope="module")
def demo(migrated_template: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """One generated database shared by the read-only checks (generating takes a while)."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHAHRTRAIN_HOME", str(folder / "home"))
        db = _copy_of_template(migrated_template, folder, "demo")
        summary = generate_demo(db, PEOPLE, None, SEED, today=TODAY)
    yield Demo(db, summary, folder / "home")
    db.dispose()


@pytest.fixture
def make_db(migrated_template: str, tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    opened: list[Database] = []

    def make(name: str) -> Database:
        opened.append(_copy_of_template(migrated_template, tmp_path, name))
        return opened[-1]

    yield make
    for db in opened:
        db.dispose()


def rows(db: Database, sql: str, **params: Any) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


def scalar(db: Database, sql: str, **params: Any) -> Any:
    return rows(db, sql, **params)[0][0]


def digest(db: Database) -> str:
    sha = hashlib.sha256()
    for table in DIGESTED:
        for line in sorted(repr(tuple(row)) for row in rows(db, f"SELECT * FROM {table}")):
            sha.update(line.encode())
    return sha.hexdigest()


_GENERATE = """
import sys
from datetime import date
from shahrtrain_desktop.services.database import open_database
from shahrtrain_desktop.services.demo import generate_demo
db = open_database(sys.argv[1]).db
generate_demo(db, int(sys.argv[2]), None, int(sys.argv[3]), today=date.fromisoformat(sys.argv[4]),
              fast=False)
db.dispose()
"""


def test_same_seed_same_data_on_both_write_paths_and_another_seed_differs(
    demo: Demo, make_db: Callable[[str], Database], tmp_path: Path
) -> None:
    portable = make_db("portable")
    portable.dispose()
    # Another process with another string-hash seed: nothing may depend on set or dict order.
    env = {**os.environ, "PYTHONHASHSEED": "4051", "SHAHRTRAIN_HOME": str(tmp_path / "other")}
    args = [portable.url, str(PEOPLE), str(SEED), TODAY.isoformat()]
    subprocess.run([sys.executable, "-c", _GENERATE, *args], env=env, check=True)
    other = make_db("other")
    generate_demo(other, PEOPLE, None, SEED + 1, today=TODAY)
    assert digest(portable) == digest(demo.db)
    assert digest(other) != digest(demo.db)


def test_people_have_valid_unique_codes_persian_names_and_search_keys(demo: Demo) -> None:
    people = rows(
        demo.db,
        "SELECT first_name, last_name, father_name, national_code, mobile, search_key, category,"
        " birth_date FROM person",
    )
    assert len(people) == PEOPLE
    codes = [p.national_code for p in people]
    codes += [r[0] for r in rows(demo.db, "SELECT national_code FROM instructor")]
    assert len(set(codes)) == len(codes)
    assert all(is_valid_national_code(code) for code in codes)
    assert all(re.fullmatch(r"09\d{9}", p.mobile) for p in people)
    assert any("\u200c" in p.last_name for p in people)  # half-spaces, e.g. حسین‌زاده
    assert all(p.father_name for p in people)
    for p in people:
        key = person_search_key(p.first_name, p.last_name, p.national_code, p.mobile)
        assert p.search_key == key
    categories = {p.category for p in people}
    assert categories == {"mayor", "council_member", "staff", "other"}


def test_every_municipality_has_one_mayor_and_a_council_of_five_to_nine(demo: Demo) -> None:
    mayors = rows(
        demo.db,
        "SELECT u.id, COUNT(p.id) FROM org_unit u LEFT JOIN person p ON p.org_unit_id = u.id"
        " AND p.category = 'mayor' WHERE u.kind = 'municipality' GROUP BY u.id",
    )
    assert len(mayors) == 25 and all(count == 1 for _id, count in mayors)
    councils = rows(
        demo.db,
        "SELECT u.id, COUNT(p.id) FROM org_unit u JOIN person p ON p.org_unit_id = u.id"
        " WHERE u.kind = 'city_council' GROUP BY u.id",
    )
    assert len(councils) == 25 and all(5 <= count <= 9 for _id, count in councils)


def test_every_status_of_every_stage_is_present(demo: Demo) -> None:
    def values(sql: str) -> set[str]:
        return {r[0] for r in rows(demo.db, sql)}

    assert values("SELECT status FROM offering") == {s.value for s in OfferingStatus}
    assert values("SELECT status FROM certificate") == {s.value for s in CertificateStatus}
    assert values("SELECT status FROM enrolment") == {s.value for s in EnrolmentStatus}
    assert values("SELECT status FROM attendance") == {s.value for s in AttendanceStatus}
    assert values("SELECT status FROM need") == {s.value for s in NeedStatus}
    assert {DocumentKind.NOTICE, DocumentKind.MUNICIPALITY_REQUEST} <= {
        DocumentKind(v) for v in values("SELECT kind FROM document")
    }
    assert values("SELECT kind FROM assessment") == {"pre_test", "post_test", "final"}
    assert values("SELECT result FROM enrolment WHERE result IS NOT NULL") == {"passed", "failed"}
    assert scalar(demo.db, "SELECT COUNT(*) FROM evaluation_answer") > 0
    assert scalar(demo.db, "SELECT COUNT(*) FROM follow_up WHERE rating IS NOT NULL") > 0
    assert scalar(demo.db, "SELECT COUNT(*) FROM supervision_visit WHERE status='done'") > 0
    assert scalar(demo.db, "SELECT COUNT(*) FROM corrective_action") > 0
    approved = "SELECT COUNT(*) FROM certificate WHERE status IN ('approved', 'issued')"
    assert scalar(demo.db, approved) >= 200


def test_offering_statuses_and_approvals_follow_the_dates(demo: Demo) -> None:
    today = TODAY.isoformat()
    for o in rows(demo.db, "SELECT * FROM offering"):
        if o.status in ("finished", "closed"):
            assert o.end_date < today
        elif o.status == "running":
            assert o.start_date <= today <= o.end_date
        elif o.status in ("open", "approved", "draft"):
            assert o.start_date > today
        if o.status in ("approved", "open", "running", "finished", "closed"):
            assert o.executive_resolution_number
            assert o.executive_resolution_date <= min(o.start_date, today)
        if o.status in ("open", "running", "finished", "closed"):
            assert o.steering_approved and o.steering_approval_date <= today
        if o.status == "draft":
            assert o.executive_resolution_number is None and not o.steering_approved
        assert o.year == 1405


def test_sessions_attendance_and_enrolments_are_consistent(demo: Demo) -> None:
    db = demo.db
    today = TODAY.isoformat()
    never = [
        """SELECT COUNT(*) FROM course_session s JOIN offering o ON o.id = s.offering_id
           WHERE s.date < o.start_date OR s.date > o.end_date""",
        # attendance only for meetings held by today, only for enrolled trainees of the offering
        """SELECT COUNT(*) FROM attendance a JOIN course_session s ON s.id = a.session_id
           JOIN enrolment e ON e.id = a.enrolment_id
           WHERE s.date > :today OR e.offering_id != s.offering_id OR e.status != 'enrolled'""",
        "SELECT COUNT(*) FROM enrolment WHERE enrolled_on > :today",
        "SELECT COUNT(*) FROM enrolment WHERE withdrawn_on < enrolled_on",
        """SELECT COUNT(*) FROM enrolment e JOIN offering o ON o.id = e.offering_id
           WHERE o.status IN ('draft', 'approved')""",
        """SELECT COUNT(*) FROM (SELECT o.id FROM offering o JOIN enrolment e
           ON e.offering_id = o.id AND e.status = 'enrolled'
           GROUP BY o.id HAVING COUNT(*) > MAX(o.capacity)) AS x""",
        """SELECT COUNT(*) FROM enrolment e JOIN offering o ON o.id = e.offering_id
           WHERE e.result IS NOT NULL AND o.status NOT IN ('finished', 'closed')""",
        "SELECT COUNT(*) FROM assessment WHERE score < 0 OR score > 20",
        "SELECT COUNT(*) FROM evaluation_answer WHERE value NOT BETWEEN 1 AND 5",
        "SELECT COUNT(*) FROM follow_up WHERE rating IS NOT NULL AND due_date > :today",
        "SELECT COUNT(*) FROM supervision_visit WHERE visit_date > :today",
        # eligibility: the course's target groups and the offering's audience
        """SELECT COUNT(*) FROM enrolment e JOIN offering o ON o.id = e.offering_id
           JOIN course c ON c.id = o.course_id JOIN person p ON p.id = e.person_id
           WHERE (c.target_groups != ''
                  AND instr(',' || c.target_groups || ',', ',' || p.category || ',') = 0)
              OR p.category != COALESCE(o.target_group, p.category)""",
        # nobody sits in two offerings at once
        """SELECT COUNT(*) FROM enrolment a JOIN enrolment b ON a.person_id = b.person_id
           AND a.id < b.id AND a.status = 'enrolled' AND b.status = 'enrolled'
           JOIN offering oa ON oa.id = a.offering_id JOIN offering ob ON ob.id = b.offering_id
           WHERE oa.start_date <= ob.end_date AND ob.start_date <= oa.end_date""",
    ]
    for sql in never:
        assert scalar(db, sql, today=today) == 0, sql
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_certificates_are_numbered_frozen_and_only_for_passes(demo: Demo) -> None:
    db = demo.db
    today = TODAY.isoformat()
    printed = rows(
        db,
        """SELECT c.*, p.national_code AS code FROM certificate c
           JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
           WHERE c.status IN ('issued', 'revoked')""",
    )
    assert printed
    serials = set()
    for c in printed:
        assert re.fullmatch(r"1405-QZ-\d{6}", c.number) and c.issue_date <= today
        assert c.number == f"{c.year}-{c.office_code}-{c.serial:06d}"
        serials.add((c.office_code, c.year, c.serial))
        fields = CertificateFields.from_json_dict(json.loads(c.printed_fields))
        assert fields.number == c.number and fields.issue_date.isoformat() == c.issue_date
        if c.status == "issued":
            assert fields.national_code == c.code
    assert len(serials) == len(printed)
    assert sorted(serials) == [("QZ", 1405, n) for n in range(1, len(printed) + 1)]
    for c in (c for c in printed if c.status == "revoked"):
        assert c.revoke_reason and c.revoked_at
        replacement = rows(db, "SELECT status FROM certificate WHERE replaces_id = :id", id=c.id)
        assert [r.status for r in replacement] == ["issued"]
    never = [
        """SELECT COUNT(*) FROM certificate
           WHERE status IN ('candidate', 'reviewed', 'approved') AND number IS NOT NULL""",
        """SELECT COUNT(*) FROM certificate c JOIN enrolment e ON e.id = c.enrolment_id
           JOIN offering o ON o.id = e.offering_id
           WHERE e.result != 'passed' OR o.status NOT IN ('finished', 'closed')""",
        "SELECT COUNT(*) FROM certificate WHERE approved_by_id = reviewed_by_id",
    ]
    for sql in never:
        assert scalar(db, sql) == 0, sql


def test_demo_users_log_in_and_the_summary_says_so(demo: Demo) -> None:
    users = rows(demo.db, "SELECT username, role, password_hash FROM app_user ORDER BY id")
    assert [(u.username, u.role) for u in users] == [
        ("admin", "admin"),
        ("officer", "officer"),
        ("approver", "approver"),
        ("supervisor", "supervisor"),
    ]
    assert all(verify_password(u.password_hash, "demo") for u in users)
    assert len({u.password_hash for u in users}) == 1  # hashed once
    text_ = "\n".join(demo.summary.lines())
    assert all(name in text_ for name in ("admin", "officer", "approver", "supervisor"))
    assert "گذرواژه" in text_ and "demo" in text_ and "کلید امضا" in text_
    assert demo.summary.counts["person"] == PEOPLE and demo.summary.key_created


def test_signing_key_is_made_and_its_private_half_is_not_in_the_database(demo: Demo) -> None:
    (key,) = rows(demo.db, "SELECT key_id, encrypted_private_key, active FROM signing_key")
    assert key.active and key.key_id == demo.summary.key_id
    assert bytes(key.encrypted_private_key).startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    secret = demo.home / "keys" / f"office-{key.key_id}.secret"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert secret.read_bytes().strip() not in bytes(key.encrypted_private_key)


def test_a_second_run_refuses_and_changes_nothing(demo: Demo) -> None:
    before = digest(demo.db)
    with pytest.raises(DemoError, match="از پیش"):
        generate_demo(demo.db, PEOPLE, None, SEED + 5, today=TODAY)
    assert digest(demo.db) == before


def test_cancelling_rolls_everything_back(
    make_db: Callable[[str], Database], isolated_home: Path
) -> None:
    db = make_db("cancelled")
    seen: list[tuple[str, int, int]] = []

    def progress(label: str, done: int, total: int) -> bool:
        seen.append((label, done, total))
        return done < 9  # stop in the middle of enrolment and attendance

    with pytest.raises(Cancelled):
        generate_demo(db, PEOPLE, None, SEED, progress, today=TODAY)
    assert [done for _label, done, _total in seen] == list(range(10))
    for table in ("person", "app_user", "offering", "enrolment", "attendance", "signing_key"):
        assert scalar(db, f"SELECT COUNT(*) FROM {table}") == 0
    assert not list(isolated_home.glob("keys/*.secret"))
    summary = generate_demo(db, 40, None, SEED, today=TODAY)  # and the database is still usable
    assert summary.counts["person"] == 40


def test_builds_on_the_configured_database_and_its_ids_carry_on(db: Database) -> None:
    """The test database: SQLite (fast path) or, with SHAHRTRAIN_TEST_PG, PostgreSQL (the
    portable path, whose id sequences must be moved past the ids the generator chose)."""
    summary = generate_demo(db, 120, None, SEED, today=TODAY)
    assert scalar(db, "SELECT COUNT(*) FROM person") == 120 == summary.counts["person"]
    statuses = {r[0] for r in rows(db, "SELECT DISTINCT status FROM offering")}
    assert statuses == {s.value for s in OfferingStatus}
    numbers = rows(db, "SELECT number FROM certificate WHERE number IS NOT NULL")
    assert numbers and len({n[0] for n in numbers}) == len(numbers)
    with db.session() as session:
        person = Person(
            national_code="0012345679", first_name="زهرا", last_name="رضایی",
            category=PersonCategory.STAFF,
        )  # fmt: skip
        session.add(person)
        session.flush()
        assert person.id > 120


@pytest.mark.parametrize("people", [0, 9])
def test_too_few_people_is_a_persian_error(db: Database, people: int) -> None:
    with pytest.raises(DemoError, match="نفر"):
        generate_demo(db, people, None, SEED, today=TODAY)
