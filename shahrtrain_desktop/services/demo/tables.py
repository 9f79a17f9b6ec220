"""The tables the demo fills, the columns its rows carry (in tuple order), parents first."""

from __future__ import annotations

from sqlalchemy import Table

import shahrtrain_desktop.models  # noqa: F401 - registers every table on the metadata
from shahrtrain_desktop.models.base import Base
from shahrtrain_desktop.services.demo.writer import BulkWriter

_T = Base.metadata.tables
_STAMPS = ("created_at", "updated_at", "version")

APP_USER = _T["app_user"]
COUNTY = _T["county"]
ORG_UNIT = _T["org_unit"]
PERSON = _T["person"]
COURSE_CATEGORY = _T["course_category"]
COURSE = _T["course"]
COURSE_PREREQUISITE = _T["course_prerequisite"]
INSTRUCTOR = _T["instructor"]
VENUE = _T["venue"]
DOCUMENT = _T["document"]
NEED = _T["need"]
OFFERING = _T["offering"]
OFFERING_NEED = _T["offering_need"]
OFFERING_INSTRUCTOR = _T["offering_instructor"]
COURSE_SESSION = _T["course_session"]
ENROLMENT = _T["enrolment"]
ATTENDANCE = _T["attendance"]
ASSESSMENT = _T["assessment"]
EVALUATION_ANSWER = _T["evaluation_answer"]
FOLLOW_UP = _T["follow_up"]
CERTIFICATE = _T["certificate"]
SUPERVISION_VISIT = _T["supervision_visit"]
VISIT_CHECKLIST_SCORE = _T["visit_checklist_score"]
CORRECTIVE_ACTION = _T["corrective_action"]

# Flush order matters: a buffer is inserted only after the buffers of its parents.
COLUMNS: tuple[tuple[Table, tuple[str, ...]], ...] = (
    (APP_USER, ("id", "username", "full_name", "role", "password_hash", "active",
                "failed_logins", *_STAMPS)),
    (COUNTY, ("id", "name", "code", *_STAMPS)),
    (ORG_UNIT, ("id", "kind", "name", "county_id", "city", "grade", *_STAMPS)),
    (PERSON, ("id", "national_code", "first_name", "last_name", "father_name", "gender",
              "birth_date", "mobile", "education", "post", "category", "org_unit_id",
              "search_key", "active", *_STAMPS)),
    (COURSE_CATEGORY, ("id", "name", "sort_order", "version")),
    (COURSE, ("id", "code", "title", "category_id", "theory_hours", "practice_hours",
              "syllabus", "target_groups", "min_attendance_pct", "min_score", "active",
              *_STAMPS)),
    (COURSE_PREREQUISITE, ("course_id", "prerequisite_id")),
    (INSTRUCTOR, ("id", "national_code", "first_name", "last_name", "field", "qualifications",
                  "education", "mobile", "organisation", "active", *_STAMPS)),
    (VENUE, ("id", "name", "county_id", "address", "capacity", "active", *_STAMPS)),
    (DOCUMENT, ("id", "kind", "number", "date", "issuer", "subject", "org_unit_id",
                *_STAMPS)),
    (OFFERING, ("id", "code", "course_id", "year", "start_date", "end_date", "mode",
                "venue_id", "county_id", "capacity", "budget_rial", "target_group", "status",
                "executive_resolution_number", "executive_resolution_date",
                "steering_approved", "steering_approval_reference", "steering_approval_date",
                "close_note", *_STAMPS)),
    (COURSE_SESSION, ("id", "offering_id", "number", "date", "start_time", "end_time",
                      "hours", "topic", "instructor_id", "venue_id", "version")),
    (OFFERING_INSTRUCTOR, ("offering_id", "instructor_id", "hours")),
    (ENROLMENT, ("id", "offering_id", "person_id", "status", "waiting_position",
                 "enrolled_on", "request_document_id", "eligibility_override_reason",
                 "withdrawn_on", "withdraw_reason", "attended_hours", "final_score", "result",
                 "result_reason", "result_override_reason", *_STAMPS)),
    (ATTENDANCE, ("id", "session_id", "enrolment_id", "status", "minutes_late",
                  "recorded_by_id")),
    (ASSESSMENT, ("id", "enrolment_id", "kind", "score", "entered_by_id", "entered_at",
                  "version")),
    (EVALUATION_ANSWER, ("id", "enrolment_id", "item_id", "instructor_id", "value",
                         "comment")),
    (FOLLOW_UP, ("id", "enrolment_id", "due_date", "rating", "result", "recorded_by_id",
                 "recorded_at", "method", *_STAMPS)),
    (CERTIFICATE, ("id", "enrolment_id", "status", "hours", "score", "office_code", "year",
                   "serial", "number", "issue_date", "printed_fields", "reviewed_by_id",
                   "reviewed_at", "approved_by_id", "approved_at", "issued_by_id", "issued_at",
                   "print_count", "duplicate_count", "last_printed_at", "revoked_at",
                   "revoked_by_id", "revoke_reason", "replaces_id", *_STAMPS)),
    (SUPERVISION_VISIT, ("id", "offering_id", "supervisor_id", "planned_date", "visit_date",
                         "status", "score", "findings", *_STAMPS)),
    (VISIT_CHECKLIST_SCORE, ("id", "visit_id", "item_id", "value", "note")),
    (CORRECTIVE_ACTION, ("id", "visit_id", "description", "owner", "due_date", "status",
                         *_STAMPS)),
    # Needs are written twice: from letters before the plan, from supervision after visits.
    (NEED, ("id", "year", "source", "document_id", "supervision_visit_id", "topic",
            "course_id", "target_group", "post", "org_unit_id", "estimated_count", "priority",
            "status", "rejection_reason", *_STAMPS)),
    (OFFERING_NEED, ("offering_id", "need_id")),
)  # fmt: skip


def register_all(writer: BulkWriter) -> None:
    for table, columns in COLUMNS:
        writer.register(table, columns)
