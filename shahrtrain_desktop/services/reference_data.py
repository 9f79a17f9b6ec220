"""Defaults every new database starts with: course families, questionnaire and checklist items.

They are ordinary rows the office may edit; seeding only fills empty tables.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import ChecklistItem, CourseCategory, EvaluationItem
from shahrtrain_desktop.models.enums import EvaluationTarget

COURSE_CATEGORIES = ("توجیهی", "شغلی عمومی", "شغلی تخصصی", "عمومی", "بهبود مدیریت")

EVALUATION_ITEMS: tuple[tuple[str, EvaluationTarget], ...] = (
    ("محتوای دوره با نیاز شغلی من متناسب بود.", EvaluationTarget.COURSE),
    ("سرفصل‌ها به‌طور کامل ارائه شد.", EvaluationTarget.COURSE),
    ("مدت دوره برای مطالب کافی بود.", EvaluationTarget.COURSE),
    ("محل برگزاری و امکانات مناسب بود.", EvaluationTarget.COURSE),
    ("آموخته‌های این دوره را در کارم به کار خواهم بست.", EvaluationTarget.COURSE),
    ("مدرس بر موضوع تسلط داشت.", EvaluationTarget.INSTRUCTOR),
    ("مدرس مطالب را روشن و قابل فهم ارائه کرد.", EvaluationTarget.INSTRUCTOR),
    ("مدرس به پرسش‌ها پاسخ مناسب داد.", EvaluationTarget.INSTRUCTOR),
)

CHECKLIST_ITEMS: tuple[tuple[str, float], ...] = (
    ("محل برگزاری آماده و مناسب است", 1.0),
    ("مدرس به‌موقع حاضر شده است", 1.0),
    ("سرفصل مصوب رعایت می‌شود", 1.5),
    ("حضور فراگیران با فهرست ثبت‌نام مطابقت دارد", 1.5),
    ("جزوه و منابع آموزشی توزیع شده است", 0.5),
    ("دیدگاه فراگیران نمونه‌گیری شده است", 1.0),
)


def _is_empty(session: Session, model: type) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def seed_reference_data(session: Session) -> None:
    if _is_empty(session, CourseCategory):
        session.add_all(
            CourseCategory(name=name, sort_order=i) for i, name in enumerate(COURSE_CATEGORIES)
        )
    if _is_empty(session, EvaluationItem):
        session.add_all(
            EvaluationItem(text=text, target=target, sort_order=i)
            for i, (text, target) in enumerate(EVALUATION_ITEMS)
        )
    if _is_empty(session, ChecklistItem):
        session.add_all(
            ChecklistItem(text=text, weight=weight, sort_order=i)
            for i, (text, weight) in enumerate(CHECKLIST_ITEMS)
        )
