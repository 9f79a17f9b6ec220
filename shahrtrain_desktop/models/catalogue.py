"""Course catalogue and venues (stage 3)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shahrtrain_desktop.models.base import Base, IdMixin, TimestampMixin, Versioned

course_prerequisite = Table(
    "course_prerequisite",
    Base.metadata,
    Column("course_id", ForeignKey("course.id", ondelete="CASCADE"), primary_key=True),
    Column("prerequisite_id", ForeignKey("course.id", ondelete="CASCADE"), primary_key=True),
)


class CourseCategory(IdMixin, Versioned, Base):
    """Editable families (توجیهی، شغلی عمومی، شغلی تخصصی، عمومی، بهبود مدیریت …)."""

    __tablename__ = "course_category"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Course(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "course"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    category_id: Mapped[int] = mapped_column(
        ForeignKey("course_category.id", ondelete="RESTRICT"), index=True
    )
    theory_hours: Mapped[float] = mapped_column(Float, default=0)
    practice_hours: Mapped[float] = mapped_column(Float, default=0)
    syllabus: Mapped[str | None] = mapped_column(Text)
    # Comma-separated PersonCategory values the course is meant for; empty = everyone.
    target_groups: Mapped[str] = mapped_column(String(120), default="")
    min_attendance_pct: Mapped[float] = mapped_column(Float, default=80)
    min_score: Mapped[float] = mapped_column(Float, default=12)
    certificate_wording: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    category: Mapped[CourseCategory] = relationship()
    prerequisites: Mapped[list[Course]] = relationship(
        secondary=course_prerequisite,
        primaryjoin=lambda: Course.id == course_prerequisite.c.course_id,
        secondaryjoin=lambda: Course.id == course_prerequisite.c.prerequisite_id,
    )

    @property
    def total_hours(self) -> float:
        return self.theory_hours + self.practice_hours


class Venue(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "venue"

    name: Mapped[str] = mapped_column(String(160))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="RESTRICT"))
    address: Mapped[str | None] = mapped_column(String(300))
    capacity: Mapped[int] = mapped_column(Integer, default=30)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
