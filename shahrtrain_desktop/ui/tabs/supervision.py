"""Stage 7, supervision and monitoring: the year's headline figures and supervision visits."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shahrtrain_desktop.persian import TEHRAN, jalali_year_of, to_persian_digits
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab


class HeadlineStrip(QFrame):
    """Four figures side by side: person-hours, trainees, offerings held, certificates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headline")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("headlineTitle")
        layout.addWidget(self.title)
        self.values: list[QLabel] = []
        self.names: list[QLabel] = []
        for name in listings.HEADLINE_LABELS:
            card = QFrame(self)
            card.setObjectName("headlineCard")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(card)
            value = QLabel("—", card)
            value.setObjectName("headlineValue")
            caption = QLabel(name, card)
            for label in (value, caption):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                box.addWidget(label)
            self.values.append(value)
            self.names.append(caption)
            layout.addWidget(card, 1)

    def show_headline(self, headline: listings.Headline) -> None:
        self.title.setText(strings.HEADLINE_TITLE.format(year=to_persian_digits(headline.year)))
        for label, (_name, text) in zip(self.values, headline.items(), strict=True):
            label.setText(text)


class SupervisionTab(BaseTab):
    spec = listings.SUPERVISION
    title = strings.TAB_SUPERVISION

    def build_header(self, layout: QVBoxLayout) -> None:
        self.headline = HeadlineStrip(self)
        layout.addWidget(self.headline)

    def refresh(self) -> None:
        super().refresh()
        if self.populated:
            year = jalali_year_of(datetime.now(TEHRAN).date())
            with self.db.engine.connect() as conn:
                self.headline.show_headline(listings.headline(conn, year))
