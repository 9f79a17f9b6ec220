"""The certificates tab: actions per role, bulk approval, printing via QtPdf, verify, template."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_certificate_workflow_support import TODAY, acting, demo_office, ids_with, user

from shahrtrain_desktop.certificates import CertificateFields, OfficeTemplate, render_certificates
from shahrtrain_desktop.models import Certificate
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus as S
from shahrtrain_desktop.services import certificate_printing as printing
from shahrtrain_desktop.services import certificate_template, settings
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.certificates import pdf_output, print_flow, texts
from shahrtrain_desktop.ui.certificates.pdf_preview import PdfPreviewDialog
from shahrtrain_desktop.ui.certificates.template_dialog import TemplateDialog
from shahrtrain_desktop.ui.certificates.verify_dialog import VerifyDialog
from shahrtrain_desktop.ui.progress import Cancelled, Progress, Task
from shahrtrain_desktop.ui.tabs.certificates import CertificatesTab
from shahrtrain_desktop.ui.worker import Worker

SHOTS = (
    Path(os.environ.get("SHAHRTRAIN_SCREENSHOTS", ""))
    if os.environ.get("SHAHRTRAIN_SCREENSHOTS")
    else None
)


@pytest.fixture
def office(db: Database) -> Database:
    demo_office(db)
    return db


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *args: object) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "information", record)
    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


def _signed_in(db: Database, username: str) -> SignedIn:
    with db.session() as s:
        return SignedIn.of(user(s, username))


def _tab(qtbot: QtBot, db: Database, username: str) -> CertificatesTab:
    tab = CertificatesTab(db, _signed_in(db, username))
    qtbot.addWidget(tab)
    tab.resize(1300, 640)
    tab.show()
    qtbot.waitUntil(lambda: tab.populated)
    return tab


def _select(tab: CertificatesTab, ids: list[int]) -> None:
    selection = tab.view.selectionModel()
    selection.clear()
    for cert_id in ids:
        index = tab.model.index(tab.model.row_of(cert_id), 0)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(index, flags)


def _admin_tab_answering(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch, reason: str, issued: int
) -> tuple[CertificatesTab, list[int]]:
    """The admin's tab, whose reason dialog answers *reason*, and *issued* issued ids."""
    monkeypatch.setattr("shahrtrain_desktop.ui.tabs.certificates.ask_reason", lambda *a: reason)
    with db.session() as s:
        ids = ids_with(s, S.ISSUED, issued)
    return _tab(qtbot, db, "admin"), ids


def test_each_role_sees_only_its_actions(qtbot: QtBot, office: Database) -> None:
    officer = _tab(qtbot, office, "officer")
    approver = _tab(qtbot, office, "approver")
    assert {"review", "issue", "print", "verify"} <= set(officer.action_buttons)
    assert "approve" not in officer.action_buttons and "revoke" not in officer.action_buttons
    assert {"approve", "reject", "verify"} <= set(approver.action_buttons)
    assert "print" not in approver.action_buttons


