"""Add or edit a person: each invalid field gets its Persian message beside it, and saving is
refused until all are valid. An existing national code offers to open that person; a similar
name with the same father's name is shown as a possible duplicate before saving."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import Education, Gender, PersonCategory
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import duplicates, organisations, registry
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.locking import ConcurrentEditError
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.services.registry import FIELD_LABELS, PersonInput, PersonInvalid
from shahrtrain_desktop.ui.date_edit import JalaliDateEdit
from shahrtrain_desktop.ui.planning.common import acting

TITLE_NEW = "فرد تازه"
TITLE_EDIT = "ویرایش اطلاعات فرد"
NONE = "—"
BIRTH_KNOWN = "معلوم است"
FIX_FIELDS = "خانه‌هایی را که با رنگ قرمز مشخص شده‌اند درست کنید."
CODE_TAKEN_QUESTION = "{message}\nپروندهٔ او باز شود؟"
DUPLICATE_TITLE = "شاید تکراری باشد"
DUPLICATE_QUESTION = (
    "این افراد نام مشابه و نام پدر یکسان دارند؛ شاید همین فرد پیش‌تر با کد ملی دیگری ثبت "
    "شده است:\n{people}\n\nباز هم ذخیره شود؟"
)
NOT_SAVED = "ذخیره نشد"
ERROR_STYLE = "color: #b00020;"
INVALID_STYLE = "border: 1px solid #b00020;"
DEFAULT_BIRTH = date(1985, 3, 21)


class PersonDialog(QDialog):
    """``open_person`` is emitted with the id of the person who already has the typed code."""

    open_person = Signal(int)

    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user, self.person_id = db, user, person_id
        self.saved_id: int | None = None
        self.version: int | None = None
        self.setWindowTitle(TITLE_EDIT if person_id else TITLE_NEW)
        self.setMinimumWidth(560)
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.national_code = QLineEdit()
        self.national_code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.national_code.setMaxLength(20)
        self.national_code.setPlaceholderText("۰۰۱۲۳۴۵۶۷۹")
        self.first_name, self.last_name, self.father_name = QLineEdit(), QLineEdit(), QLineEdit()
        self.gender = self._enum_combo(Gender, none=True)
        self.birth_known = QCheckBox(BIRTH_KNOWN)
        self.birth_date = JalaliDateEdit(DEFAULT_BIRTH)
        self.birth_known.toggled.connect(self.birth_date.setEnabled)
        self.birth_known.setChecked(False)
        self.birth_date.setEnabled(False)
        birth = QWidget()
        birth_row = QHBoxLayout(birth)
        birth_row.setContentsMargins(0, 0, 0, 0)
        birth_row.addWidget(self.birth_known)
        birth_row.addWidget(self.birth_date, 1)
        self.mobile = QLineEdit()
        self.mobile.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.mobile.setPlaceholderText("۰۹۱۲۳۴۵۶۷۸۹")
        self.education = self._enum_combo(Education, none=True)
        self.post = QLineEdit()
        self.category = self._enum_combo(PersonCategory, none=False)
        self._select(self.category, PersonCategory.STAFF)  # most people registered are staff
        self.org_unit = QComboBox()
        self.org_unit.setEditable(True)
        self.org_unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.org_unit.addItem(NONE, None)
        with self.db.session() as session:
            for unit in organisations.org_unit_choices(session):
                self.org_unit.addItem(unit.display, unit.id)

        fields: list[tuple[str, QWidget, QWidget]] = [
            ("national_code", self.national_code, self.national_code),
            ("first_name", self.first_name, self.first_name),
            ("last_name", self.last_name, self.last_name),
            ("father_name", self.father_name, self.father_name),
            ("gender", self.gender, self.gender),
            ("birth_date", birth, self.birth_date),
            ("mobile", self.mobile, self.mobile),
            ("education", self.education, self.education),
            ("post", self.post, self.post),
            ("category", self.category, self.category),
            ("org_unit", self.org_unit, self.org_unit),
        ]
        for key, widget, focus in fields:
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(FIELD_LABELS[key], cell)
            self.inputs[key], self.errors[key] = focus, error

        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        if person_id is not None:
            self._load(person_id)
        self.national_code.setFocus()

    @staticmethod
    def _enum_combo(enum_cls: type[StrEnum], none: bool) -> QComboBox:
        combo = QComboBox()
        if none:
            combo.addItem(NONE, None)
        for member in enum_cls:
            combo.addItem(label(member), member)
        return combo

    def _select(self, combo: QComboBox, value: object) -> None:
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def _load(self, person_id: int) -> None:
        with self.db.session() as session:
            person = registry.get_person(session, person_id)
            self.version = person.version
            self.national_code.setText(to_persian_digits(person.national_code))
            self.first_name.setText(person.first_name)
            self.last_name.setText(person.last_name)
            self.father_name.setText(person.father_name or "")
            self._select(self.gender, person.gender)
            if person.birth_date is not None:
                self.birth_known.setChecked(True)
                self.birth_date.set_value(person.birth_date)
            self.mobile.setText(to_persian_digits(person.mobile or ""))
            self._select(self.education, person.education)
            self.post.setText(person.post or "")
            self._select(self.category, person.category)
            self._select(self.org_unit, person.org_unit_id)

    def person_input(self) -> PersonInput:
        return PersonInput(
            national_code=self.national_code.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            father_name=self.father_name.text(),
            gender=self.gender.currentData(),
            birth_date=self.birth_date.value() if self.birth_known.isChecked() else None,
            mobile=self.mobile.text(),
            education=self.education.currentData(),
            post=self.post.text(),
            category=self.category.currentData(),
            org_unit_id=self.org_unit.currentData(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        first: QWidget | None = None
        for key, label_widget in self.errors.items():
            message = errors.get(key, "")
            label_widget.setText(message)
            label_widget.setVisible(bool(message))
            self.inputs[key].setStyleSheet(INVALID_STYLE if message else "")
            if message and first is None:
                first = self.inputs[key]
        self.summary.setText(FIX_FIELDS if errors else "")
        self.summary.setVisible(bool(errors))
        if first is not None:
            first.setFocus()

    def save(self) -> None:
        data = self.person_input()
        try:
            valid = registry.validate_person(data)
        except PersonInvalid as invalid:
            self.show_errors(invalid.by_field())
            return
        self.show_errors({})
        if not self._confirm_not_duplicate(valid):
            return
        try:
            with acting(self.db, self.user) as session:
                if self.person_id is None:
                    person = registry.create_person(session, valid)
                else:
                    person = registry.update_person(session, self.person_id, valid, self.version)
                self.saved_id = person.id
        except registry.NationalCodeTaken as taken:
            self.show_errors({"national_code": taken.message})
            question = CODE_TAKEN_QUESTION.format(message=taken.message)
            answer = QMessageBox.question(self, TITLE_NEW, question)
            if answer == QMessageBox.StandardButton.Yes:
                self.open_person.emit(taken.existing_id)
                self.reject()
            return
        except PersonInvalid as invalid:
            self.show_errors(invalid.by_field())
            return
        except (PermissionDenied, ConcurrentEditError, LookupError) as error:
            QMessageBox.warning(self, NOT_SAVED, str(error))
            return
        self.accept()

    def _confirm_not_duplicate(self, valid: registry.PersonData) -> bool:
        with self.db.session() as session:
            similar = duplicates.possible_duplicates(
                session, valid.first_name, valid.last_name, valid.father_name, self.person_id
            )
        similar = [p for p in similar if p.national_code != valid.national_code]
        if not similar:
            return True
        people = "\n".join(
            f"• {p.full_name} (کد ملی {to_persian_digits(p.national_code)})" for p in similar[:5]
        )
        answer = QMessageBox.question(
            self, DUPLICATE_TITLE, DUPLICATE_QUESTION.format(people=people)
        )
        return answer == QMessageBox.StandardButton.Yes
