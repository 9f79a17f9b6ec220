"""Counties, municipalities (with grade) and city councils: the list, and adding to it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OrgUnitKind
from shahrtrain_desktop.persian import InvalidField, to_persian_digits
from shahrtrain_desktop.services import organisations
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.date_edit import persian_locale
from shahrtrain_desktop.ui.planning.common import acting

TITLE = "واحدهای سازمانی"
HEADERS = ("نام", "نوع", "شهرستان", "شهر", "درجه")
KIND, NAME, COUNTY, CITY, GRADE = "نوع:", "نام:", "شهرستان:", "شهر:", "درجهٔ شهرداری:"
NEW_COUNTY = "شهرستان تازه…"
NEW_COUNTY_PROMPT = "نام شهرستان:"
ADD = "افزودن"
CLOSE = "بستن"
ADDED = "«{name}» افزوده شد."
ERROR_STYLE = "color: #b00020;"
KINDS = (OrgUnitKind.MUNICIPALITY, OrgUnitKind.CITY_COUNCIL, OrgUnitKind.OTHER)


class OrgUnitsDialog(QDialog):
    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.changed = False
        self.setWindowTitle(TITLE)
        self.resize(820, 600)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(label(kind), kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.name = QLineEdit()
        self.county = QComboBox()
        new_county = QPushButton(NEW_COUNTY)
        new_county.setAutoDefault(False)
        new_county.clicked.connect(self.add_county)
        county_row = QHBoxLayout()
        county_row.addWidget(self.county, 1)
        county_row.addWidget(new_county)
        self.city = QLineEdit()
        self.grade = QSpinBox()
        self.grade.setRange(organisations.MIN_GRADE, organisations.MAX_GRADE)
        self.grade.setLocale(persian_locale())  # Persian digits
        form = QFormLayout()
        form.addRow(KIND, self.kind)
        form.addRow(NAME, self.name)
        form.addRow(COUNTY, county_row)
        form.addRow(CITY, self.city)
        form.addRow(GRADE, self.grade)
        self.message = QLabel()
        self.message.setWordWrap(True)
        add = QPushButton(ADD)
        add.setDefault(True)
        add.clicked.connect(self.add_unit)
        close = QPushButton(CLOSE)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(add)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        with self.db.session() as session:
            counties = organisations.counties(session)
            units = organisations.org_unit_choices(session)
        current = self.county.currentData()
        self.county.clear()
        for county_id, name in counties:
            self.county.addItem(name, county_id)
        self.county.setCurrentIndex(max(self.county.findData(current), 0))
        self.table.setRowCount(len(units))
        for row, unit in enumerate(units):
            grade = to_persian_digits(unit.grade)
            values = (unit.name, label(unit.kind), unit.county, unit.city, grade)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _kind_changed(self) -> None:
        self.grade.setEnabled(self.kind.currentData() == OrgUnitKind.MUNICIPALITY)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def add_county(self) -> None:
        name, ok = QInputDialog.getText(self, NEW_COUNTY, NEW_COUNTY_PROMPT)
        if not ok:
            return
        try:
            with acting(self.db, self.user) as session:
                county = organisations.create_county(session, name)
                county_id, county_name = county.id, county.name
        except (InvalidField, PermissionDenied) as error:
            self._say(str(error), error=True)
            return
        self.changed = True
        self.reload()
        self.county.setCurrentIndex(max(self.county.findData(county_id), 0))
        self._say(ADDED.format(name=county_name))

    def add_unit(self) -> None:
        kind = self.kind.currentData()
        grade = self.grade.value() if kind == OrgUnitKind.MUNICIPALITY else None
        try:
            with acting(self.db, self.user) as session:
                unit = organisations.create_org_unit(
                    session,
                    kind,
                    self.name.text(),
                    self.county.currentData(),
                    self.city.text(),
                    grade,
                )
                name = unit.name
        except (InvalidField, PermissionDenied) as error:
            self._say(str(error), error=True)
            return
        self.changed = True
        self.name.clear()
        self.reload()
        self._say(ADDED.format(name=name))
