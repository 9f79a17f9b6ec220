"""Stage 5 pieces for one trainee: scores, the pass/fail decision, questionnaire, follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    EvaluationTarget,
    OutcomeResult,
    Role,
)
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.demo import vocabulary
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.tables import ASSESSMENT, EVALUATION_ANSWER, FOLLOW_UP

LIKERT = (1, 2, 3, 4, 5)
LIKERT_WEIGHTS = (2, 5, 15, 42, 36)
_LIKERT_CUMULATIVE = tuple(sum(LIKERT_WEIGHTS[: i + 1]) for i in range(len(LIKERT_WEIGHTS)))
_PRE = AssessmentKind.PRE_TEST.value
_POST = AssessmentKind.POST_TEST.value
_FINAL = AssessmentKind.FINAL.value
FOLLOW_UP_RATINGS = (2, 3, 4, 5)
FOLLOW_UP_WEIGHTS = (10, 30, 40, 20)
EVALUATION_SHARE = 0.2
FOLLOW_UP_SHARE = 0.25


@dataclass(frozen=True)
class Outcome:
    final: float
    result: OutcomeResult
    reason: str | None
    override: str | None


def _score(value: float) -> float:
    """Scores are out of 20 in quarter points."""
    return min(20.0, max(0.0, round(value * 4) / 4))


def _number(value: float) -> str:
    return to_persian_digits(value, decimals=2)


class Batch:
    """Score and questionnaire rows of one offering; ids are given out once it is done."""

    def __init__(self) -> None:
        self.assessments: list[tuple[object, ...]] = []
        self.answers: list[tuple[object, ...]] = []

    def flush(self, ctx: Context) -> None:
        w = ctx.writer
        for table, rows in ((ASSESSMENT, self.assessments), (EVALUATION_ANSWER, self.answers)):
            if rows:
                first = w.reserve_ids(table, len(rows))
                w.add_many(table, ((first + i, *row) for i, row in enumerate(rows)))
                rows.clear()


def write_scores(
    ctx: Context,
    batch: Batch,
    enrolment_id: int,
    first_day: date,
    end: date,
    attended_share: float,
    final: bool,
) -> float:
    """Pre-test at the first meeting; post-test and final score when the course is over.
    Returns the final score (0 when not given yet)."""
    rng = ctx.rng
    officer = ctx.users[Role.OFFICER]
    pre = _score(rng.gauss(10.5, 3.0))
    rows = batch.assessments
    rows.append((enrolment_id, _PRE, pre, officer, ctx.at(first_day, 12), 1))
    if not final:
        return 0.0
    post = _score(pre + rng.gauss(5.0, 2.0))
    penalty = 3.0 if attended_share < 0.7 else 0.0
    result = _score(0.5 * post + 0.5 * rng.gauss(16.0, 2.0) - penalty)
    graded = min(end + timedelta(days=3), ctx.today)
    rows.append((enrolment_id, _POST, post, officer, ctx.at(end, 13), 1))
    rows.append((enrolment_id, _FINAL, result, officer, ctx.at(graded, 10), 1))
    return result


def decide(
    ctx: Context, final: float, attended_pct: float, min_pct: float, min_score: float
) -> Outcome:
    """The course's rules, with an officer's written override now and then."""
    short_attendance = attended_pct < min_pct
    low_score = final < min_score
    if not short_attendance and not low_score:
        return Outcome(final, OutcomeResult.PASSED, None, None)
    reasons = []
    if short_attendance:
        reasons.append(f"حضور {_number(attended_pct)}٪ کمتر از حداقل {_number(min_pct)}٪ است.")
    if low_score:
        reasons.append(f"نمرهٔ نهایی {_number(final)} کمتر از حداقل {_number(min_score)} است.")
    reason = " ".join(reasons)
    if not low_score and attended_pct >= min_pct - 10 and ctx.chance(0.15):
        override = ctx.rng.choice(vocabulary.OVERRIDE_REASONS)
        return Outcome(final, OutcomeResult.PASSED, reason, override)
    return Outcome(final, OutcomeResult.FAILED, reason, None)


def write_evaluation(
    ctx: Context,
    batch: Batch,
    enrolment_id: int,
    items: list[tuple[int, EvaluationTarget]],
    instructors: list[int],
) -> None:
    rng = ctx.rng
    rows = batch.answers
    commented = rng.random() < 0.1
    for item_id, target in items:
        teachers: list[int | None] = list(instructors)
        if target != EvaluationTarget.INSTRUCTOR:
            teachers = [None]
        values = rng.choices(LIKERT, cum_weights=_LIKERT_CUMULATIVE, k=len(teachers))
        for teacher, value in zip(teachers, values, strict=True):
            comment = None
            if commented and teacher is None:
                comment = rng.choice(vocabulary.EVALUATION_COMMENTS)
                commented = False
            rows.append((enrolment_id, item_id, teacher, value, comment))


def write_follow_up(ctx: Context, enrolment_id: int, end: date) -> None:
    """Kirkpatrick level 3, some months after the course; recorded once it is due."""
    rng = ctx.rng
    due = end + timedelta(days=30 * ctx.follow_up_months)
    rating = result = recorded_by = recorded_at = method = None
    if due <= ctx.today and rng.random() < 0.85:
        rating = rng.choices(FOLLOW_UP_RATINGS, weights=FOLLOW_UP_WEIGHTS)[0]
        result = rng.choice(vocabulary.FOLLOW_UP_RESULTS)
        recorded_by = ctx.users[Role.SUPERVISOR]
        recorded_at = ctx.at(min(due + timedelta(days=rng.randint(0, 14)), ctx.today), 11)
        method = rng.choice(vocabulary.FOLLOW_UP_METHODS)
    stamp = ctx.at(end + timedelta(days=7))
    ctx.writer.add(
        FOLLOW_UP,
        (
            ctx.writer.next_id(FOLLOW_UP), enrolment_id, due, rating, result, recorded_by,
            recorded_at, method, stamp, recorded_at or stamp, 1,
        ),
    )  # fmt: skip
