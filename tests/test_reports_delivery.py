"""Issue 5: the sign-in sheet, the outcome report and ``report offerings`` (CLI included)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from delivery_fixtures import TODAY, acting, fill_demo, offering_in
from sqlalchemy import select

from shahrtrain_desktop.cli import main
from shahrtrain_desktop.models import Enrolment, Offering
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AttendanceStatus,
    EnrolmentStatus,
    OfferingStatus,
    OutcomeResult,
)
from shahrtrain_desktop.persian import format_jalali, to_persian_digits
from shahrtrain_desktop.services import attendance, outcomes, questionnaire
from shahrtrain_desktop.services.offering_status import advance
from shahrtrain_desktop.services.offerings_report import list_offerings
from shahrtrain_desktop.services.reports.attendance_sheet import prepare_sheet
from shahrtrain_desktop.services.reports.offering_outcome import prepare_outcome


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    fill_demo(db)
    return db


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_sign_in_sheet_lists_trainees_sessions_and_codes(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(demo, OfferingStatus.RUNNING)
    with demo.session() as s:
        sheet = prepare_sheet(s, offering_id)
        offering = s.get(Offering, offering_id)
        enrolled = s.scalars(
            select(Enrolment).where(
                Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED
            )
        ).all()
        assert len(sheet.trainees) == len(enrolled)
        assert [x.date for x in sheet.sessions] == [
            format_jalali(x.date) for x in offering.sessions
        ]
        code = offering.code
    out = tmp_path / "sheet.pdf"
    assert main(["--db", demo.url, "report", "attendance", "--offering", str(offering_id),
                 "--out", str(out)]) == 0  # fmt: skip
    text = _text(out)
    for _name, national_code in sheet.trainees:
        assert to_persian_digits(national_code) in text
    assert code in text  # the code keeps its typed order
    assert not list(tmp_path.glob(".partial-*"))


def test_outcome_figures_match_what_was_entered(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(demo, OfferingStatus.RUNNING)
    with acting(demo) as s:
        last = s.get(Offering, offering_id).sessions[-1].date
        grid = attendance.load_grid(s, offering_id, today=last)
        trainees = [r.enrolment_id for r in grid.rows if not r.withdrawn]
        # everyone present everywhere, the first absent everywhere
        marks = [
            attendance.Mark(e, c.id, AttendanceStatus.ABSENT if e == trainees[0]
                            else AttendanceStatus.PRESENT)
            for e in trainees for c in grid.sessions
        ]  # fmt: skip
        attendance.record_marks(s, offering_id, marks, today=last)
        for e in trainees:
            outcomes.set_score(s, e, AssessmentKind.PRE_TEST, "10")
            outcomes.set_score(s, e, AssessmentKind.POST_TEST, "16")
        form = questionnaire.questions(s, offering_id)
        for e in trainees[:2]:
            questionnaire.save_answers(s, e, {q.key: 4 if e == trainees[0] else 5 for q in form})
        advance(s, offering_id, OfferingStatus.FINISHED, today=last)
        summary = prepare_outcome(s, offering_id)
    n = len(trainees)
    assert (summary.enrolled, summary.attended, summary.passed) == (n, n - 1, n - 1)
    assert summary.pass_rate == pytest.approx(100 * (n - 1) / n)
    assert summary.attendance_rate == pytest.approx(100 * (n - 1) / n)
    assert (summary.mean_pre, summary.mean_post, summary.gain) == (10, 16, 6)
    assert summary.overall_satisfaction == pytest.approx(4.5)
    assert {item.mean for item in summary.satisfaction} == {4.5}
    assert summary.instructors and all(t.mean == 4.5 for t in summary.instructors)
    failed = [t for t in summary.trainees if t.result == OutcomeResult.FAILED]
    assert [t.enrolment_id for t in failed] == [trainees[0]]
    out = tmp_path / "outcome.pdf"
    assert main(["--db", demo.url, "report", "offering", "--offering", str(offering_id),
                 "--out", str(out)]) == 0  # fmt: skip
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        assert any(page.images or page.rects for page in pdf.pages)


def test_report_offerings_lists_by_year_and_status(demo, capsys) -> None:  # type: ignore[no-untyped-def]
    with demo.session() as s:
        running = [line.id for line in list_offerings(s, 1405, OfferingStatus.RUNNING)]
        every = list_offerings(s, 1405)
        assert running and len(every) > len(running)
        assert list_offerings(s, 1390) == []
    assert main(["--db", demo.url, "report", "offerings", "--year", "1405", "--status",
                 "running", "--format", "ids"]) == 0  # fmt: skip
    assert capsys.readouterr().out.split() == [str(i) for i in running]
    assert main(["--db", demo.url, "report", "offerings", "--year", "1405"]) == 0
    table = capsys.readouterr().out
    assert "در حال برگزاری" in table and f"تعداد: {to_persian_digits(len(every))}" in table
    assert TODAY  # the demo's today decides which offerings are running


def test_cli_refuses_bad_input_in_one_line(db, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # No demo data needed: every refusal comes before (or instead of) reading an offering.
    def run(*words: str) -> tuple[int, list[str]]:
        code = main(["--db", db.url, "report", *words])
        return code, capsys.readouterr().err.splitlines()

    code, err = run("offering", "--offering", "99999", "--out", str(tmp_path / "x.pdf"))
    assert (code, len(err)) == (1, 1) and "پیدا نشد" in err[0], err
    code, err = run("attendance", "--offering", "1", "--out", str(tmp_path / "x.txt"))
    assert (code, len(err)) == (2, 1) and "‎.pdf‎" in err[0], err
    code, err = run("offerings", "--year", "99")
    assert (code, len(err)) == (2, 1) and "--year" in err[0], err
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob(".partial-*"))
