"""Stage 2, registration: the people registry, searched as you type."""

from __future__ import annotations

from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab


class PeopleTab(BaseTab):
    spec = listings.PEOPLE
    title = strings.TAB_PEOPLE

    def build_filters(self) -> None:
        self.add_search(strings.SEARCH_PEOPLE)
        self.add_choice("category")
