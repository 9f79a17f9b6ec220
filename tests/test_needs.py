"""Needs assessment: validation, the status flow, the summary and the link to offerings."""

from __future__ import annotations

import pytest
from planning_fixtures import YEAR, acting, fill
from sqlalchemy import func, select

from shahrtrain_desktop.models import Document, Need
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import (
    DocumentKind,
    NeedSource,
    NeedStatus,
    PersonCategory,
    Priority,
)
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services.needs import (
    NeedInput,
    accept_need,
    needs_summary,
    reject_need,
    save_need,
    unplanned_needs,
)
from shahrtrain_desktop.services.permissions import PermissionDenied


def _need(**changes: object) -> NeedInput:
    values: dict[str, object] = {
        "year": YEAR,
        "source": NeedSource.SURVEY,
        "topic": "  مديريت   بحران شهري ",
        "target_group": PersonCategory.MAYOR,
        "estimated_count": 25,
        "priority": Priority.HIGH,
    }
    values.update(changes)
    return NeedInput(**values)  # type: ignore[arg-type]


def _count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Need)) or 0)


def test_a_need_is_stored_normalised_and_new(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        need = save_need(s, _need())
        assert need.topic == "مدیریت بحران شهری"
        assert need.status == NeedStatus.NEW


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"source": None}, "source", "منبع نیاز"),
        ({"source": NeedSource.NOTICE}, "document", "نامهٔ منبع"),
        ({"topic": "  "}, "topic", "موضوع"),
        ({"target_group": None}, "target_group", "گروه هدف"),
        ({"estimated_count": -3}, "estimated_count", "تعداد"),
    ],
)
def test_bad_needs_are_refused_with_a_persian_message(
    db: Database, changes: dict[str, object], field: str, words: str
) -> None:
    fill(db)
    before = _count(db)
    with pytest.raises(InvalidField) as error, acting(db) as s:
        save_need(s, _need(**changes))
    assert error.value.field == field
    assert words in error.value.message
    assert _count(db) == before


def test_a_notice_need_cites_its_letter(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        letter = s.scalars(select(Document).where(Document.kind == DocumentKind.NOTICE)).first()
        assert letter is not None
        need = save_need(s, _need(source=NeedSource.NOTICE, document_id=letter.id))
        assert need.document is letter


def test_status_flow_and_rejection_reason(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        need = save_need(s, _need())
        with pytest.raises(InvalidField, match="دلیل"):
            reject_need(s, need.id, "   ")
        accept_need(s, need.id)
        assert need.status == NeedStatus.ACCEPTED
        with pytest.raises(InvalidField, match="پذیرفته"):
            accept_need(s, need.id)
        reject_need(s, need.id, "در برنامهٔ سال آینده")
        assert need.status == NeedStatus.REJECTED
        assert need.rejection_reason == "در برنامهٔ سال آینده"


def test_a_supervisor_may_not_record_needs(db: Database) -> None:
    fill(db)
    with pytest.raises(PermissionDenied), acting(db, "supervisor") as s:
        save_need(s, _need())


def test_summary_by_topic_and_group_counts_people(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        save_need(s, _need(topic="آموزش آزمایشی", estimated_count=10))
        save_need(s, _need(topic="آموزش آزمایشی", estimated_count=5))
        second = save_need(
            s, _need(topic="آموزش آزمایشی", target_group=PersonCategory.STAFF, estimated_count=7)
        )
        accept_need(s, second.id)
        summary = needs_summary(s, YEAR)
        assert summary.cell("آموزش آزمایشی", PersonCategory.MAYOR).people == 15
        assert summary.cell("آموزش آزمایشی", PersonCategory.MAYOR).needs == 2
        assert summary.topic_total("آموزش آزمایشی").people == 22
        assert summary.unplanned["آموزش آزمایشی"] == 1
        header, rows = summary.table()
        row = next(r for r in rows if r[0] == "آموزش آزمایشی")
        assert "۱۵ نفر" in row[header.index("شهردار")]


def test_unplanned_needs_are_the_accepted_ones_without_an_offering(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        unplanned = unplanned_needs(s, YEAR)
        assert unplanned
        assert all(n.status == NeedStatus.ACCEPTED for n in unplanned)
