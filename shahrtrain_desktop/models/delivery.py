"""Enrolment (stage 2), attendance (stage 4), scores and evaluation (stage 5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import Float

from shahrtrain_desktop.models.base import (
    Base,
    IdMixin,
    TimestampMixin,
    UTCDateTime,
    Versioned,
    enum_type,
    utcnow,
)
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AttendanceStatus,
    EnrolmentStatus,
    EvaluationTarget,
    OutcomeResult,
)
from shahrtrain_desktop.models.people import Person
from shahrtrain_desktop.models.planning import Offering


class Enrolment(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "enrolment"
    __table_args__ = (
        UniqueConstraint("offering_id", "person_id"),
        Index("ix_enrolment_person_offering", "person_id", "offering_id"),
        # Listings of an offering's active enrolments, in id order, from the index alone.
        Index("ix_enrolment_offering_status", "offering_id", "status"),
        # What the dashboard reads of a period's enrolments, from the index alone (0003).
        Index(
            "ix_enrolment_offering_trainee",
            "offering_id",
            "status",
            "person_id",
            "attended_hours",
            "result",
        ),
    )

    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="RESTRICT"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    status: Mapped[EnrolmentStatus] = mapped_column(
        enum_type(EnrolmentStatus), default=EnrolmentStatus.ENROLLED
    )
    waiting_position: Mapped[int | None] = mapped_column(Integer)
    enrolled_on: Mapped[date | None] = mapped_column(Date)
    request_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL")
    )
    eligibility_override_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdraw_reason: Mapped[str | None] = mapped_column(Text)
    # Outcome (stage 5): computed from the course's rules, overridable with a written reason.
    attended_hours: Mapped[float | None] = mapped_column(Float)
    final_score: Mapped[float | None] = mapped_column(Float)
    result: Mapped[OutcomeResult | None] = mapped_column(enum_type(OutcomeResult))
    result_reason: Mapped[str | None] = mapped_column(Text)
    result_override_reason: Mapped[str | None] = mapped_column(Text)

    offering: Mapped[Offering] = relationship()
    person: Mapped[Person] = relationship()


class Attendance(Base):
    """One tick of the attendance grid; slim because there are millions."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "enrolment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("course_session.id", ondelete="CASCADE"))
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolment.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[AttendanceStatus] = mapped_column(enum_type(AttendanceStatus))
    minutes_late: Mapped[int] = mapped_column(SmallInteger, default=0)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Assessment(IdMixin, Versioned, Base):
    """A score out of 20; who entered it matters for certificate approval."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("enrolment_id", "kind"),)

    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"))
    kind: Mapped[AssessmentKind] = mapped_column(enum_type(AssessmentKind))
    score: Mapped[float] = mapped_column(Float)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EvaluationItem(IdMixin, Versioned, Base):
    """A reaction-questionnaire item (Kirkpatrick level 1), editable in settings."""

    __tablename__ = "evaluation_item"

    text: Mapped[str] = mapped_column(String(300))
    target: Mapped[EvaluationTarget] = mapped_column(enum_type(EvaluationTarget))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)


class EvaluationAnswer(Base):
    __tablename__ = "evaluation_answer"
    __table_args__ = (
        UniqueConstraint("enrolment_id", "item_id", "instructor_id"),
        Index("ix_evaluation_answer_enrolment_value", "enrolment_id", "value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("evaluation_item.id", ondelete="RESTRICT"))
    instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="RESTRICT")
    )
    value: Mapped[int] = mapped_column(SmallInteger)  # Likert 1–5
    comment: Mapped[str | None] = mapped_column(Text)


class FollowUp(IdMixin, TimestampMixin, Versioned, Base):
    """Kirkpatrick level 3: behaviour some months after the course, recorded by a supervisor."""

    __tablename__ = "follow_up"

    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True
    )
    due_date: Mapped[date] = mapped_column(Date, index=True)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    result: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    method: Mapped[str | None] = mapped_column(String(60))
