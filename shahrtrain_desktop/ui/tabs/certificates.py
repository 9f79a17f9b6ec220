"""Stage 6, certificates: the queue by status, from candidate to issued, with bulk actions.

The action row shows what the signed-in role may do (services refuse the rest regardless):
the officer adds passers as candidates, reviews, issues and prints; the approver approves or
sends back with a reason; the admin also revokes and opens corrections. Anyone can verify.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import func
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Certificate
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus, Role
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import certificate_workflow as workflow
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.certificate_workflow import BulkOutcome
from shahrtrain_desktop.services.keys import OfficeKeyError
from shahrtrain_desktop.services.locking import ConcurrentEditError, reporting_conflicts
from shahrtrain_desktop.services.permissions import Permission, PermissionDenied, allowed
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import NO_ACTOR, BaseTab
from shahrtrain_desktop.ui.certificates import print_flow, texts
from shahrtrain_desktop.ui.certificates.reason_dialog import ask_reason
from shahrtrain_desktop.ui.certificates.template_dialog import TemplateDialog
from shahrtrain_desktop.ui.certificates.verify_dialog import VerifyDialog
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.worker import run_with_progress

# The shared listing plus why a certificate came back or was revoked.
QUEUE = dataclasses.replace(
    listings.CERTIFICATES,
    columns=(
        *listings.CERTIFICATES.columns,
        listings.Column(
            "note",
            texts.NOTE_COLUMN,
            func.coalesce(Certificate.rejection_reason, Certificate.revoke_reason),
            width=30,
        ),
    ),
)
EXPECTED = (workflow.WorkflowError, PermissionDenied, OfficeKeyError, ConcurrentEditError)


class CertificatesTab(BaseTab):
    spec = QUEUE
    title = strings.TAB_CERTIFICATES

    def __init__(self, db: Database, user: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(db, user, parent)

    def build_header(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        role = self.user.role if self.user else None
        actions: list[tuple[str, str, Permission | None, Callable[[], None]]] = [
            ("candidates", texts.CREATE_CANDIDATES, Permission.REVIEW_CERTIFICATES,
             self.add_candidates),
            ("review", texts.REVIEW, Permission.REVIEW_CERTIFICATES, self.review_selected),
            ("approve", texts.APPROVE, Permission.APPROVE_CERTIFICATES, self.approve_selected),
            ("reject", texts.REJECT, Permission.APPROVE_CERTIFICATES, self.reject_selected),
            ("issue", texts.ISSUE, Permission.ISSUE_CERTIFICATES, self.issue_selected),
            ("print", texts.PRINT, Permission.PRINT_CERTIFICATES, self.print_batch),
            ("revoke", texts.REVOKE, Permission.REVOKE_CERTIFICATES, self.revoke_selected),
            ("correct", texts.CORRECT, Permission.REVOKE_CERTIFICATES, self.correct_selected),
            ("verify", texts.VERIFY, None, self.verify),
            ("template", texts.TEMPLATE, Permission.MANAGE_SETTINGS, self.edit_template),
        ]  # fmt: skip
        for key, title, permission, slot in actions:
            if permission is not None and (role is None or not allowed(role, permission)):
                continue
            button = QPushButton(title, self)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.action_buttons[key] = button
        row.addStretch(1)
        layout.addLayout(row)

    def build_filters(self) -> None:
        self.add_search(strings.SEARCH_HOLDER)
        super().build_filters()
        if self.user is not None and self.user.role == Role.APPROVER:
            # An approver's queue is what waits for approval.
            self.choice_combos["status"].set_value(CertificateStatus.REVIEWED)

    # -- helpers -------------------------------------------------------------------------

    def _selection(self) -> list[int] | None:
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, texts.DONE_TITLE, texts.SELECT_FIRST)
            return None
        return ids

    def _act(self, work: Callable[[Session], Any]) -> Any:
        """Run a quick action in one transaction; expected refusals become a message."""
        try:
            with reporting_conflicts(), self.session() as session:
                result = work(session)
        except EXPECTED as error:
            QMessageBox.warning(self, texts.DONE_TITLE, str(error))
            return None
        self.refresh()
        return result

    def _bulk(self, work: Callable[[Session, list[int]], BulkOutcome], verb: str) -> None:
        ids = self._selection()
        if ids is None:
            return
        outcome = self._act(lambda s: work(s, ids))
        if outcome is not None:
            QMessageBox.information(self, texts.DONE_TITLE, outcome.summary(verb))

    # -- actions -------------------------------------------------------------------------

    def add_candidates(self) -> None:
        count = self._act(workflow.create_candidates)
        if count is not None:
            message = texts.CANDIDATES_MADE.format(count=to_persian_digits(count))
            QMessageBox.information(self, texts.DONE_TITLE, message)

    def review_selected(self) -> None:
        self._bulk(workflow.review, texts.REVIEWED)

    def approve_selected(self) -> None:
        self._bulk(workflow.approve, texts.APPROVED)

    def reject_selected(self) -> None:
        ids = self._selection()
        if ids is None:
            return
        reason = ask_reason(self, texts.REASON_TITLE_REJECT, texts.REASON_PROMPT_REJECT)
        if reason is None:
            return
        outcome = self._act(lambda s: workflow.reject(s, ids, reason))
        if outcome is not None:
            QMessageBox.information(self, texts.DONE_TITLE, outcome.summary(texts.REJECTED))

    def issue_selected(self) -> None:
        ids = self._selection()
        if ids is None:
            return
        actor = self.user.actor if self.user else NO_ACTOR

        def op(db: Database, task: Task) -> BulkOutcome:
            task.report(texts.ISSUE)
            return workflow.in_write_transaction(db, actor, lambda s: workflow.issue(s, ids))

        def done(outcome: BulkOutcome) -> None:
            self.refresh()
            QMessageBox.information(self, texts.DONE_TITLE, outcome.summary(texts.ISSUED))

        run_with_progress(self.worker, self, texts.DONE_TITLE, op, on_done=done)

    def _one_selected(self) -> int | None:
        ids = self.selected_ids()  # the selection, else the current row
        if len(ids) > 1:
            QMessageBox.information(self, texts.DONE_TITLE, texts.SELECT_ONE)
            return None
        return ids[0] if ids else self.current_id(texts.SELECT_FIRST)

    def revoke_selected(self) -> None:
        cert_id = self._one_selected()
        if cert_id is None:
            return
        reason = ask_reason(self, texts.REASON_TITLE_REVOKE, texts.REASON_PROMPT_REVOKE)
        if reason is None:
            return

        def revoke(session: Session) -> bool:
            workflow.revoke(session, cert_id, reason)
            return True

        if self._act(revoke):
            QMessageBox.information(self, texts.DONE_TITLE, texts.REVOKED)

    def correct_selected(self) -> None:
        cert_id = self._one_selected()
        if cert_id is None:
            return
        reason = ask_reason(self, texts.REASON_TITLE_CORRECT, texts.REASON_PROMPT_CORRECT)
        if reason is None:
            return
        if self._act(lambda s: workflow.start_correction(s, cert_id, reason)) is not None:
            QMessageBox.information(self, texts.DONE_TITLE, texts.CORRECTION_OPENED)

    def print_batch(self) -> None:
        actor = self.user.actor if self.user else NO_ACTOR
        print_flow.start_print(self, self.worker, actor, self.selected_ids(), self.refresh)

    def verify(self) -> None:
        VerifyDialog(self.db, self).exec()

    def edit_template(self) -> None:
        actor = self.user.actor if self.user else NO_ACTOR
        TemplateDialog(self.db, actor, self).exec()
