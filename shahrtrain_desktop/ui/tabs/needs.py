"""Stage 1, needs assessment: the needs recorded from notices, requests and surveys."""

from __future__ import annotations

from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab


class NeedsTab(BaseTab):
    spec = listings.NEEDS
    title = strings.TAB_NEEDS
