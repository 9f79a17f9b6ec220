"""Supervision visits with a weighted checklist, findings and corrective actions (stage 7)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shahrtrain_desktop.models.base import Base, IdMixin, TimestampMixin, Versioned, enum_type
from shahrtrain_desktop.models.enums import ActionStatus, VisitStatus
from shahrtrain_desktop.models.planning import Offering


class ChecklistItem(IdMixin, Versioned, Base):
    __tablename__ = "checklist_item"

    text: Mapped[str] = mapped_column(String(300))
    weight: Mapped[float] = mapped_column(Float, default=1)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SupervisionVisit(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "supervision_visit"

    offering_id: Mapped[int] = mapped_column(
        ForeignKey("offering.id", ondelete="RESTRICT"), index=True
    )
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    planned_date: Mapped[date] = mapped_column(Date, index=True)
    visit_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[VisitStatus] = mapped_column(enum_type(VisitStatus), default=VisitStatus.PLANNED)
    score: Mapped[float | None] = mapped_column(Float)  # weighted checklist, 0–100
    findings: Mapped[str | None] = mapped_column(Text)

    offering: Mapped[Offering] = relationship()
    scores: Mapped[list[VisitChecklistScore]] = relationship(cascade="all, delete-orphan")
    actions: Mapped[list[CorrectiveAction]] = relationship(cascade="all, delete-orphan")


class VisitChecklistScore(Base):
    __tablename__ = "visit_checklist_score"
    __table_args__ = (UniqueConstraint("visit_id", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("supervision_visit.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_item.id", ondelete="RESTRICT"))
    value: Mapped[int] = mapped_column(Integer)  # 0–4
    note: Mapped[str | None] = mapped_column(Text)
    # The item as it was when scored (editing the checklist later leaves past visits as they
    # were). NULL only for rows written in bulk (demo data) while the item is still unchanged:
    # read them through services.supervision, which falls back to the item.
    item_text: Mapped[str | None] = mapped_column(String(300))
    item_weight: Mapped[float | None] = mapped_column(Float)


class CorrectiveAction(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "corrective_action"

    visit_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_visit.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(160))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus), default=ActionStatus.OPEN)
