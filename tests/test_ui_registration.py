"""Registration screens (issue #3): person dialog, record, import wizard, enrol dialog, tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from registration_fixtures import acting, code, fill_demo, new_offering
from sqlalchemy import select
from test_import import HEADERS, person_row, save

from shahrtrain_desktop.models import Enrolment, OrgUnit, Person, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import EnrolmentStatus
from shahrtrain_desktop.persian import RLM, to_persian_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.registration.enrol_dialog import EnrolDialog
from shahrtrain_desktop.ui.registration.import_wizard import ImportWizard
from shahrtrain_desktop.ui.registration.person_dialog import PersonDialog
from shahrtrain_desktop.ui.registration.person_record import PersonRecordDialog
from shahrtrain_desktop.ui.tabs import PeopleTab
from shahrtrain_desktop.ui.worker import Worker


@pytest.fixture
def demo(db: Database) -> Database:
    create_application()
    fill_demo(db)
    return db


def signed_in(db: Database, username: str = "officer") -> SignedIn:
    with db.session() as s:
        return SignedIn.of(s.scalars(select(User).where(User.username == username)).one())


def test_person_dialog_marks_each_bad_field_and_refuses_to_save(
    demo: Database, qtbot: QtBot
) -> None:
    dialog = PersonDialog(demo, signed_in(demo))
    qtbot.addWidget(dialog)
    dialog.national_code.setText("1234567890")
    dialog.last_name.setText("رضایی")
    dialog.mobile.setText("0912")
    dialog.save()
    assert dialog.result() == 0 and dialog.saved_id is None
    assert "رقم کنترل" in dialog.errors["national_code"].text()
    assert dialog.errors["first_name"].text() == "نام وارد نشده است."
    assert not dialog.errors["first_name"].isHidden()
    assert "۰۹۱۲" in dialog.errors["mobile"].text()
    assert dialog.errors["last_name"].isHidden()

    dialog.national_code.setText(to_persian_digits(code(77)))
    dialog.first_name.setText("علي")
    dialog.mobile.setText("۰۹۱۲۳۴۵۶۷۸۹")
    dialog.save()
    assert dialog.saved_id is not None
    with demo.session() as s:
        person = s.get(Person, dialog.saved_id)
        assert person is not None and person.first_name == "علی"
        assert person.national_code == code(77) and person.mobile == "09123456789"


def test_existing_code_offers_to_open_that_person(
    demo: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo.session() as s:
        existing = s.scalars(select(Person).order_by(Person.id)).first()
        assert existing is not None
        existing_id, existing_code = existing.id, existing.national_code
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = PersonDialog(demo, signed_in(demo))
    qtbot.addWidget(dialog)
    dialog.national_code.setText(existing_code)
    dialog.first_name.setText("نام")
    dialog.last_name.setText("دیگری")
    with qtbot.waitSignal(dialog.open_person) as signal:
        dialog.save()
    assert signal.args == [existing_id]


def test_record_lists_the_persons_courses(demo: Database, qtbot: QtBot) -> None:
    with demo.session() as s:
        person_id = s.scalar(select(Enrolment.person_id).order_by(Enrolment.id))
    dialog = PersonRecordDialog(demo, person_id)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() >= 1
    # A Jalali year, first from the right.
    assert dialog.table.item(0, 2).text()[:3] == RLM + "۱۴"  # type: ignore[union-attr]


def test_import_wizard_previews_blocks_then_imports_valid_rows(
    demo: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    path = save(tmp_path, [HEADERS, person_row(1), person_row(2, code="1234567890")])
    worker = Worker(demo)
    wizard = ImportWizard(demo, signed_in(demo), worker)
    qtbot.addWidget(wizard)
    wizard.path_edit.setText(str(path))
    wizard.check()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    assert wizard.table.model().rowCount() == 2
    assert not wizard.import_button.isEnabled()
    assert "نامعتبر" in wizard.message.text()
    wizard.skip_invalid.setChecked(True)
    assert wizard.import_button.isEnabled()
    wizard.run_import()
    qtbot.waitUntil(lambda: wizard.report is not None, timeout=10_000)
    assert wizard.report is not None and wizard.report.created == 1
    with demo.session() as s:
        assert s.scalar(select(Person.id).where(Person.national_code == code(1))) is not None


def test_import_wizard_reports_an_unreadable_file_in_one_line(
    demo: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "letter.xlsx"
    path.write_text("not,a,workbook\n", encoding="utf-8")
    wizard = ImportWizard(demo, signed_in(demo), Worker(demo))
    qtbot.addWidget(wizard)
    wizard.path_edit.setText(str(path))
    wizard.check()
    qtbot.waitUntil(lambda: "کاربرگ Excel" in wizard.message.text(), timeout=10_000)
    assert wizard.preview is None


def test_enrol_dialog_with_pasted_codes_and_keyboard(demo: Database, qtbot: QtBot) -> None:
    with acting(demo) as s:
        offering_id = new_offering(s, capacity=1).id
        codes = list(s.scalars(select(Person.national_code).order_by(Person.id).limit(2)))
    dialog = EnrolDialog(demo, signed_in(demo))
    qtbot.addWidget(dialog)
    dialog.select_offering(offering_id)
    assert dialog.offering_id() == offering_id
    dialog.codes.setPlainText("\n".join(to_persian_digits(c) for c in codes) + "\n123")
    dialog.show()
    qtbot.keyClick(dialog.codes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.roster.rowCount() == 2
    assert "۱ نفر ثبت‌نام شد" in dialog.result_text
    assert dialog.codes.toPlainText() == "123"  # only what still needs attention
    with demo.session() as s:
        first = s.scalars(
            select(Enrolment).where(Enrolment.offering_id == offering_id).order_by(Enrolment.id)
        ).first()
        assert first is not None
        first_id = first.id
    assert dialog.withdraw(first_id, "مأموریت")
    with demo.session() as s:
        statuses = set(
            s.scalars(select(Enrolment.status).where(Enrolment.offering_id == offering_id))
        )
    assert statuses == {EnrolmentStatus.WITHDRAWN, EnrolmentStatus.ENROLLED}


def test_people_tab_filters_by_county_and_hides_editing_from_approvers(
    demo: Database, qtbot: QtBot
) -> None:
    tab = PeopleTab(demo, signed_in(demo))
    qtbot.addWidget(tab)
    tab.populate()
    everyone = tab.row_count()
    tab.county_combo.setCurrentIndex(1)
    county_id = tab.county_combo.currentData()
    narrowed = tab.row_count()
    with demo.session() as s:
        expected = len(
            list(
                s.scalars(
                    select(Person.id)
                    .join(OrgUnit, OrgUnit.id == Person.org_unit_id)
                    .where(OrgUnit.county_id == county_id)
                )
            )
        )
    assert 0 < narrowed == expected < everyone
    assert tab.buttons["فرد تازه (Ctrl+N)"].isVisibleTo(tab)
    approver_tab = PeopleTab(demo, signed_in(demo, "approver"))
    qtbot.addWidget(approver_tab)
    assert not approver_tab.buttons["فرد تازه (Ctrl+N)"].isVisibleTo(approver_tab)
    assert approver_tab.buttons["پرونده (Enter)"].isVisibleTo(approver_tab)


def test_org_units_dialog_adds_a_county_and_a_graded_municipality(
    demo: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shahrtrain_desktop.ui.registration.org_units_dialog import OrgUnitsDialog

    dialog = OrgUnitsDialog(demo, signed_in(demo))
    qtbot.addWidget(dialog)
    before = dialog.table.rowCount()
    monkeypatch.setattr(
        "shahrtrain_desktop.ui.registration.org_units_dialog.QInputDialog.getText",
        lambda *a, **k: ("آوج نو", True),
    )
    dialog.add_county()
    assert dialog.county.currentText() == "آوج نو"
    dialog.add_unit()  # no name yet
    assert "نام" in dialog.message.text() and dialog.table.rowCount() == before
    dialog.name.setText("شهرداری ضياءآباد")
    dialog.grade.setValue(3)
    dialog.add_unit()
    assert dialog.table.rowCount() == before + 1
    with demo.session() as s:
        units = s.scalars(select(OrgUnit).where(OrgUnit.name == "شهرداری ضیاءآباد")).all()
        ours = [u for u in units if u.county is not None and u.county.name == "آوج نو"]
        assert len(ours) == 1 and ours[0].grade == 3
