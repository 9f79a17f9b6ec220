"""Trainees (keyed by national code) and instructors."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shahrtrain_desktop.models.base import Base, IdMixin, TimestampMixin, Versioned, enum_type
from shahrtrain_desktop.models.enums import Education, Gender, PersonCategory
from shahrtrain_desktop.models.org import OrgUnit


class Person(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "person"
    # The registry's default order (last name, first name) read straight from an index that
    # also holds the search key, so search-as-you-type never touches the table rows.
    __table_args__ = (Index("ix_person_name_order", "last_name", "first_name", "id", "search_key"),)

    national_code: Mapped[str] = mapped_column(String(10), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    father_name: Mapped[str | None] = mapped_column(String(80))
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender))
    birth_date: Mapped[date | None] = mapped_column(Date)
    mobile: Mapped[str | None] = mapped_column(String(11), index=True)
    education: Mapped[Education | None] = mapped_column(enum_type(Education))
    post: Mapped[str | None] = mapped_column(String(120))
    category: Mapped[PersonCategory] = mapped_column(enum_type(PersonCategory), index=True)
    org_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True
    )
    # Folded name + code + mobile (services.people_search.person_search_key) for search-as-you-type.
    search_key: Mapped[str] = mapped_column(String(400), default="", index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    org_unit: Mapped[OrgUnit | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Instructor(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "instructor"

    national_code: Mapped[str | None] = mapped_column(String(10), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    field: Mapped[str | None] = mapped_column(String(160))
    qualifications: Mapped[str | None] = mapped_column(Text)
    education: Mapped[Education | None] = mapped_column(enum_type(Education))
    mobile: Mapped[str | None] = mapped_column(String(11))
    email: Mapped[str | None] = mapped_column(String(160))
    organisation: Mapped[str | None] = mapped_column(String(160))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
