"""Class timetables on the Jalali week: weekday patterns, time slots, official holidays."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from shahrtrain_desktop.models.enums import DeliveryMode, PersonCategory
from shahrtrain_desktop.persian import from_jalali

# Jalali weekday index: Saturday = 0 … Friday = 6.
SAT, SUN, MON, TUE, WED, THU, FRI = range(7)

# Solar-calendar holidays (Nowruz, Nature Day, 14–15 Khordad, 22 Bahman, 29 Esfand). Lunar
# holidays move every year and are left out: a class on one is merely unusual, not wrong.
FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (1, 3), (1, 4), (1, 12), (1, 13), (3, 14), (3, 15), (11, 22), (12, 29),
)  # fmt: skip


@dataclass(frozen=True)
class Slot:
    start: time
    end: time

    @property
    def hours(self) -> float:
        return (
            self.end.hour * 60 + self.end.minute - self.start.hour * 60 - self.start.minute
        ) / 60


MORNING = Slot(time(8, 0), time(12, 0))
AFTERNOON = Slot(time(14, 0), time(17, 0))
EVENING = Slot(time(16, 30), time(19, 30))
FULL_DAY = Slot(time(8, 0), time(14, 0))
ONLINE_EVENING = Slot(time(18, 0), time(20, 0))

# (weekdays, slot) choices per audience; council members meet on Thursdays or late afternoons
# because most of them have other jobs.
_PATTERNS: dict[str, tuple[tuple[frozenset[int], Slot], ...]] = {
    "staff": (
        (frozenset({SAT, MON}), MORNING),
        (frozenset({SUN, TUE}), MORNING),
        (frozenset({SAT, MON, WED}), MORNING),
        (frozenset({SAT, SUN, MON, TUE, WED}), MORNING),
        (frozenset({SUN, TUE}), AFTERNOON),
    ),
    "council": ((frozenset({THU}), FULL_DAY), (frozenset({SUN, TUE}), EVENING)),
    "mayor": ((frozenset({THU}), FULL_DAY), (frozenset({WED, THU}), FULL_DAY)),
    "online": (
        (frozenset({SAT, MON}), ONLINE_EVENING), (frozenset({SUN, TUE, THU}), ONLINE_EVENING),
    ),
}  # fmt: skip


def slot_periods(slot: Slot) -> tuple[str, ...]:
    """Parts of the day a slot occupies, for clash checks (a room or an instructor is busy)."""
    start = slot.start.hour + slot.start.minute / 60
    end = slot.end.hour + slot.end.minute / 60
    periods = (("am", 7.0, 13.0), ("pm", 13.0, 17.5), ("ev", 17.5, 22.0))
    return tuple(name for name, low, high in periods if start < high and end > low)


def jalali_weekday(d: date) -> int:
    return (d.weekday() + 2) % 7


def holidays(jalali_years: range) -> frozenset[date]:
    days = set()
    for year in jalali_years:
        for month, day in FIXED_HOLIDAYS:
            days.add(from_jalali(year, month, day))
    return frozenset(days)


def choose_pattern(
    rng: random.Random, mode: DeliveryMode, audience: PersonCategory | None
) -> tuple[frozenset[int], Slot]:
    if mode == DeliveryMode.ONLINE:
        key = "online"
    elif audience == PersonCategory.COUNCIL_MEMBER:
        key = "council"
    elif audience == PersonCategory.MAYOR:
        key = "mayor"
    else:
        key = "staff"
    return rng.choice(_PATTERNS[key])


def session_hours(total: float, slot: Slot) -> list[float]:
    """Split a course's hours into meetings of the slot's length; the last may be shorter."""
    count = max(1, math.ceil(total / slot.hours - 1e-9))
    hours = [slot.hours] * count
    hours[-1] = round(total - slot.hours * (count - 1), 2)
    return hours


def meeting_days(
    first: date, count: int, weekdays: frozenset[int], closed: frozenset[date]
) -> list[date]:
    """The next ``count`` days from ``first`` on the pattern's weekdays, skipping holidays."""
    days: list[date] = []
    day = first
    while len(days) < count:
        if jalali_weekday(day) in weekdays and jalali_weekday(day) != FRI and day not in closed:
            days.append(day)
        day += timedelta(days=1)
    return days


def last_meeting_day_before(limit: date, weekdays: frozenset[int], closed: frozenset[date]) -> date:
    day = limit - timedelta(days=1)
    while jalali_weekday(day) not in weekdays or day in closed:
        day -= timedelta(days=1)
    return day


def end_time(slot: Slot, hours: float) -> time:
    minutes = slot.start.hour * 60 + slot.start.minute + round(hours * 60)
    return time(minutes // 60, minutes % 60)
