"""Certificates (stage 6) and the office's signing keys."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shahrtrain_desktop.models.base import (
    Base,
    IdMixin,
    TimestampMixin,
    UTCDateTime,
    Versioned,
    enum_type,
    utcnow,
)
from shahrtrain_desktop.models.delivery import Enrolment
from shahrtrain_desktop.models.enums import CertificateStatus


class Certificate(IdMixin, TimestampMixin, Versioned, Base):
    """A certificate through its life: candidate → reviewed → approved → issued (→ revoked).

    At issue the printed fields are frozen in ``printed_fields`` (JSON) so that later corrections
    to the person do not change it; a corrected certificate is a new issue replacing this one.
    """

    __tablename__ = "certificate"
    __table_args__ = (
        # Numbering is unique per office and Jalali year even with several desks.
        UniqueConstraint("office_code", "year", "serial"),
        Index("ix_certificate_status_issue_date", "status", "issue_date", "year"),
    )

    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolment.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[CertificateStatus] = mapped_column(
        enum_type(CertificateStatus), default=CertificateStatus.CANDIDATE, index=True
    )
    hours: Mapped[float] = mapped_column()
    score: Mapped[float | None] = mapped_column()
    office_code: Mapped[str | None] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)  # Jalali year of issue
    serial: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    issue_date: Mapped[date | None] = mapped_column(Date)
    printed_fields: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(16))
    qr_text: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0)  # reprints «المثنی»
    last_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))

    enrolment: Mapped[Enrolment] = relationship()


class SigningKey(IdMixin, Base):
    """The office's Ed25519 key. The private half is stored encrypted, never in the build."""

    __tablename__ = "signing_key"

    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key_pem: Mapped[str] = mapped_column(Text)
    encrypted_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
