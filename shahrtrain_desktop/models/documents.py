"""Letters and notices that needs, enrolments and approvals cite."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shahrtrain_desktop.models.base import Base, IdMixin, TimestampMixin, Versioned, enum_type
from shahrtrain_desktop.models.enums import DocumentKind
from shahrtrain_desktop.models.org import OrgUnit


class Document(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "document"

    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind), index=True)
    number: Mapped[str] = mapped_column(String(60))
    date: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(160))
    subject: Mapped[str] = mapped_column(String(300))
    org_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("org_unit.id", ondelete="RESTRICT"), index=True
    )
    # Attached file, copied into the data folder; path relative to it.
    file_name: Mapped[str | None] = mapped_column(String(260))
    stored_path: Mapped[str | None] = mapped_column(String(400))
    notes: Mapped[str | None] = mapped_column(Text)

    org_unit: Mapped[OrgUnit | None] = relationship()
