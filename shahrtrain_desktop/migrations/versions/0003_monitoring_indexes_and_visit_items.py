"""Covering indexes for the monitoring figures; visits keep the checklist items they were scored on

Revision ID: 0003
Revises: 0002

- ``ix_enrolment_offering_trainee``: the columns every per-trainee figure reads (offering,
  status, person, attended hours, result), so the dashboard and the supervision tab's headline
  read a year's enrolments from the index without touching the enrolment table. (The listings
  keep ``ix_enrolment_offering_status``, whose rows are in id order within an offering.)
- ``ix_certificate_status_issue_date``: certificates issued in a period are counted from the
  index alone (the certificate table is the largest in the file; reading it made the supervision
  tab's headline slow on a cold start).
- ``ix_evaluation_answer_enrolment_value``: the period's satisfaction is averaged from the index.
- ``visit_checklist_score.item_text`` / ``item_weight``: the text and weight the item had when
  the visit was scored, so editing the office's checklist later does not rewrite past visits.
  Filled here for existing scores from the items as they are now.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


ENROLMENT_COVER = ["offering_id", "status", "person_id", "attended_hours", "result"]


def upgrade() -> None:
    op.create_index("ix_enrolment_offering_trainee", "enrolment", ENROLMENT_COVER)
    op.create_index(
        "ix_certificate_status_issue_date", "certificate", ["status", "issue_date", "year"]
    )
    op.create_index(
        "ix_evaluation_answer_enrolment_value", "evaluation_answer", ["enrolment_id", "value"]
    )
    op.add_column("visit_checklist_score", sa.Column("item_text", sa.String(300)))
    op.add_column("visit_checklist_score", sa.Column("item_weight", sa.Float()))
    op.execute(
        "UPDATE visit_checklist_score SET"
        " item_text = (SELECT text FROM checklist_item"
        " WHERE checklist_item.id = visit_checklist_score.item_id),"
        " item_weight = (SELECT weight FROM checklist_item"
        " WHERE checklist_item.id = visit_checklist_score.item_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("visit_checklist_score") as batch:
        batch.drop_column("item_weight")
        batch.drop_column("item_text")
    op.drop_index("ix_evaluation_answer_enrolment_value", table_name="evaluation_answer")
    op.drop_index("ix_certificate_status_issue_date", table_name="certificate")
    op.drop_index("ix_enrolment_offering_trainee", table_name="enrolment")
