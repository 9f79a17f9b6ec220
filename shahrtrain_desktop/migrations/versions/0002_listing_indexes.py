"""Indexes for the big listings: the registry's default order, enrolments by offering

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_person_name_order", "person", ["last_name", "first_name", "id", "search_key"]
    )
    op.create_index("ix_enrolment_offering_status", "enrolment", ["offering_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_enrolment_offering_status", table_name="enrolment")
    op.drop_index("ix_person_name_order", table_name="person")
