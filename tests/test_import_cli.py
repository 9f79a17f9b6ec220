"""`shahrtrain import people` (issue #3): exit codes and one-line Persian messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from registration_fixtures import fill_demo
from sqlalchemy import func, select
from test_import import HEADERS, person_row, save

from shahrtrain_desktop.cli import main
from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.db import Database


def people(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db)
    return db


def run(db: Database, *args: str) -> int:
    return main(["import", "people", *args, "--db", db.url])


def test_all_or_nothing_then_skip_invalid(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = save(tmp_path, [HEADERS, person_row(1), person_row(2, code="1234567890")])
    before = people(demo)
    assert run(demo, str(path)) == 1
    err = capsys.readouterr().err
    assert "ردیف ۳، ستون A «کد ملی»" in err and "Traceback" not in err
    assert people(demo) == before
    assert run(demo, str(path), "--dry-run", "--skip-invalid") == 0
    assert people(demo) == before
    assert run(demo, str(path), "--skip-invalid") == 0
    assert "افراد تازه: ۱" in capsys.readouterr().out
    assert people(demo) == before + 1


def test_update_existing_only_when_asked(demo: Database, tmp_path: Path) -> None:
    path = save(tmp_path, [HEADERS, person_row(1)])
    assert run(demo, str(path)) == 0
    changed = save(tmp_path, [HEADERS, person_row(1, mobile="09350001122")], "again.xlsx")
    assert run(demo, str(changed)) == 0
    with demo.session() as s:
        assert s.scalar(select(Person.mobile).where(Person.national_code == person_row(1)[0])) == (
            "09121234567"
        )
    assert run(demo, str(changed), "--update-existing") == 0
    with demo.session() as s:
        assert s.scalar(select(Person.mobile).where(Person.national_code == person_row(1)[0])) == (
            "09350001122"
        )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("random.xlsx", bytes(range(256)) * 4),
        ("renamed.xlsx", "کد ملی,نام\n123,علی\n".encode()),
        ("missing.xlsx", None),
    ],
)
def test_unreadable_files_exit_non_zero_with_one_line(
    demo: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert run(demo, str(path)) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("خطا: ") and len(err.splitlines()) == 1


def test_sheet_without_needed_columns(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = save(tmp_path, [["کد ملی", "نام"], ["0012345679", "علی"]])
    assert run(demo, str(path)) == 1
    assert "«نام خانوادگی»" in capsys.readouterr().err
