"""Stage 4, delivery: running and finished offerings with sessions held and attendance."""

from __future__ import annotations

from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab


class DeliveryTab(BaseTab):
    spec = listings.DELIVERY
    title = strings.TAB_DELIVERY
