"""A combo box of offerings to act on (the outcomes panel's, the start dialog's).

The outcomes panel picks from every running, finished and closed offering: about 2,600 at
scale. A combo box that fits its width to its contents measures every item's text when it is
first shown; this one is as wide as a fixed number of characters (it stretches in its row
anyway), and its open list lays out rows of one height without measuring each.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QListView, QWidget

MINIMUM_CHARACTERS = 30


class OfferingPicker(QComboBox):
    """Items: the offering's text, with its id as the item's data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(MINIMUM_CHARACTERS)
        view = self.view()
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        """Offer these (id, text) offerings, the first chosen, without signalling a pick."""
        self.blockSignals(True)
        self.clear()
        for offering_id, text in choices:
            self.addItem(text, offering_id)
        self.blockSignals(False)

    def choose(self, offering_id: int | None) -> None:
        """Show this offering as chosen (none if it is not offered), without signalling a pick."""
        self.blockSignals(True)
        self.setCurrentIndex(self.findData(offering_id))
        self.blockSignals(False)
