"""Where people work: counties (شهرستان) and the municipalities and councils in them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shahrtrain_desktop.models.base import Base, IdMixin, TimestampMixin, Versioned, enum_type
from shahrtrain_desktop.models.enums import OrgUnitKind


class County(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "county"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    code: Mapped[str | None] = mapped_column(String(16))

    org_units: Mapped[list[OrgUnit]] = relationship(back_populates="county")


class OrgUnit(IdMixin, TimestampMixin, Versioned, Base):
    """A municipality (with grade 1–12), a city council, the governorate, or another body."""

    __tablename__ = "org_unit"

    kind: Mapped[OrgUnitKind] = mapped_column(enum_type(OrgUnitKind))
    name: Mapped[str] = mapped_column(String(160))
    county_id: Mapped[int | None] = mapped_column(
        ForeignKey("county.id", ondelete="RESTRICT"), index=True
    )
    city: Mapped[str | None] = mapped_column(String(80))
    grade: Mapped[int | None] = mapped_column(Integer)

    county: Mapped[County | None] = relationship(back_populates="org_units")
