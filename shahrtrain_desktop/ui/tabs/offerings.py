"""Stage 3, design and planning: the offerings of the catalogue's courses."""

from __future__ import annotations

from datetime import datetime

from shahrtrain_desktop.persian import TEHRAN, jalali_year_of, jalali_year_range
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab


class OfferingsTab(BaseTab):
    spec = listings.OFFERINGS
    title = strings.TAB_OFFERINGS

    def build_filters(self) -> None:
        super().build_filters()
        today = datetime.now(TEHRAN).date()
        start, _next_year = jalali_year_range(jalali_year_of(today))
        self.add_date_range(start, today)
