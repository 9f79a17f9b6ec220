"""Stage 5, outcomes: every trainee's scores and result in finished offerings (the listing);
below, the outcomes of one offering — scores typed in place, the questionnaire, follow-ups,
the override and the outcome report."""

from __future__ import annotations

from shahrtrain_desktop.models import Enrolment
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.offering_panel import OfferingStageTab
from shahrtrain_desktop.ui.outcomes.panel import OutcomesPanel


class OutcomesTab(OfferingStageTab):
    spec = listings.OUTCOMES
    title = strings.TAB_OUTCOMES
    panel: OutcomesPanel

    def make_panel(self) -> OutcomesPanel:
        return OutcomesPanel(self.db, self.user, self)

    def build_filters(self) -> None:
        self.add_search(strings.SEARCH_TRAINEE)
        super().build_filters()

    def populate(self) -> None:
        super().populate()
        self.panel.reload_offerings()

    def offering_of_row(self, row_id: int) -> int | None:
        """The listing's rows are enrolments."""
        with self.db.session() as session:
            enrolment = session.get(Enrolment, row_id)
            return enrolment.offering_id if enrolment else None
