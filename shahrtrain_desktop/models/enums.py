"""Closed vocabularies of the domain. Values are stable English codes stored in the database;
Persian labels for people live in ``services.labels``."""

from __future__ import annotations

from enum import StrEnum


class OrgUnitKind(StrEnum):
    MUNICIPALITY = "municipality"
    CITY_COUNCIL = "city_council"
    GOVERNORATE = "governorate"
    OTHER = "other"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class PersonCategory(StrEnum):
    """Target groups of the service."""

    MAYOR = "mayor"
    COUNCIL_MEMBER = "council_member"
    STAFF = "staff"
    OTHER = "other"


class Education(StrEnum):
    BELOW_DIPLOMA = "below_diploma"
    DIPLOMA = "diploma"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


class DocumentKind(StrEnum):
    NOTICE = "notice"  # ابلاغیه of the national organisation
    MUNICIPALITY_REQUEST = "municipality_request"
    RESOLUTION = "resolution"  # committee resolution (مصوبه)
    OTHER = "other"


class NeedSource(StrEnum):
    NOTICE = "notice"
    MUNICIPALITY_REQUEST = "municipality_request"
    SURVEY = "survey"
    SUPERVISION = "supervision"


class NeedStatus(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    PLANNED = "planned"
    REJECTED = "rejected"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class DeliveryMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    BLENDED = "blended"


class OfferingStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    OPEN = "open"
    RUNNING = "running"
    FINISHED = "finished"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class EnrolmentStatus(StrEnum):
    ENROLLED = "enrolled"
    WAITING = "waiting"
    WITHDRAWN = "withdrawn"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    LATE = "late"
    EXCUSED = "excused"


class AssessmentKind(StrEnum):
    PRE_TEST = "pre_test"
    POST_TEST = "post_test"
    FINAL = "final"


class OutcomeResult(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class EvaluationTarget(StrEnum):
    COURSE = "course"
    INSTRUCTOR = "instructor"


class CertificateStatus(StrEnum):
    CANDIDATE = "candidate"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    ISSUED = "issued"
    REVOKED = "revoked"


class VisitStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    APPROVER = "approver"
    SUPERVISOR = "supervisor"


class AuditAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    LOGIN = "login"
    EVENT = "event"
