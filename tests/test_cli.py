"""The command-line contract: exit codes and one-line Persian messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shahrtrain_desktop.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shahrtrain_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.sqlite_only
def test_demo_then_backup_restore_and_audit_verify(tmp_path: Path) -> None:
    db = str(tmp_path / "office.sqlite3")
    made = run("--db", db, "demo", "--people", "300", "--seed", "3")
    assert made.returncode == 0, made.stderr
    assert "admin" in made.stdout and "demo" in made.stdout

    again = run("demo", "--db", db, "--people", "300")
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and again.stderr.startswith("خطا:")

    backup = tmp_path / "copy.sqlite3"
    assert run("backup", "--db", db, "--out", str(backup)).returncode == 0
    restored = run("restore", str(backup), "--db", db, "--yes")
    assert restored.returncode == 0, restored.stderr
    verified = run("audit", "verify", "--db", db)
    assert verified.returncode == 0 and "سالم" in verified.stdout


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    assert main(["--db", str(db), "demo", "--people", "20"]) == 0
    before = db.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)

    result = run("restore", str(junk), "--db", str(db), "--yes")

    assert result.returncode == 1
    assert "پشتیبان شهرآموز نیست" in result.stderr
    assert db.read_bytes() == before


def test_restore_without_yes_and_without_a_terminal_refuses(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    assert main(["--db", str(db), "demo", "--people", "20"]) == 0
    backup = tmp_path / "b.sqlite3"
    assert main(["--db", str(db), "backup", "--out", str(backup)]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "shahrtrain_desktop", "restore", str(backup), "--db", str(db)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 1 and "--yes" in result.stderr


def test_unknown_command_and_bad_numbers_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["bogus"])
    assert exit_info.value.code == 2
    assert main(["demo", "--people", "0"]) == 2
    assert "--people" in capsys.readouterr().err


def test_a_database_newer_than_the_program_is_one_line(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "newer.sqlite3"
    assert main(["--db", str(db), "demo", "--people", "20"]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num='zzzz_future'")
    result = run("audit", "verify", "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "نسخهٔ جدیدتری" in result.stderr
