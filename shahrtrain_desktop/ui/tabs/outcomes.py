"""Stage 5, outcomes: scores, attended hours and results of finished offerings."""

from __future__ import annotations

from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab


class OutcomesTab(BaseTab):
    spec = listings.OUTCOMES
    title = strings.TAB_OUTCOMES

    def build_filters(self) -> None:
        self.add_search(strings.SEARCH_TRAINEE)
        super().build_filters()
