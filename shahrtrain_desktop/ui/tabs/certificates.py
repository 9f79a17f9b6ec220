"""Stage 6, certificates: the queue by status, from candidate to issued."""

from __future__ import annotations

from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab


class CertificatesTab(BaseTab):
    spec = listings.CERTIFICATES
    title = strings.TAB_CERTIFICATES

    def build_filters(self) -> None:
        self.add_search(strings.SEARCH_HOLDER)
        super().build_filters()
