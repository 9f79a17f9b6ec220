"""Stage 3's fixed parts: course families and catalogue, instructors, venues."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from shahrtrain_desktop.models.enums import Education
from shahrtrain_desktop.services.demo import geography, names, vocabulary
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.courses import CATALOGUE, CourseSpec
from shahrtrain_desktop.services.demo.registry import new_mobile, new_national_code
from shahrtrain_desktop.services.demo.tables import (
    COURSE,
    COURSE_CATEGORY,
    COURSE_PREREQUISITE,
    INSTRUCTOR,
    VENUE,
)
from shahrtrain_desktop.services.reference_data import COURSE_CATEGORIES


@dataclass
class CourseRef:
    id: int
    spec: CourseSpec
    instructors: list[int] = field(default_factory=list)
    prerequisite_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class VenueRef:
    id: int
    county: int
    capacity: int


@dataclass
class Catalogue:
    courses: list[CourseRef]
    instructors: list[int]
    venues: list[VenueRef]

    def course(self, code: str) -> CourseRef:
        return next(c for c in self.courses if c.spec.code == code)


def build_catalogue(ctx: Context, offerings: int, used_codes: set[str]) -> Catalogue:
    courses = _courses(ctx)
    instructors = _instructors(ctx, courses, offerings, used_codes)
    venues = _venues(ctx, offerings)
    return Catalogue(courses, instructors, venues)


def _category_ids(ctx: Context) -> list[int]:
    """Ids of the five default families, adding any the office has renamed away."""
    w = ctx.writer
    table = COURSE_CATEGORY
    existing = dict(w.conn.execute(select(table.c.name, table.c.id)).all())
    ids = []
    for order, name in enumerate(COURSE_CATEGORIES):
        if name not in existing:
            existing[name] = w.next_id(table)
            w.add(table, (existing[name], name, 100 + order, 1))
        ids.append(existing[name])
    return ids


def _courses(ctx: Context) -> list[CourseRef]:
    """The catalogue; a course whose code is already registered is used as it is."""
    w = ctx.writer
    families = _category_ids(ctx)
    existing = dict(w.conn.execute(select(COURSE.c.code, COURSE.c.id)).all())
    stamp = ctx.at(ctx.year_start - timedelta(days=200))
    refs: list[CourseRef] = []
    new: set[str] = set()
    for spec in CATALOGUE:
        course_id = existing.get(spec.code)
        if course_id is None:
            course_id = w.next_id(COURSE)
            new.add(spec.code)
            syllabus = "\n".join(f"{i}. {topic}" for i, topic in enumerate(spec.topics, 1))
            targets = ",".join(group.value for group in spec.target_groups)
            w.add(
                COURSE,
                (
                    course_id, spec.code, spec.title, families[spec.family], spec.theory_hours,
                    spec.practice_hours, syllabus, targets, spec.min_attendance_pct,
                    spec.min_score, True, stamp, stamp, 1,
                ),
            )  # fmt: skip
        refs.append(CourseRef(course_id, spec))
    ids = {ref.spec.code: ref.id for ref in refs}
    for ref in refs:
        ref.prerequisite_ids = [ids[code] for code in ref.spec.prerequisites]
        if ref.spec.code in new:
            for prerequisite_id in ref.prerequisite_ids:
                w.add(COURSE_PREREQUISITE, (ref.id, prerequisite_id))
    return refs


def _instructors(
    ctx: Context, courses: list[CourseRef], offerings: int, used_codes: set[str]
) -> list[int]:
    """Instructors, each teaching a few courses of one or two families; every course has at
    least two (so a clash with one can be avoided)."""
    rng = ctx.rng
    w = ctx.writer
    count = min(400, max(12, offerings // 10))
    first = w.reserve_ids(INSTRUCTOR, count)
    stamp = ctx.at(ctx.year_start - timedelta(days=120))
    ids = list(range(first, first + count))
    by_family: dict[int, list[CourseRef]] = {}
    for ref in courses:
        by_family.setdefault(ref.spec.family, []).append(ref)
    families = sorted(by_family)
    for instructor_id in ids:
        female = rng.random() < 0.25
        main = rng.choice(families)
        taught = rng.sample(by_family[main], k=min(len(by_family[main]), rng.randint(2, 5)))
        if rng.random() < 0.4:
            taught.append(rng.choice(by_family[rng.choice(families)]))
        for ref in taught:
            if instructor_id not in ref.instructors:
                ref.instructors.append(instructor_id)
        years = rng.randint(3, 25)
        w.add(
            INSTRUCTOR,
            (
                instructor_id, new_national_code(ctx, used_codes),
                names.given_name(rng, female), names.family_name(rng),
                rng.choice(vocabulary.INSTRUCTOR_FIELDS),
                f"{years} سال سابقهٔ تدریس در دوره‌های آموزشی شهرداری‌ها و شوراها",
                (Education.DOCTORATE if rng.random() < 0.45 else Education.MASTER).value,
                new_mobile(ctx), rng.choice(vocabulary.INSTRUCTOR_ORGANISATIONS), True,
                stamp, stamp, 1,
            ),
        )  # fmt: skip
    for ref in courses:
        while len(ref.instructors) < 2:
            extra = rng.choice(ids)
            if extra not in ref.instructors:
                ref.instructors.append(extra)
        ref.instructors.sort()
    return ids


def _venues(ctx: Context, offerings: int) -> list[VenueRef]:
    """Provincial halls in Qazvin, two halls in each county seat, and numbered classrooms as
    the plan grows (a big province rents more rooms)."""
    rng = ctx.rng
    w = ctx.writer
    stamp = ctx.at(ctx.year_start - timedelta(days=300))
    rows: list[tuple[str, int, str, int]] = [
        (name, 0, address, capacity) for name, address, capacity in geography.PROVINCIAL_VENUES
    ]
    for county, spec in enumerate(geography.COUNTIES):
        seat = spec.cities[0].name
        for name, address, capacity in geography.COUNTY_VENUES:
            text = name.format(county=spec.name, city=seat)
            rows.append((text, county, address.format(city=seat), capacity))
    for number in range(1, offerings // 100 + 1):
        county = 0 if number % 2 else rng.randrange(len(geography.COUNTIES))
        seat = geography.COUNTIES[county].cities[0].name
        name = geography.EXTRA_ROOM.format(number=number, city=seat)
        rows.append((name, county, f"{seat}، مرکز آموزش", rng.choice((30, 35, 40, 50))))
    venues = []
    for name, county, address, capacity in rows:
        venue_id = w.next_id(VENUE)
        county_id = ctx.county_ids[county]
        w.add(VENUE, (venue_id, name, county_id, address, capacity, True, stamp, stamp, 1))
        venues.append(VenueRef(venue_id, county, capacity))
    return venues
