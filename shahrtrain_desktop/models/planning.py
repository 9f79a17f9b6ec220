"""Needs assessment (stage 1) and offerings with their sessions (stage 3)."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shahrtrain_desktop.models.base import Base, IdMixin, TimestampMixin, Versioned, enum_type
from shahrtrain_desktop.models.catalogue import Course, Venue
from shahrtrain_desktop.models.documents import Document
from shahrtrain_desktop.models.enums import (
    DeliveryMode,
    NeedSource,
    NeedStatus,
    OfferingStatus,
    PersonCategory,
    Priority,
)
from shahrtrain_desktop.models.org import County, OrgUnit
from shahrtrain_desktop.models.people import Instructor

offering_need = Table(
    "offering_need",
    Base.metadata,
    Column("offering_id", ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True),
    Column("need_id", ForeignKey("need.id", ondelete="CASCADE"), primary_key=True),
)


class Need(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "need"

    year: Mapped[int] = mapped_column(Integer, index=True)  # Jalali year
    source: Mapped[NeedSource] = mapped_column(enum_type(NeedSource))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="RESTRICT"), index=True
    )
    supervision_visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_visit.id", ondelete="SET NULL")
    )
    topic: Mapped[str] = mapped_column(String(300))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id", ondelete="SET NULL"))
    target_group: Mapped[PersonCategory] = mapped_column(enum_type(PersonCategory))
    post: Mapped[str | None] = mapped_column(String(120))
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id", ondelete="SET NULL"))
    estimated_count: Mapped[int] = mapped_column(Integer, default=0)
    priority: Mapped[Priority] = mapped_column(enum_type(Priority), default=Priority.MEDIUM)
    status: Mapped[NeedStatus] = mapped_column(enum_type(NeedStatus), default=NeedStatus.NEW)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document | None] = relationship()
    course: Mapped[Course | None] = relationship()
    org_unit: Mapped[OrgUnit | None] = relationship()


class Offering(IdMixin, TimestampMixin, Versioned, Base):
    """One run of a catalogue course: dates, place, people, money and approvals."""

    __tablename__ = "offering"

    code: Mapped[str] = mapped_column(String(30), unique=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)  # Jalali year of start_date
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    mode: Mapped[DeliveryMode] = mapped_column(enum_type(DeliveryMode))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id", ondelete="RESTRICT"))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="RESTRICT"))
    capacity: Mapped[int] = mapped_column(Integer, default=30)
    budget_rial: Mapped[int] = mapped_column(BigInteger, default=0)
    target_group: Mapped[PersonCategory | None] = mapped_column(enum_type(PersonCategory))
    status: Mapped[OfferingStatus] = mapped_column(
        enum_type(OfferingStatus), default=OfferingStatus.DRAFT, index=True
    )
    executive_resolution_number: Mapped[str | None] = mapped_column(String(60))
    executive_resolution_date: Mapped[date | None] = mapped_column(Date)
    steering_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    steering_approval_reference: Mapped[str | None] = mapped_column(String(60))
    steering_approval_date: Mapped[date | None] = mapped_column(Date)
    close_note: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    course: Mapped[Course] = relationship()
    venue: Mapped[Venue | None] = relationship()
    county: Mapped[County | None] = relationship()
    needs: Mapped[list[Need]] = relationship(secondary=offering_need)
    sessions: Mapped[list[CourseSession]] = relationship(
        back_populates="offering", order_by="CourseSession.number", cascade="all, delete-orphan"
    )
    instructors: Mapped[list[OfferingInstructor]] = relationship(
        back_populates="offering", cascade="all, delete-orphan"
    )


class OfferingInstructor(Base):
    __tablename__ = "offering_instructor"

    offering_id: Mapped[int] = mapped_column(
        ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True
    )
    instructor_id: Mapped[int] = mapped_column(
        ForeignKey("instructor.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    hours: Mapped[float] = mapped_column(Float, default=0)

    offering: Mapped[Offering] = relationship(back_populates="instructors")
    instructor: Mapped[Instructor] = relationship()


class CourseSession(IdMixin, Versioned, Base):
    """One class meeting of an offering (called session in the UI; not a DB session)."""

    __tablename__ = "course_session"
    __table_args__ = (UniqueConstraint("offering_id", "number"),)

    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    hours: Mapped[float] = mapped_column(Float)
    topic: Mapped[str | None] = mapped_column(String(300))
    instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="RESTRICT"), index=True
    )
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id", ondelete="RESTRICT"))

    offering: Mapped[Offering] = relationship(back_populates="sessions")
    instructor: Mapped[Instructor | None] = relationship()
