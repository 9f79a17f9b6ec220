"""Stage 2, registration: the people registry, searched as you type, with the person dialog,
the person's record, the Excel import wizard, enrolment, merge and export."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from shahrtrain_desktop.models import OrgUnit, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import (
    duplicates,
    listings,
    organisations,
    registry,
    roster_export,
)
from shahrtrain_desktop.services.importing import write_template
from shahrtrain_desktop.services.permissions import Permission, PermissionDenied, allowed
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.planning.common import acting
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.registration.enrol_dialog import EnrolDialog
from shahrtrain_desktop.ui.registration.import_wizard import ImportWizard
from shahrtrain_desktop.ui.registration.org_units_dialog import OrgUnitsDialog
from shahrtrain_desktop.ui.registration.person_dialog import PersonDialog
from shahrtrain_desktop.ui.registration.person_record import PersonRecordDialog
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.worker import run_with_progress

NEW = "فرد تازه (Ctrl+N)"
EDIT = "ویرایش (F2)"
RECORD = "پرونده (Enter)"
ENROL = "ثبت‌نام در دوره (Ctrl+E)"
IMPORT = "واردکردن از Excel (Ctrl+I)"
MERGE = "ادغام دو پرونده…"
EXPORT = "خروجی Excel…"
ORG_UNITS = "واحدهای سازمانی…"
TEMPLATE = "الگوی Excel…"
ALL_COUNTIES = "شهرستان: همه"
ALL_UNITS = "واحد سازمانی: همه"
PICK_ROW = "نخست یک فرد را در فهرست برگزینید."
PICK_TWO = "برای ادغام، دو پرونده را (با Ctrl) در فهرست برگزینید."
MERGE_KEEP = "کدام پرونده بماند؟ (پروندهٔ دیگر در آن ادغام و حذف می‌شود)"
MERGE_REASON = "دلیل ادغام:"
MERGED = "دو پرونده ادغام شد؛ {count} ثبت‌نام منتقل شد."
IMPORTED = "واردکردن انجام شد:\n{lines}"
ENROL_IMPORTED = "این افراد اکنون در دوره‌ای ثبت‌نام شوند؟"
EXCEL_FILTER = "Excel (*.xlsx)"
SAVED = "ذخیره شد: {path}"
NOT_DONE = "انجام نشد"


class PeopleTab(BaseTab):
    spec = listings.PEOPLE
    title = strings.TAB_PEOPLE

    def build_header(self, layout: QVBoxLayout) -> None:
        can_edit = self.user is not None and allowed(self.user.role, Permission.EDIT_REGISTRY)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, slot, guarded in (
            (NEW, self.new_person, True),
            (EDIT, self.edit_person, True),
            (RECORD, self.show_record, False),
            (ENROL, self.enrol_selected, True),
            (IMPORT, self.import_people, True),
            (MERGE, self.merge_selected, True),
            (ORG_UNITS, self.show_org_units, True),
            (EXPORT, self.export_registry, False),
            (TEMPLATE, self.save_template, False),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            button.setVisible(can_edit or not guarded)
            row.addWidget(button)
            self.buttons[text] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.view.doubleClicked.connect(lambda _index: self.show_record())
        self.view.activated.connect(lambda _index: self.show_record())
        if can_edit:
            for keys, slot in (
                ("Ctrl+N", self.new_person),
                ("F2", self.edit_person),
                ("Ctrl+E", self.enrol_selected),
                ("Ctrl+I", self.import_people),
            ):
                QShortcut(QKeySequence(keys), self, slot)

    def build_filters(self) -> None:
        self.add_search(strings.SEARCH_PEOPLE)
        self.add_choice("category")
        self.county_combo = QComboBox(self)
        self.unit_combo = QComboBox(self)
        self.unit_combo.setMaximumWidth(280)
        self.filter_bar.addWidget(self.county_combo)
        self.filter_bar.addWidget(self.unit_combo)
        self._fill_org_filters()
        self.county_combo.currentIndexChanged.connect(self._county_changed)
        self.unit_combo.currentIndexChanged.connect(self.apply_filters)

    def _fill_org_filters(self) -> None:
        with self.db.session() as session:
            counties = organisations.counties(session)
        self.county_combo.addItem(ALL_COUNTIES, None)
        for county_id, name in counties:
            self.county_combo.addItem(name, county_id)
        self._fill_units()

    def _fill_units(self) -> None:
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(ALL_UNITS, None)
        with self.db.session() as session:
            for unit in organisations.org_unit_choices(session, self.county_combo.currentData()):
                self.unit_combo.addItem(unit.name, unit.id)
        self.unit_combo.blockSignals(False)

    def _county_changed(self) -> None:
        self._fill_units()
        self.apply_filters()

    def apply_filters(self) -> None:
        # County and unit narrow the same listing: extra WHERE terms on the shared spec.
        where = list(listings.PEOPLE.where)
        county_id, unit_id = self.county_combo.currentData(), self.unit_combo.currentData()
        if county_id is not None:
            where.append(OrgUnit.county_id == county_id)
        if unit_id is not None:
            where.append(Person.org_unit_id == unit_id)
        self.model.spec = dataclasses.replace(listings.PEOPLE, where=tuple(where))
        super().apply_filters()

    # -- acting --------------------------------------------------------------------------

    def _one_selected(self) -> int | None:
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, self.title, PICK_ROW)
            return None
        return ids[0]

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def new_person(self) -> None:
        dialog = PersonDialog(self.db, self.user, parent=self)
        dialog.open_person.connect(self.open_existing)
        if dialog.exec() and dialog.saved_id is not None:
            self.refresh()
            self.select_person(dialog.saved_id)

    def open_existing(self, person_id: int) -> None:
        if self.search_box is not None:
            self.search_box.clear()
        self.refresh()
        self.select_person(person_id)
        PersonRecordDialog(self.db, person_id, self).exec()

    def edit_person(self) -> None:
        person_id = self._one_selected()
        if person_id is None:
            return
        dialog = PersonDialog(self.db, self.user, person_id, parent=self)
        dialog.open_person.connect(self.open_existing)
        if dialog.exec():
            self.refresh()
            self.select_person(person_id)

    def show_record(self) -> None:
        person_id = self._one_selected()
        if person_id is not None:
            PersonRecordDialog(self.db, person_id, self).exec()

    def enrol_selected(self) -> None:
        EnrolDialog(self.db, self.user, self.selected_ids(), self).exec()
        self.refresh()

    def import_people(self) -> None:
        wizard = ImportWizard(self.db, self.user, self.worker, self)
        if wizard.exec() and wizard.report is not None:
            self.refresh()
            report = wizard.report
            text = IMPORTED.format(lines="\n".join(report.lines()))
            if not report.person_ids:
                QMessageBox.information(self, self.title, text)
                return
            # The usual next step: enrol the people the municipality's letter sent.
            answer = QMessageBox.question(self, self.title, f"{text}\n\n{ENROL_IMPORTED}")
            if answer == QMessageBox.StandardButton.Yes:
                EnrolDialog(self.db, self.user, report.person_ids, self).exec()
                self.refresh()

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            QMessageBox.information(self, self.title, PICK_TWO)
            return
        with self.db.session() as session:
            people = [registry.get_person(session, pid) for pid in ids]
            names = [f"{p.full_name} — {p.national_code}" for p in people]
        keep, ok = QInputDialog.getItem(self, MERGE, MERGE_KEEP, names, 0, False)
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, MERGE, MERGE_REASON)
        if not ok:
            return
        keep_id = ids[names.index(keep)]
        remove_id = ids[1 - names.index(keep)]
        try:
            with acting(self.db, self.user) as session:
                result = duplicates.merge_people(session, keep_id, remove_id, reason)
        except (ValueError, PermissionDenied, LookupError) as error:
            QMessageBox.warning(self, NOT_DONE, str(error))
            return
        self.refresh()
        self.select_person(keep_id)
        QMessageBox.information(self, MERGE, MERGED.format(count=result.moved_enrolments))

    def show_org_units(self) -> None:
        dialog = OrgUnitsDialog(self.db, self.user, self)
        dialog.exec()
        if dialog.changed:
            self.county_combo.blockSignals(True)
            self.county_combo.clear()
            self._fill_org_filters()
            self.county_combo.blockSignals(False)

    def export_registry(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, EXPORT, "people.xlsx", EXCEL_FILTER)
        if not name:
            return
        path = Path(name)

        def op(db: Database, task: Task) -> Path:
            with db.session() as session:
                return roster_export.export_registry(session, path, task.report)

        def done(saved: Path) -> None:
            QMessageBox.information(self, EXPORT, SAVED.format(path=ltr(saved)))

        run_with_progress(self.worker, self, EXPORT, op, done)

    def save_template(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, TEMPLATE, "people-template.xlsx", EXCEL_FILTER)
        if name:
            write_template(Path(name))
