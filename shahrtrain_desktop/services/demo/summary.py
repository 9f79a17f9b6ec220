"""What a demo run made, and how the command line says it in Persian."""

from __future__ import annotations

from dataclasses import dataclass, field

from shahrtrain_desktop.persian import to_persian_digits

DEMO_PASSWORD = "demo"

# Persian names of the tables, in the order the summary lists them.
TABLE_LABELS: dict[str, str] = {
    "county": "شهرستان",
    "org_unit": "شهرداری، شورا و استانداری",
    "person": "فرد",
    "instructor": "مدرس",
    "venue": "مکان آموزشی",
    "course": "دورهٔ آموزشی (فهرست)",
    "document": "نامه و ابلاغیه",
    "need": "نیاز آموزشی",
    "offering": "دورهٔ اجرایی",
    "course_session": "جلسه",
    "enrolment": "ثبت‌نام",
    "attendance": "حضور و غیاب",
    "assessment": "نمره",
    "evaluation_answer": "پاسخ پرسش‌نامه",
    "follow_up": "پیگیری اثربخشی",
    "certificate": "گواهی‌نامه",
    "supervision_visit": "بازدید نظارتی",
    "corrective_action": "اقدام اصلاحی",
}


def persian_count(value: int) -> str:
    return to_persian_digits(value, grouping=True)


@dataclass(frozen=True)
class DemoSummary:
    year: int  # Jalali
    seed: int
    people: int
    counts: dict[str, int]
    users: tuple[str, ...]  # the demo users created by this run
    existing_users: tuple[str, ...] = ()  # demo usernames that were already there, untouched
    key_id: str = ""
    key_created: bool = False
    seconds: float = 0.0
    certificates_by_status: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        lines = [
            f"داده‌های نمایشی سال {to_persian_digits(self.year)} برای "
            f"{persian_count(self.people)} نفر ساخته شد "
            f"(بذر {to_persian_digits(self.seed)}، {to_persian_digits(self.seconds, decimals=1)} "
            "ثانیه)."
        ]
        for table, name in TABLE_LABELS.items():
            if self.counts.get(table):
                lines.append(f"  {name}: {persian_count(self.counts[table])}")
        if self.users:
            names = "، ".join(self.users)
            lines.append(f"کاربران نمایشی: {names} — گذرواژهٔ همه: {DEMO_PASSWORD}")
        if self.existing_users:
            names = "، ".join(self.existing_users)
            lines.append(f"این کاربران از پیش وجود داشتند و گذرواژهٔ آن‌ها تغییر نکرد: {names}")
        if self.key_created:
            lines.append(f"کلید امضای دفتر ساخته شد (شناسهٔ {self.key_id}).")
        elif self.key_id:
            lines.append(f"کلید امضای دفتر از پیش وجود داشت (شناسهٔ {self.key_id}).")
        return lines
