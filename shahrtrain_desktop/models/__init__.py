"""The domain model (SQLAlchemy 2 ORM) for all seven stages. No Qt here."""

from shahrtrain_desktop.models.base import Base
from shahrtrain_desktop.models.catalogue import Course, CourseCategory, Venue, course_prerequisite
from shahrtrain_desktop.models.certificates import Certificate, SigningKey
from shahrtrain_desktop.models.delivery import (
    Assessment,
    Attendance,
    Enrolment,
    EvaluationAnswer,
    EvaluationItem,
    FollowUp,
)
from shahrtrain_desktop.models.documents import Document
from shahrtrain_desktop.models.org import County, OrgUnit
from shahrtrain_desktop.models.people import Instructor, Person
from shahrtrain_desktop.models.planning import (
    CourseSession,
    Need,
    Offering,
    OfferingInstructor,
    offering_need,
)
from shahrtrain_desktop.models.security import AuditEvent, ExportRecord, Setting, User
from shahrtrain_desktop.models.supervision import (
    ChecklistItem,
    CorrectiveAction,
    SupervisionVisit,
    VisitChecklistScore,
)

__all__ = [
    "Assessment",
    "Attendance",
    "AuditEvent",
    "Base",
    "Certificate",
    "ChecklistItem",
    "CorrectiveAction",
    "County",
    "Course",
    "CourseCategory",
    "CourseSession",
    "Document",
    "Enrolment",
    "EvaluationAnswer",
    "EvaluationItem",
    "ExportRecord",
    "FollowUp",
    "Instructor",
    "Need",
    "Offering",
    "OfferingInstructor",
    "OrgUnit",
    "Person",
    "Setting",
    "SigningKey",
    "SupervisionVisit",
    "User",
    "Venue",
    "VisitChecklistScore",
    "course_prerequisite",
    "offering_need",
]
