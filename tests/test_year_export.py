"""The end-of-year export: what the zip holds, that it verifies, and that any change — one
byte, a missing or extra file, another key — is named by the verifier."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook
from sqlalchemy import func, select

from shahrtrain_desktop.certificates import signing
from shahrtrain_desktop.models import AuditEvent, Enrolment, ExportRecord, Offering, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.migrate import head_revision
from shahrtrain_desktop.persian import jalali_year_range
from shahrtrain_desktop.services.audit import act_as, verify_chain
from shahrtrain_desktop.services.auth import actor_of
from shahrtrain_desktop.services.demo import generate_demo
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.services.year_export import export_year, verify_export
from shahrtrain_desktop.services.year_export.tables import TABLES

TODAY = date(2026, 11, 25)
YEAR = 1405


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db, 300, YEAR, 7, today=TODAY)
    return db


def run_export(db: Database, out: Path, username: str = "admin", **kw):  # type: ignore[no-untyped-def]
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        act_as(s, actor_of(user))
        return export_year(s, YEAR, out, **kw)


@pytest.fixture
def exported(demo: Database, tmp_path: Path) -> Path:
    out = tmp_path / "export-1405.zip"
    run_export(demo, out)
    return out


def rewrite(source: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """Copy the zip, letting ``change(name, data)`` alter (or drop, with None) each member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return target


def test_zip_holds_workbook_csvs_key_and_signed_manifest(demo: Database, exported: Path) -> None:
    with zipfile.ZipFile(exported) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        people_csv = z.read("csv/people.csv")
        workbook = load_workbook(io.BytesIO(z.read("shahrtrain-QZ-1405.xlsx")))
    assert {f"csv/{t.name}.csv" for t in TABLES} <= names
    assert {"manifest.json", "manifest.sig", "office-public-key.pem"} <= names
    assert manifest["year"] == YEAR and manifest["office_code"] == "QZ"
    assert manifest["schema_revision"] == head_revision()
    assert manifest["app_version"] and len(manifest["audit_chain_head"]) == 64
    listed = {f["path"] for f in manifest["files"]}
    assert listed == names - {"manifest.json", "manifest.sig"}
    # CSV: UTF-8 with BOM, national codes keep their leading zeros
    assert people_csv.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(people_csv.decode("utf-8-sig"))))
    assert all(len(r["national_code"]) == 10 for r in rows)
    # workbook: one right-to-left sheet per table, codes stored as text
    assert [ws.title for ws in workbook] == [t.title for t in TABLES]
    sheet = workbook["فراگیران"]
    assert sheet.sheet_view.rightToLeft
    assert sheet.cell(2, 1).data_type == "s" and sheet.freeze_panes == "A2"
    assert sheet.max_row - 1 == len(rows)


def test_export_counts_the_years_enrolments(demo: Database, tmp_path: Path) -> None:
    result = run_export(demo, tmp_path / "e.zip")
    start, end = jalali_year_range(YEAR)
    with demo.session() as s:
        count = s.scalar(
            select(func.count())
            .select_from(Enrolment)
            .join(Offering)
            .where(Offering.start_date >= start, Offering.start_date < end)
        )
        record = s.scalars(select(ExportRecord)).one()
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity == "year_export")).one()
        assert verify_chain(s).ok
    assert result.rows["enrolments"] == count > 0
    assert record.year == YEAR and record.sha256 == result.sha256
    assert event.username == "admin"


def test_export_verifies(exported: Path) -> None:
    check = verify_export(exported)
    assert check.ok, check.problems
    assert check.key_source == "embedded" and check.checked_files == len(TABLES) + 2
    assert "سالم" in check.summary()


def test_one_changed_byte_is_named(exported: Path, tmp_path: Path) -> None:
    def flip(name: str, data: bytes) -> bytes:
        if name == "csv/enrolments.csv":
            data = data[:50] + bytes([data[50] ^ 0x01]) + data[51:]
        return data

    check = verify_export(rewrite(exported, tmp_path / "x.zip", flip))
    assert not check.ok
    assert any("enrolments.csv" in p and "تغییر" in p for p in check.problems)


def test_a_raw_byte_changed_in_the_zip_fails(exported: Path, tmp_path: Path) -> None:
    data = bytearray(exported.read_bytes())
    data[len(data) // 3] ^= 0x20
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    check = verify_export(damaged)
    assert not check.ok and check.problems


def test_missing_and_extra_files_are_named(exported: Path, tmp_path: Path) -> None:
    dropped = rewrite(
        exported,
        tmp_path / "m.zip",
        lambda name, data: None if name == "csv/scores.csv" else data,
    )
    assert any("scores.csv" in p and "نیست" in p for p in verify_export(dropped).problems)
    extra = tmp_path / "e.zip"
    rewrite(exported, extra, lambda name, data: data)
    with zipfile.ZipFile(extra, "a") as z:
        z.writestr("csv/notes.csv", "x")
    assert any("notes.csv" in p and "اضافه" in p for p in verify_export(extra).problems)


def test_edited_manifest_or_other_key_breaks_the_signature(exported: Path, tmp_path: Path) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            return data.replace(b'"year": 1405', b'"year": 1404')
        return data

    check = verify_export(rewrite(exported, tmp_path / "s.zip", edit))
    assert any("امضا" in p for p in check.problems)
    stranger = signing.public_key_to_pem(Ed25519PrivateKey.generate().public_key())
    check = verify_export(exported, public_key_pem=stranger)
    assert check.key_source == "external" and not check.ok
    with zipfile.ZipFile(exported) as z:
        own = z.read("office-public-key.pem")
    assert verify_export(exported, public_key_pem=own).ok


def test_not_a_zip(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip")
    check = verify_export(bogus)
    assert not check.ok and "zip" in check.problems[0]


def test_only_admin_exports_and_cancel_leaves_nothing(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "out" / "e.zip"
    with pytest.raises(PermissionDenied):
        run_export(demo, out, username="officer")

    class Stop(Exception):
        pass

    def cancel_at_third(label: str, step: int, steps: int) -> None:
        if step == 3:
            raise Stop

    with pytest.raises(Stop):
        run_export(demo, out, progress=cancel_at_third)
    assert list(out.parent.iterdir()) == []
    with demo.session() as s:
        assert s.scalar(select(func.count()).select_from(ExportRecord)) == 0
