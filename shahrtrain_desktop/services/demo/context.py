"""What every stage of the demo generator shares: the one random source, the writer, the dates."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from shahrtrain_desktop.models.enums import Role
from shahrtrain_desktop.services.demo.writer import BulkWriter

T = TypeVar("T")

# Iran Standard Time; timestamps are stored as naive UTC.
_TEHRAN_OFFSET = timedelta(hours=3, minutes=30)


class DemoError(RuntimeError):
    """The demo cannot be generated here; ``str()`` is a Persian sentence for the user."""


class Cancelled(Exception):
    """The progress callback asked to stop; everything written so far was rolled back."""


@dataclass
class Context:
    rng: random.Random
    writer: BulkWriter
    today: date
    year: int  # Jalali
    year_start: date
    year_end: date  # exclusive
    office_code: str
    number_format: str
    follow_up_months: int
    users: dict[Role, int] = field(default_factory=dict)
    county_ids: list[int] = field(default_factory=list)
    _moments: dict[tuple[date, int], datetime] = field(default_factory=dict)

    def at(self, day: date, hour: int = 9) -> datetime:
        """A Tehran wall-clock hour on ``day`` as naive UTC (one object per value: the writer
        formats each distinct timestamp once)."""
        key = (day, hour)
        moment = self._moments.get(key)
        if moment is None:
            moment = datetime.combine(day, time(hour)) - _TEHRAN_OFFSET
            self._moments[key] = moment
        return moment

    def between(self, first: date, last: date) -> date:
        """A uniformly random day in ``[first, last]`` (``first`` if the range is empty)."""
        span = (last - first).days
        return first if span <= 0 else first + timedelta(days=self.rng.randint(0, span))

    def weighted(self, items: Sequence[T], weights: Sequence[float]) -> T:
        return self.rng.choices(items, weights=weights, k=1)[0]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability
