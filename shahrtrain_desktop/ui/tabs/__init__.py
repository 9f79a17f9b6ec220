"""One module per stage tab, in stage order."""

from __future__ import annotations

from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.tabs.certificates import CertificatesTab
from shahrtrain_desktop.ui.tabs.delivery import DeliveryTab
from shahrtrain_desktop.ui.tabs.needs import NeedsTab
from shahrtrain_desktop.ui.tabs.offerings import OfferingsTab
from shahrtrain_desktop.ui.tabs.outcomes import OutcomesTab
from shahrtrain_desktop.ui.tabs.people import PeopleTab
from shahrtrain_desktop.ui.tabs.supervision import SupervisionTab

TAB_CLASSES: tuple[type[BaseTab], ...] = (
    NeedsTab,
    PeopleTab,
    OfferingsTab,
    DeliveryTab,
    OutcomesTab,
    CertificatesTab,
    SupervisionTab,
)

__all__ = [
    "TAB_CLASSES",
    "CertificatesTab",
    "DeliveryTab",
    "NeedsTab",
    "OfferingsTab",
    "OutcomesTab",
    "PeopleTab",
    "SupervisionTab",
]
