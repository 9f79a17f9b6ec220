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
from sqlalchemy import select
from test_certificate_workflow_support import TODAY, acting, demo_office, ids_with, user

from shahrtrain_desktop.models import Certificate
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus as S
from shahrtrain_desktop.services import certificate_printing as printing
from shahrtrain_desktop.services import certificate_template, settings
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.certificates import pdf_output, print_flow
from shahrtrain_desktop.ui.certificates.template_dialog import TemplateDialog
from shahrtrain_desktop.ui.certificates.verify_dialog import VerifyDialog
from shahrtrain_desktop.ui.progress import Task
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
    tab = _tab(qtbot, office, "admin")
    with office.session() as s:
        issued = ids_with(s, S.ISSUED, 1)
    monkeypatch.setattr(
        "shahrtrain_desktop.ui.tabs.certificates.ask_reason", lambda *a: "صدور تکراری"
    )
    _select(tab, issued)
    tab.action_buttons["revoke"].click()
    assert messages[-1] == "گواهی‌نامه ابطال شد."
    assert tab.model.row_texts(tab.model.row_of(issued[0]))[-1] == "صدور تکراری"
    with office.session() as s:
        assert s.get(Certificate, issued[0]).status == S.REVOKED  # type: ignore[union-attr]
