"""The office profile form (province, office name and code, logo, two signatories), shared by
the first-run wizard and the office settings dialog, and how its values are checked and saved."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.persian import InvalidField, normalize_text, to_persian_digits
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.trust import texts

OFFICE_CODE_PATTERN = re.compile(r"^[A-Z0-9]{2,10}$")
SIGNATORY_COUNT = 2


def _label_text(caption: str) -> str:
    return caption.rstrip(":").rstrip("：")


class FileField(QWidget):
    """A chosen image file: its name, «انتخاب…» and «پاک کردن»."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self._path = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = QLabel(texts.NO_FILE, self)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        browse = QPushButton(texts.BROWSE, self)
        browse.clicked.connect(self.browse)
        clear = QPushButton(texts.CLEAR, self)
        clear.clicked.connect(lambda: self.set_path(""))
        layout.addWidget(self.name, 1)
        layout.addWidget(browse)
        layout.addWidget(clear)

    def path(self) -> str:
        return self._path

    def set_path(self, path: str) -> None:
        self._path = path or ""
        # A path reads left to right; isolate it so «/» and «.» stay in place.
        self.name.setText(ltr(Path(self._path).name) if self._path else texts.NO_FILE)
        self.name.setToolTip(self._path)

    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, _label_text(self.caption), self._path, texts.IMAGE_FILTER
        )
        if chosen:
            self.set_path(chosen)


class OfficeForm(QWidget):
    """Province, office name and code, logo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.province = QLineEdit(self)
        self.office_name = QLineEdit(self)
        self.office_code = QLineEdit(self)
        self.office_code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.office_code.setMaxLength(10)
        self.logo = FileField(texts.LOGO, self)
        form = QFormLayout(self)
        form.addRow(texts.PROVINCE, self.province)
        form.addRow(texts.OFFICE_NAME, self.office_name)
        form.addRow(texts.OFFICE_CODE, self.office_code)
        form.addRow(texts.LOGO, self.logo)

    def load(self, values: dict[str, Any]) -> None:
        self.province.setText(values[settings.OFFICE_PROVINCE] or "")
        self.office_name.setText(values[settings.OFFICE_NAME] or "")
        self.office_code.setText(values[settings.OFFICE_CODE] or "")
        self.logo.set_path(values[settings.OFFICE_LOGO] or "")

    def values(self) -> dict[str, Any]:
        """Checked and normalised; raises ``InvalidField`` naming the field."""
        province = _required("province", texts.PROVINCE, self.province.text())
        name = _required("office_name", texts.OFFICE_NAME, self.office_name.text())
        code = normalize_text(self.office_code.text()).upper()
        code = code.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2))
        if not OFFICE_CODE_PATTERN.match(code):
            raise InvalidField("office_code", texts.OFFICE_CODE_INVALID)
        return {
            settings.OFFICE_PROVINCE: province,
            settings.OFFICE_NAME: name,
            settings.OFFICE_CODE: code,
            settings.OFFICE_LOGO: _existing_file("logo", texts.LOGO, self.logo.path()),
        }


class SignatoriesForm(QWidget):
    """Name, title and signature image of each of the two signatories."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.names: list[QLineEdit] = []
        self.titles: list[QLineEdit] = []
        self.images: list[FileField] = []
        for index in range(SIGNATORY_COUNT):
            box = QGroupBox(texts.SIGNATORY.format(number=to_persian_digits(index + 1)), self)
            form = QFormLayout(box)
            name, title = QLineEdit(box), QLineEdit(box)
            image = FileField(texts.SIGNATURE_IMAGE, box)
            form.addRow(texts.SIGNATORY_NAME, name)
            form.addRow(texts.SIGNATORY_TITLE, title)
            form.addRow(texts.SIGNATURE_IMAGE, image)
            self.names.append(name)
            self.titles.append(title)
            self.images.append(image)
            layout.addWidget(box)
        layout.addStretch(1)

    def load(self, values: dict[str, Any]) -> None:
        signatories = list(values[settings.SIGNATORIES] or [])
        signatories += [{}] * (SIGNATORY_COUNT - len(signatories))
        for index, signatory in enumerate(signatories[:SIGNATORY_COUNT]):
            self.names[index].setText(signatory.get("name", ""))
            self.titles[index].setText(signatory.get("title", ""))
            self.images[index].set_path(signatory.get("signature_path", ""))

    def values(self) -> dict[str, Any]:
        signatories = []
        for index in range(SIGNATORY_COUNT):
            number = to_persian_digits(index + 1)
            caption = f"{texts.SIGNATORY.format(number=number)} — "
            signatories.append(
                {
                    "name": _required(
                        f"signatory{index}_name",
                        caption + texts.SIGNATORY_NAME,
                        self.names[index].text(),
                    ),
                    "title": _required(
                        f"signatory{index}_title",
                        caption + texts.SIGNATORY_TITLE,
                        self.titles[index].text(),
                    ),
                    "signature_path": _existing_file(
                        f"signatory{index}_image",
                        caption + texts.SIGNATURE_IMAGE,
                        self.images[index].path(),
                    ),
                }
            )
        return {settings.SIGNATORIES: signatories}


def _required(field: str, caption: str, raw: str) -> str:
    value = normalize_text(raw)
    if not value:
        raise InvalidField(field, texts.FIELD_REQUIRED.format(field=_label_text(caption)))
    return value


def _existing_file(field: str, caption: str, path: str) -> str:
    if path and not Path(path).is_file():
        raise InvalidField(
            field, texts.FILE_MISSING.format(field=_label_text(caption), path=ltr(path))
        )
    return path
