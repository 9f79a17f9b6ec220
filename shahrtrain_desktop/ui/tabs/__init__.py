"""One module per stage tab, in stage order.

``TABS`` names each tab without importing it: a tab's module (and what it brings along: PDF,
spreadsheets, dialogs) is imported when the tab is first shown, so the window opens without
them. The tab classes are still importable from here (``from ...ui.tabs import PeopleTab``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

from shahrtrain_desktop.ui import strings

if TYPE_CHECKING:
    from shahrtrain_desktop.ui.base_tab import BaseTab
    from shahrtrain_desktop.ui.tabs.certificates import CertificatesTab
    from shahrtrain_desktop.ui.tabs.delivery import DeliveryTab
    from shahrtrain_desktop.ui.tabs.needs import NeedsTab
    from shahrtrain_desktop.ui.tabs.offerings import OfferingsTab
    from shahrtrain_desktop.ui.tabs.outcomes import OutcomesTab
    from shahrtrain_desktop.ui.tabs.people import PeopleTab
    from shahrtrain_desktop.ui.tabs.supervision import SupervisionTab

    TAB_CLASSES: tuple[type[BaseTab], ...]


class TabEntry(NamedTuple):
    module: str
    class_name: str
    title: str

    @property
    def module_name(self) -> str:
        return f"{__name__}.{self.module}"

    def load(self) -> type[BaseTab]:
        return getattr(import_module(self.module_name), self.class_name)  # type: ignore[no-any-return]


TABS: tuple[TabEntry, ...] = (
    TabEntry("needs", "NeedsTab", strings.TAB_NEEDS),
    TabEntry("people", "PeopleTab", strings.TAB_PEOPLE),
    TabEntry("offerings", "OfferingsTab", strings.TAB_OFFERINGS),
    TabEntry("delivery", "DeliveryTab", strings.TAB_DELIVERY),
    TabEntry("outcomes", "OutcomesTab", strings.TAB_OUTCOMES),
    TabEntry("certificates", "CertificatesTab", strings.TAB_CERTIFICATES),
    TabEntry("supervision", "SupervisionTab", strings.TAB_SUPERVISION),
)


def __getattr__(name: str) -> Any:
    if name == "TAB_CLASSES":
        return tuple(entry.load() for entry in TABS)
    for entry in TABS:
        if entry.class_name == name:
            return entry.load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "TABS",
    "TAB_CLASSES",
    "CertificatesTab",
    "DeliveryTab",
    "NeedsTab",
    "OfferingsTab",
    "OutcomesTab",
    "PeopleTab",
    "SupervisionTab",
    "TabEntry",
]
