"""initial schema for all seven stages

Revision ID: 0001
Revises:
Create Date: 2026-11-25 00:42:52.216016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "app_user",
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=160), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "officer",
                "approver",
                "supervisor",
                name="role",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "checklist_item",
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_item")),
    )
    op.create_table(
        "county",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county")),
        sa.UniqueConstraint("name", name=op.f("uq_county_name")),
    )
    op.create_table(
        "course_category",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_category")),
        sa.UniqueConstraint("name", name=op.f("uq_course_category_name")),
    )
    op.create_table(
        "evaluation_item",
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column(
            "target",
            sa.Enum("course", "instructor", name="evaluationtarget", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_item")),
    )
    op.create_table(
        "instructor",
        sa.Column("national_code", sa.String(length=10), nullable=True),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("field", sa.String(length=160), nullable=True),
        sa.Column("qualifications", sa.Text(), nullable=True),
        sa.Column(
            "education",
            sa.Enum(
                "below_diploma",
                "diploma",
                "associate",
                "bachelor",
                "master",
                "doctorate",
                name="education",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("mobile", sa.String(length=11), nullable=True),
        sa.Column("email", sa.String(length=160), nullable=True),
        sa.Column("organisation", sa.String(length=160), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instructor")),
        sa.UniqueConstraint("national_code", name=op.f("uq_instructor_national_code")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "signing_key",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key_pem", sa.Text(), nullable=False),
        sa.Column("encrypted_private_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_signing_key_key_id")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=60), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "insert",
                "update",
                "delete",
                "login",
                "event",
                name="auditaction",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_audit_event_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_entity"), ["entity"], unique=False)

    op.create_table(
        "course",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("theory_hours", sa.Float(), nullable=False),
        sa.Column("practice_hours", sa.Float(), nullable=False),
        sa.Column("syllabus", sa.Text(), nullable=True),
        sa.Column("target_groups", sa.String(length=120), nullable=False),
        sa.Column("min_attendance_pct", sa.Float(), nullable=False),
        sa.Column("min_score", sa.Float(), nullable=False),
        sa.Column("certificate_wording", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["course_category.id"],
            name=op.f("fk_course_category_id_course_category"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
        sa.UniqueConstraint("code", name=op.f("uq_course_code")),
    )
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_category_id"), ["category_id"], unique=False)

    op.create_table(
        "export_record",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["app_user.id"], name=op.f("fk_export_record_created_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_record")),
    )
    op.create_table(
        "org_unit",
        sa.Column(
            "kind",
            sa.Enum(
                "municipality",
                "city_council",
                "governorate",
                "other",
                name="orgunitkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("county_id", sa.Integer(), nullable=True),
        sa.Column("city", sa.String(length=80), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["county_id"],
            ["county.id"],
            name=op.f("fk_org_unit_county_id_county"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_unit")),
    )
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_unit_county_id"), ["county_id"], unique=False)

    op.create_table(
        "venue",
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("county_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["county_id"],
            ["county.id"],
            name=op.f("fk_venue_county_id_county"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venue")),
    )
    op.create_table(
        "course_prerequisite",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("prerequisite_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_course_prerequisite_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["prerequisite_id"],
            ["course.id"],
            name=op.f("fk_course_prerequisite_prerequisite_id_course"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "course_id", "prerequisite_id", name=op.f("pk_course_prerequisite")
        ),
    )
    op.create_table(
        "document",
        sa.Column(
            "kind",
            sa.Enum(
                "notice",
                "municipality_request",
                "resolution",
                "other",
                name="documentkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=160), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=260), nullable=True),
        sa.Column("stored_path", sa.String(length=400), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_document_org_unit_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_org_unit_id"), ["org_unit_id"], unique=False)

    op.create_table(
        "offering",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "in_person", "online", "blended", name="deliverymode", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("venue_id", sa.Integer(), nullable=True),
        sa.Column("county_id", sa.Integer(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("budget_rial", sa.BigInteger(), nullable=False),
        sa.Column(
            "target_group",
            sa.Enum(
                "mayor",
                "council_member",
                "staff",
                "other",
                name="personcategory",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "approved",
                "open",
                "running",
                "finished",
                "closed",
                "cancelled",
                name="offeringstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("executive_resolution_number", sa.String(length=60), nullable=True),
        sa.Column("executive_resolution_date", sa.Date(), nullable=True),
        sa.Column("steering_approved", sa.Boolean(), nullable=False),
        sa.Column("steering_approval_reference", sa.String(length=60), nullable=True),
        sa.Column("steering_approval_date", sa.Date(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["county_id"],
            ["county.id"],
            name=op.f("fk_offering_county_id_county"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_offering_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venue.id"], name=op.f("fk_offering_venue_id_venue"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offering")),
        sa.UniqueConstraint("code", name=op.f("uq_offering_code")),
    )
    with op.batch_alter_table("offering", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offering_course_id"), ["course_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offering_start_date"), ["start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_offering_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_offering_year"), ["year"], unique=False)

    op.create_table(
        "person",
        sa.Column("national_code", sa.String(length=10), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("father_name", sa.String(length=80), nullable=True),
        sa.Column(
            "gender",
            sa.Enum("male", "female", name="gender", native_enum=False, length=24),
            nullable=True,
        ),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("mobile", sa.String(length=11), nullable=True),
        sa.Column(
            "education",
            sa.Enum(
                "below_diploma",
                "diploma",
                "associate",
                "bachelor",
                "master",
                "doctorate",
                name="education",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("post", sa.String(length=120), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "mayor",
                "council_member",
                "staff",
                "other",
                name="personcategory",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("search_key", sa.String(length=400), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_person_org_unit_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("national_code", name=op.f("uq_person_national_code")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_mobile"), ["mobile"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_org_unit_id"), ["org_unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_search_key"), ["search_key"], unique=False)

    op.create_table(
        "course_session",
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("venue_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructor.id"],
            name=op.f("fk_course_session_instructor_id_instructor"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offering.id"],
            name=op.f("fk_course_session_offering_id_offering"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["venue.id"],
            name=op.f("fk_course_session_venue_id_venue"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_session")),
        sa.UniqueConstraint(
            "offering_id", "number", name=op.f("uq_course_session_offering_id_number")
        ),
    )
    with op.batch_alter_table("course_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_session_date"), ["date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_course_session_instructor_id"), ["instructor_id"], unique=False
        )

    op.create_table(
        "enrolment",
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "enrolled",
                "waiting",
                "withdrawn",
                name="enrolmentstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("waiting_position", sa.Integer(), nullable=True),
        sa.Column("enrolled_on", sa.Date(), nullable=True),
        sa.Column("request_document_id", sa.Integer(), nullable=True),
        sa.Column("eligibility_override_reason", sa.Text(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("withdraw_reason", sa.Text(), nullable=True),
        sa.Column("attended_hours", sa.Float(), nullable=True),
        sa.Column("final_score", sa.Float(), nullable=True),
        sa.Column(
            "result",
            sa.Enum("passed", "failed", name="outcomeresult", native_enum=False, length=24),
            nullable=True,
        ),
        sa.Column("result_reason", sa.Text(), nullable=True),
        sa.Column("result_override_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offering.id"],
            name=op.f("fk_enrolment_offering_id_offering"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_enrolment_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["request_document_id"],
            ["document.id"],
            name=op.f("fk_enrolment_request_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment")),
        sa.UniqueConstraint(
            "offering_id", "person_id", name=op.f("uq_enrolment_offering_id_person_id")
        ),
    )
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_enrolment_person_offering", ["person_id", "offering_id"], unique=False
        )

    op.create_table(
        "offering_instructor",
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("instructor_id", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructor.id"],
            name=op.f("fk_offering_instructor_instructor_id_instructor"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offering.id"],
            name=op.f("fk_offering_instructor_offering_id_offering"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "offering_id", "instructor_id", name=op.f("pk_offering_instructor")
        ),
    )
    with op.batch_alter_table("offering_instructor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offering_instructor_instructor_id"), ["instructor_id"], unique=False
        )

    op.create_table(
        "supervision_visit",
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=True),
        sa.Column("planned_date", sa.Date(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned", "done", "cancelled", name="visitstatus", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offering.id"],
            name=op.f("fk_supervision_visit_offering_id_offering"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["app_user.id"],
            name=op.f("fk_supervision_visit_supervisor_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_visit")),
    )
    with op.batch_alter_table("supervision_visit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervision_visit_offering_id"), ["offering_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_visit_planned_date"), ["planned_date"], unique=False
        )

    op.create_table(
        "assessment",
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "pre_test",
                "post_test",
                "final",
                name="assessmentkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_assessment_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["app_user.id"], name=op.f("fk_assessment_entered_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
        sa.UniqueConstraint("enrolment_id", "kind", name=op.f("uq_assessment_enrolment_id_kind")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_entered_by_id"), ["entered_by_id"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "present",
                "absent",
                "late",
                "excused",
                name="attendancestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("minutes_late", sa.SmallInteger(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_attendance_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["app_user.id"], name=op.f("fk_attendance_recorded_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["course_session.id"],
            name=op.f("fk_attendance_session_id_course_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "session_id", "enrolment_id", name=op.f("uq_attendance_session_id_enrolment_id")
        ),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_enrolment_id"), ["enrolment_id"], unique=False
        )

    op.create_table(
        "certificate",
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "candidate",
                "reviewed",
                "approved",
                "issued",
                "revoked",
                name="certificatestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("hours", sa.Double(), nullable=False),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("office_code", sa.String(length=16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("serial", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("printed_fields", sa.Text(), nullable=True),
        sa.Column("key_id", sa.String(length=16), nullable=True),
        sa.Column("qr_text", sa.Text(), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("print_count", sa.Integer(), nullable=False),
        sa.Column("duplicate_count", sa.Integer(), nullable=False),
        sa.Column("last_printed_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["app_user.id"], name=op.f("fk_certificate_approved_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_certificate_enrolment_id_enrolment"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["app_user.id"], name=op.f("fk_certificate_issued_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"], ["certificate.id"], name=op.f("fk_certificate_replaces_id_certificate")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"], ["app_user.id"], name=op.f("fk_certificate_reviewed_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by_id"], ["app_user.id"], name=op.f("fk_certificate_revoked_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
        sa.UniqueConstraint("number", name=op.f("uq_certificate_number")),
        sa.UniqueConstraint(
            "office_code", "year", "serial", name=op.f("uq_certificate_office_code_year_serial")
        ),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certificate_enrolment_id"), ["enrolment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_certificate_status"), ["status"], unique=False)

    op.create_table(
        "corrective_action",
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=160), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "done", name="actionstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["supervision_visit.id"],
            name=op.f("fk_corrective_action_visit_id_supervision_visit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrective_action")),
    )
    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_corrective_action_visit_id"), ["visit_id"], unique=False
        )

    op.create_table(
        "evaluation_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_evaluation_answer_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructor.id"],
            name=op.f("fk_evaluation_answer_instructor_id_instructor"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evaluation_item.id"],
            name=op.f("fk_evaluation_answer_item_id_evaluation_item"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_answer")),
        sa.UniqueConstraint(
            "enrolment_id",
            "item_id",
            "instructor_id",
            name=op.f("uq_evaluation_answer_enrolment_id_item_id_instructor_id"),
        ),
    )
    op.create_table(
        "follow_up",
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.Column("method", sa.String(length=60), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_follow_up_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["app_user.id"], name=op.f("fk_follow_up_recorded_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sa.UniqueConstraint("enrolment_id", name=op.f("uq_follow_up_enrolment_id")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_due_date"), ["due_date"], unique=False)

    op.create_table(
        "need",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "notice",
                "municipality_request",
                "survey",
                "supervision",
                name="needsource",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("supervision_visit_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column(
            "target_group",
            sa.Enum(
                "mayor",
                "council_member",
                "staff",
                "other",
                name="personcategory",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("post", sa.String(length=120), nullable=True),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("estimated_count", sa.Integer(), nullable=False),
        sa.Column(
            "priority",
            sa.Enum("high", "medium", "low", name="priority", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "accepted",
                "planned",
                "rejected",
                name="needstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_need_course_id_course"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_need_document_id_document"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_need_org_unit_id_org_unit"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supervision_visit_id"],
            ["supervision_visit.id"],
            name=op.f("fk_need_supervision_visit_id_supervision_visit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need")),
    )
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_need_year"), ["year"], unique=False)

    op.create_table(
        "visit_checklist_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["checklist_item.id"],
            name=op.f("fk_visit_checklist_score_item_id_checklist_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["supervision_visit.id"],
            name=op.f("fk_visit_checklist_score_visit_id_supervision_visit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_checklist_score")),
        sa.UniqueConstraint(
            "visit_id", "item_id", name=op.f("uq_visit_checklist_score_visit_id_item_id")
        ),
    )
    op.create_table(
        "offering_need",
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["need.id"], name=op.f("fk_offering_need_need_id_need"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["offering_id"],
            ["offering.id"],
            name=op.f("fk_offering_need_offering_id_offering"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("offering_id", "need_id", name=op.f("pk_offering_need")),
    )


def downgrade() -> None:

    op.drop_table("offering_need")
    op.drop_table("visit_checklist_score")
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_year"))
        batch_op.drop_index(batch_op.f("ix_need_document_id"))

    op.drop_table("need")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_due_date"))

    op.drop_table("follow_up")
    op.drop_table("evaluation_answer")
    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrective_action_visit_id"))

    op.drop_table("corrective_action")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_status"))
        batch_op.drop_index(batch_op.f("ix_certificate_enrolment_id"))

    op.drop_table("certificate")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_enrolment_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_entered_by_id"))

    op.drop_table("assessment")
    with op.batch_alter_table("supervision_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_visit_planned_date"))
        batch_op.drop_index(batch_op.f("ix_supervision_visit_offering_id"))

    op.drop_table("supervision_visit")
    with op.batch_alter_table("offering_instructor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offering_instructor_instructor_id"))

    op.drop_table("offering_instructor")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_index("ix_enrolment_person_offering")

    op.drop_table("enrolment")
    with op.batch_alter_table("course_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_session_instructor_id"))
        batch_op.drop_index(batch_op.f("ix_course_session_date"))

    op.drop_table("course_session")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_search_key"))
        batch_op.drop_index(batch_op.f("ix_person_org_unit_id"))
        batch_op.drop_index(batch_op.f("ix_person_mobile"))
        batch_op.drop_index(batch_op.f("ix_person_category"))

    op.drop_table("person")
    with op.batch_alter_table("offering", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offering_year"))
        batch_op.drop_index(batch_op.f("ix_offering_status"))
        batch_op.drop_index(batch_op.f("ix_offering_start_date"))
        batch_op.drop_index(batch_op.f("ix_offering_course_id"))

    op.drop_table("offering")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_org_unit_id"))
        batch_op.drop_index(batch_op.f("ix_document_kind"))

    op.drop_table("document")
    op.drop_table("course_prerequisite")
    op.drop_table("venue")
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_unit_county_id"))

    op.drop_table("org_unit")
    op.drop_table("export_record")
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_category_id"))

    op.drop_table("course")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_entity"))
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    op.drop_table("signing_key")
    op.drop_table("setting")
    op.drop_table("instructor")
    op.drop_table("evaluation_item")
    op.drop_table("course_category")
    op.drop_table("county")
    op.drop_table("checklist_item")
    op.drop_table("app_user")
