"""Stage 7 windows: the dashboard (figures, charts saved as PNG, drill-down), the visit dialog,
the export wizard on the worker, and the supervision tab's buttons by role."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from shahrtrain_desktop.models import CorrectiveAction, Need, Offering, SupervisionVisit, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus, VisitStatus
from shahrtrain_desktop.services import supervision
from shahrtrain_desktop.services.audit import act_as
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.demo import generate_demo
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.monitoring.checklist_dialog import ChecklistDialog
from shahrtrain_desktop.ui.monitoring.dashboard_view import DashboardView
from shahrtrain_desktop.ui.monitoring.export_dialog import ExportDialog
from shahrtrain_desktop.ui.monitoring.visit_dialog import VisitDialog
from shahrtrain_desktop.ui.tabs.supervision import SupervisionTab
from shahrtrain_desktop.ui.worker import Worker

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    create_application()
    generate_demo(db, 300, 1405, 13, today=TODAY)
    return db


def signed_in(db: Database, username: str) -> SignedIn:
    with db.session() as s:
        return SignedIn.of(s.scalars(select(User).where(User.username == username)).one())


@pytest.fixture
def worker(demo: Database) -> Iterator[Worker]:
    w = Worker(demo)
    yield w
    w.wait()


def no_persian_latin_digits(text: str) -> bool:
    return not any(c.isascii() and c.isdigit() for c in text)


def test_dashboard_figures_charts_and_drill_down(
    demo: Database, worker: Worker, qtbot: QtBot, tmp_path: Path
) -> None:
    view = DashboardView(demo, worker)
    qtbot.addWidget(view)
    view.year.setCurrentIndex(view.year.findData(1405))
    view.load()
    qtbot.waitUntil(lambda: view.dashboard is not None, timeout=10_000)
    d = view.dashboard
    assert d is not None and d.trainees > 0
    cards = [card.text() for card in view.cards.values()]
    assert all(no_persian_latin_digits(text) for text in cards)
    assert any(
        text.startswith(f"{d.trainees:d}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
        for text in cards
    )
    saved = view.months_chart.save_png(tmp_path / "months")
    assert saved.suffix == ".png" and saved.stat().st_size > 1000
    dialog = view.drill_card("trainees")
    assert dialog is not None and dialog.table.rowCount() == d.trainees
    county = d.by_county[0]
    by_county = view.drill_chart("county", county.key)
    assert by_county is not None and by_county.table.rowCount() == county.trainees


def test_dashboard_for_a_run_of_months(demo: Database, worker: Worker, qtbot: QtBot) -> None:
    view = DashboardView(demo, worker)
    qtbot.addWidget(view)
    view.year.setCurrentIndex(view.year.findData(1405))
    view.from_month.setCurrentIndex(7)  # مهر
    view.to_month.setCurrentIndex(8)  # آبان
    assert len(view.period().months()) == 2
    view.load()
    qtbot.waitUntil(lambda: view.dashboard is not None, timeout=10_000)
    assert [m.label for m in view.dashboard.by_month] == ["مهر", "آبان"]


def test_visit_dialog_saves_score_actions_and_need_together(demo: Database, qtbot: QtBot) -> None:
    user = signed_in(demo, "supervisor")

    from contextlib import contextmanager

    @contextmanager
    def session():  # type: ignore[no-untyped-def]
        with demo.session() as s:
            act_as(s, user.actor)
            yield s

    with session() as s:
        offering = s.scalars(
            select(Offering).where(Offering.status == OfferingStatus.RUNNING)
        ).first()
        visit_id = supervision.plan_visit(s, offering.id, offering.start_date).id
    dialog = VisitDialog(session, visit_id)
    qtbot.addWidget(dialog)
    assert "امتیاز وزنی: ۱۰۰ از" in dialog.score_label.text()
    dialog.ratings[0].setCurrentIndex(0)
    assert "امتیاز وزنی: ۱۰۰ از" not in dialog.score_label.text()
    expected = dialog.score()
    dialog.findings.setPlainText("سالن سرد بود")
    dialog.action_text.setText("نصب بخاری")
    dialog.action_owner.setText("مدیر سالن")
    dialog.add_action()
    assert dialog.actions_table.rowCount() == 1
    dialog.need_box.setChecked(True)
    dialog.need_topic.setText("ایمنی سالن‌های آموزشی")
    dialog.save()
    assert dialog.result() == VisitDialog.DialogCode.Accepted
    with demo.session() as s:
        visit = s.get(SupervisionVisit, visit_id)
        assert visit.status == VisitStatus.DONE and visit.score == expected
        assert s.scalars(
            select(CorrectiveAction).where(CorrectiveAction.visit_id == visit_id)
        ).all()
        assert s.scalars(select(Need).where(Need.supervision_visit_id == visit_id)).one()


def test_visit_dialog_refuses_bad_input_and_saves_nothing(
    demo: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = signed_in(demo, "supervisor")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))

    from contextlib import contextmanager

    @contextmanager
    def session():  # type: ignore[no-untyped-def]
        with demo.session() as s:
            act_as(s, user.actor)
            yield s

    with session() as s:
        offering = s.scalars(
            select(Offering).where(Offering.status == OfferingStatus.RUNNING)
        ).first()
        visit_id = supervision.plan_visit(s, offering.id, offering.start_date).id
    dialog = VisitDialog(session, visit_id)
    qtbot.addWidget(dialog)
    dialog.need_box.setChecked(True)  # a need without a topic
    dialog.save()
    assert warnings and "موضوع" in warnings[0]
    with demo.session() as s:
        assert s.get(SupervisionVisit, visit_id).status == VisitStatus.PLANNED


def test_export_wizard_builds_and_verifies_on_the_worker(
    demo: Database, worker: Worker, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ExportDialog(demo, worker, signed_in(demo, "admin"))
    qtbot.addWidget(dialog)
    dialog.year.setCurrentIndex(dialog.year.findData(1405))
    dialog.path.setText(str(tmp_path / "export-1405"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    exported, check = dialog.result
    assert exported.path == tmp_path / "export-1405.zip" and check.ok
    assert "سالم" in dialog.outcome.text()


def test_tab_buttons_follow_the_role(demo: Database, qtbot: QtBot) -> None:
    keys = {}
    for username in ("supervisor", "officer", "admin"):
        tab = SupervisionTab(demo, signed_in(demo, username))
        qtbot.addWidget(tab)
        keys[username] = set(tab.action_buttons)
    assert {"plan", "record", "dashboard", "annual"} <= keys["supervisor"]
    assert "export" not in keys["supervisor"] and "plan" not in keys["officer"]
    assert "export" in keys["admin"]
    assert "checklist" in keys["admin"] and "checklist" not in keys["supervisor"]


def test_checklist_dialog_adds_edits_reorders_and_retires(demo: Database, qtbot: QtBot) -> None:
    dialog = ChecklistDialog(demo, signed_in(demo, "admin"))
    qtbot.addWidget(dialog)
    before = len(dialog.rows)
    assert before >= 6 and all(no_persian_latin_digits(r.cells[2]) for r in dialog.rows)
    answers = iter([("  ايمنی کلاس ", "۲٫۵"), ("ایمنی کلاس", "۱۲"), ("ایمنی کلاس", "۳")])
    dialog.ask = lambda *_: next(answers)
    assert dialog.add_item()
    assert dialog.current().cells[1] == "ایمنی کلاس" and dialog.current().cells[2] == "۲٫۵"
    # a weight out of range is refused in Persian, naming the weight, and nothing changes
    assert not dialog.edit_current()
    assert "وزن" in dialog.message.text()
    assert dialog.current().cells[2] == "۲٫۵"
    assert dialog.edit_current() and dialog.current().cells[2] == "۳"
    new_id = dialog.current().id
    assert dialog.move_current(-1)
    assert [r.id for r in dialog.rows].index(new_id) == before - 1
    assert dialog.toggle_active() and not dialog.current().active
    assert dialog.buttons["retire"].text() == "بازگرداندن"
    with demo.session() as s:
        active = [item.id for item in supervision.checklist(s)]
    assert new_id not in active and len(active) == before


def test_checklist_dialog_shows_a_refusal_for_a_supervisor(demo: Database, qtbot: QtBot) -> None:
    dialog = ChecklistDialog(demo, signed_in(demo, "supervisor"))
    qtbot.addWidget(dialog)
    first = dialog.rows[0]
    assert not dialog.toggle_active()
    assert dialog.message.text() and dialog.rows[0] == first


def test_tab_prints_the_annual_report_on_the_worker(
    demo: Database, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    tab = SupervisionTab(demo, signed_in(demo, "officer"))
    qtbot.addWidget(tab)
    out = tmp_path / "annual.xlsx"
    tab.annual_report(1405, out)
    qtbot.waitUntil(out.exists, timeout=10_000)
    tab.worker.wait()
    assert out.stat().st_size > 0


def test_tab_headline_is_counted_on_the_worker(demo: Database, qtbot: QtBot) -> None:
    from shahrtrain_desktop.persian import to_persian_digits
    from shahrtrain_desktop.services.dashboard_headline import headline

    tab = SupervisionTab(demo, signed_in(demo, "officer"))
    qtbot.addWidget(tab)
    tab.populate()  # returns at once; the figures arrive from the worker
    qtbot.waitUntil(lambda: not tab.worker.busy, timeout=10_000)
    assert tab.year_combo is not None
    tab.year_combo.setCurrentIndex(tab.year_combo.findData(1405))
    tab.refresh()
    qtbot.waitUntil(lambda: not tab.worker.busy, timeout=10_000)
    with demo.engine.connect() as conn:
        figures = headline(conn, 1405)
    assert tab.headline.title.text().endswith("۱۴۰۵") and figures.trainees > 0
    assert tab.headline.values[1].text() == to_persian_digits(figures.trainees, grouping=True)