def test_approver_approves_a_selection_and_rejects_one_with_its_reason_shown(
    qtbot: QtBot, office: Database, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab(qtbot, office, "approver")
    with office.session() as s:
        reviewed = ids_with(s, S.REVIEWED, 3)
    _select(tab, reviewed[:2])
    tab.action_buttons["approve"].click()
    assert "۲ گواهی‌نامه تأیید شد" in messages[-1]
    monkeypatch.setattr(
        "shahrtrain_desktop.ui.tabs.certificates.ask_reason", lambda *a: "نمره ثبت نشده"
    )
    _select(tab, reviewed[2:])
    tab.action_buttons["reject"].click()
    assert tab.choice_combos["status"].value() == S.REVIEWED  # the approver's queue
    assert reviewed[2] not in [tab.model.row_id(r) for r in range(tab.model.rowCount())]
    tab.choice_combos["status"].set_value(S.CANDIDATE)
    note = tab.model.row_texts(tab.model.row_of(reviewed[2]))[-1]
    assert note == "نمره ثبت نشده"
    if SHOTS:
        tab.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        tab.grab().save(str(SHOTS / "issue6-queue-approver.png"))


def test_printing_a_batch_through_qtpdf_to_a_printer(
    qtbot: QtBot, office: Database, tmp_path: Path
) -> None:
    with office.session() as s:
        ids = ids_with(s, S.APPROVED, 3)
    officer = _signed_in(office, "officer")
    op = print_flow.print_op(officer.actor, ids, tmp_path / "batch.pdf", False)
    result = op(office, Task(lambda _p: None))
    assert result.pages == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    pdf_output.configure_printer(printer)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    progress: list[tuple[int, int]] = []
    drawn = pdf_output.paint_pdf(
        printer, result.paths[0], lambda d, t: progress.append((d, t)), dpi=100
    )
    assert drawn == 3 and progress[-1] == (3, 3)
    page = PdfReader(tmp_path / "printed.pdf").pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape A4
    dialog = print_flow.PrintedDialog(result, Worker(office), None)
    qtbot.addWidget(dialog)
    assert {"print", "preview", "open", "save"} <= set(dialog.buttons)
    if SHOTS:
        dialog.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        dialog.show()
        dialog.grab().save(str(SHOTS / "issue6-print-ready.png"))


def test_verify_dialog_shows_genuine_and_tampered(
    qtbot: QtBot, office: Database, tmp_path: Path
) -> None:
    with acting(office, "officer") as s:
        cert_id = ids_with(s, S.APPROVED, 1)[0]
        printing.print_batch(s, [cert_id], tmp_path / "one.pdf", today=TODAY)
        qr = s.scalars(select(Certificate.qr_text).where(Certificate.id == cert_id)).one()
    dialog = VerifyDialog(office)
    qtbot.addWidget(dialog)
    dialog.scanned.setPlainText(qr or "")
    answer = dialog.verify()
    assert answer is not None and answer.genuine
    assert "معتبر" in dialog.verdict.text()
    if SHOTS:
        dialog.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        dialog.show()
        dialog.grab().save(str(SHOTS / "issue6-verify.png"))
    dialog.scanned.setPlainText((qr or "")[:-3] + "AAA")
    assert not dialog.verify().genuine  # type: ignore[union-attr]


def test_template_dialog_previews_live_and_saves_for_the_admin_only(
    qtbot: QtBot, office: Database, messages: list[str]
) -> None:
    admin = _signed_in(office, "admin")
    dialog = TemplateDialog(office, admin.actor)
    qtbot.addWidget(dialog)
    assert not dialog.preview.pixmap().isNull()
    if SHOTS:
        dialog.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        dialog.show()
        dialog.grab().save(str(SHOTS / "issue6-template.png"))
    dialog.title_edit.setText("گواهی‌نامهٔ دورهٔ آموزشی ضمن خدمت")
    dialog.signatories[0][0].setText("علیرضا محمدی")
    qtbot.waitUntil(lambda: not dialog._timer.isActive(), timeout=3000)
    dialog.save()
    with office.session() as s:
        assert settings.get_setting(s, settings.CERTIFICATE_TITLE).endswith("ضمن خدمت")
        assert certificate_template.office_template(s).signatories[0].name == "علیرضا محمدی"
    officer = TemplateDialog(office, _signed_in(office, "officer").actor)
    qtbot.addWidget(officer)
    officer.save()
    assert "اجازه" in messages[-1]


def test_admin_revokes_the_selected_certificate_with_a_reason(
    qtbot: QtBot, office: Database, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, issued = _admin_tab_answering(qtbot, office, monkeypatch, "صدور تکراری", 1)
    _select(tab, issued)
    tab.action_buttons["revoke"].click()
    assert messages[-1] == "گواهی‌نامه ابطال شد."
    assert tab.model.row_texts(tab.model.row_of(issued[0]))[-1] == "صدور تکراری"
    with office.session() as s:
        assert s.get(Certificate, issued[0]).status == S.REVOKED  # type: ignore[union-attr]


def _fields(i: int) -> CertificateFields:
    return CertificateFields.from_json_dict(
        {
            "holder_name": f"فراگیر {i}",
            "national_code": "0012345678",
            "course_title": "مدیریت شهری",
            "course_code": "QZ-MGT-07",
            "hours": 24,
            "start_date": "1405/08/01",
            "end_date": "1405/08/30",
            "number": f"1405-QZ-{i:06d}",
            "issue_date": "1405/09/04",
        }
    )


def test_print_preview_shows_every_page_of_a_long_batch(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "batch.pdf"
    pages = [(_fields(i), f"ST1:{i}") for i in range(60)]
    render_certificates(pages, pdf, OfficeTemplate())
    dialog = PdfPreviewDialog(pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.page_count == 60  # not only the first twenty
    assert dialog.position.text() == "صفحهٔ ۱ از ۶۰"
    dialog.go_to(59)
    qtbot.waitUntil(lambda: dialog.position.text() == "صفحهٔ ۶۰ از ۶۰", timeout=3000)

    def painted() -> bool:
        # The last page is painted (QtPdf renders in the background): its navy frame shows.
        shot = dialog.view.viewport().grab().toImage()
        return any(
            shot.pixelColor(x, y).blue() < 140 and shot.pixelColor(x, y).red() < 60
            for x in range(0, shot.width(), 5)
            for y in range(0, shot.height(), 5)
        )

    qtbot.waitUntil(painted, timeout=5000)
    if SHOTS:
        dialog.grab().save(str(SHOTS / "issue6-preview.png"))
    dialog.accept()


def test_preview_of_a_missing_pdf_is_a_message_not_a_crash(
    qtbot: QtBot, tmp_path: Path, messages: list[str]
) -> None:
    result = printing.PrintResult(pages=1, paths=[tmp_path / "gone.pdf"])
    dialog = print_flow.PrintedDialog(result, Worker(None), None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.buttons["preview"].click()
    assert messages and "پیش‌نمایش" in messages[-1]


def test_batch_progress_is_coarse_but_cancel_is_noticed_at_once() -> None:
    reports: list[Progress] = []
    task = Task(reports.append)
    progress = print_flow.CoarseProgress(task, interval=60)
    for done in range(1, 5001):
        progress("ساخت صفحه‌ها", done, 5000)
    assert [(p.value, p.maximum) for p in reports] == [(1, 5000), (5000, 5000)]
    progress("صدور", 0, 10)  # a new step is shown at once
    assert reports[-1].label == "صدور"
    task.cancel()
    with pytest.raises(Cancelled):
        progress("صدور", 1, 10)


def test_correction_takes_one_certificate_and_keeps_the_old_one_valid(
    qtbot: QtBot, office: Database, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, issued = _admin_tab_answering(qtbot, office, monkeypatch, "نام پدر غلط است", 2)
    tab.view.selectionModel().clear()
    tab.view.setCurrentIndex(tab.model.index(-1, 0))
    tab.action_buttons["correct"].click()
    assert messages[-1] == texts.SELECT_FIRST
    _select(tab, issued)
    tab.action_buttons["correct"].click()
    assert messages[-1] == texts.SELECT_ONE
    _select(tab, issued[:1])
    tab.action_buttons["correct"].click()
    assert messages[-1] == texts.CORRECTION_OPENED
    with office.session() as s:
        assert s.get(Certificate, issued[0]).status == S.ISSUED  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).where(Certificate.replaces_id == issued[0])) == 1
