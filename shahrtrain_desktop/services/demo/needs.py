"""Stage 1: the letters needs come from (national notices, municipalities' requests) and the
needs themselves, in every status; planned needs are linked to the offerings that answer them."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from shahrtrain_desktop.models.enums import (
    DocumentKind,
    NeedSource,
    NeedStatus,
    PersonCategory,
    Priority,
)
from shahrtrain_desktop.persian import to_jalali
from shahrtrain_desktop.services.demo import vocabulary
from shahrtrain_desktop.services.demo.catalogue import Catalogue, CourseRef
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.plan import OfferingPlan
from shahrtrain_desktop.services.demo.registry import Org
from shahrtrain_desktop.services.demo.tables import DOCUMENT, NEED, OFFERING_NEED

Dated = tuple[date, int]  # (letter date, document id)


@dataclass
class Letters:
    notices: list[Dated] = field(default_factory=list)
    requests: dict[int, list[Dated]] = field(default_factory=dict)  # by municipality index
    county_requests: dict[int, list[tuple[date, int, int]]] = field(default_factory=dict)

    def request_before(self, municipality: int, day: date) -> int | None:
        """The municipality's latest request letter dated on or before ``day``."""
        letters = self.requests.get(municipality)
        if not letters:
            return None
        index = bisect.bisect_right(letters, (day, 1 << 62)) - 1
        return letters[index][1] if index >= 0 else None


def write_letters(ctx: Context, org: Org, offerings: int) -> Letters:
    rng = ctx.rng
    w = ctx.writer
    latest = min(ctx.today, ctx.year_end - timedelta(days=1))
    earliest = min(ctx.year_start - timedelta(days=45), latest - timedelta(days=60))
    letters = Letters()

    def add(
        kind: DocumentKind, day: date, number: str, issuer: str, subject: str, unit: int | None
    ) -> int:
        doc_id = w.next_id(DOCUMENT)
        stamp = ctx.at(day, 10)
        w.add(DOCUMENT, (doc_id, kind.value, number, day, issuer, subject, unit, stamp, stamp, 1))
        return doc_id

    for index in range(4 + offerings // 500):
        day = ctx.between(earliest, latest)
        jy = to_jalali(day)[0]
        subject = vocabulary.NOTICE_SUBJECTS[index % len(vocabulary.NOTICE_SUBJECTS)]
        number = f"{rng.randint(10000, 99999)}/{rng.randint(10, 99)}/{jy}"
        issuer = rng.choice(vocabulary.NOTICE_ISSUERS)
        doc = add(DocumentKind.NOTICE, day, number, issuer, subject.format(year=ctx.year), None)
        letters.notices.append((day, doc))
    for index, muni in enumerate(org.municipalities):
        unit_name = org.unit_names[muni.unit_id]
        for _ in range(1 + rng.randrange(2) + offerings // 1000):
            day = ctx.between(earliest, latest)
            jy = to_jalali(day)[0]
            template = rng.choice(vocabulary.REQUEST_SUBJECTS)
            topic = "درآمدهای پایدار" if rng.random() < 0.5 else "مدیریت بحران"
            subject = template.format(unit=unit_name, topic=topic, year=ctx.year)
            number = f"ش/{jy}/{rng.randint(100, 9999)}"
            kind = DocumentKind.MUNICIPALITY_REQUEST
            doc = add(kind, day, number, unit_name, subject, muni.unit_id)
            letters.requests.setdefault(index, []).append((day, doc))
            letters.county_requests.setdefault(muni.county, []).append((day, doc, index))
    letters.notices.sort()
    for dated in letters.requests.values():
        dated.sort()
    for county_letters in letters.county_requests.values():
        county_letters.sort()
    return letters


def _latest(letters: list[Dated], day: date) -> Dated | None:
    index = bisect.bisect_right(letters, (day, 1 << 62)) - 1
    return letters[index] if index >= 0 else None


def write_needs(
    ctx: Context, plans: list[OfferingPlan], letters: Letters, org: Org, catalogue: Catalogue
) -> None:
    rng = ctx.rng
    w = ctx.writer
    groups: dict[tuple[int, str, int], list[OfferingPlan]] = {}
    for plan in plans:
        group = plan.audience.value if plan.audience else ""
        groups.setdefault((plan.course.id, group, plan.county), []).append(plan)

    def need(
        course: CourseRef,
        audience: PersonCategory | None,
        status: NeedStatus,
        count: int,
        by: date,
        county: int | None,
    ) -> int:
        source, document, unit = _source(ctx, letters, org, by, county)
        target = audience or (course.spec.target_groups or (PersonCategory.STAFF,))[0]
        priority = {
            NeedSource.NOTICE: Priority.HIGH,
            NeedSource.MUNICIPALITY_REQUEST: Priority.MEDIUM,
        }.get(source, rng.choice((Priority.MEDIUM, Priority.LOW)))
        reason = None
        if status == NeedStatus.REJECTED:
            reason = rng.choice(vocabulary.NEED_REJECTION_REASONS)
        need_id = w.next_id(NEED)
        day = document[0] if document else by - timedelta(days=30)
        stamp = ctx.at(min(day, ctx.today), 12)
        w.add(
            NEED,
            (
                need_id, ctx.year, source.value, document[1] if document else None, None,
                course.spec.title, course.id if status != NeedStatus.NEW else None,
                target.value, None, unit, count, priority.value, status.value, reason,
                stamp, stamp, 1,
            ),
        )  # fmt: skip
        return need_id

    for (_course, _audience, county), members in sorted(groups.items()):
        head = members[0]
        wanted = round(sum(p.size for p in members) * rng.uniform(0.8, 1.3))
        by = head.start - timedelta(days=20)
        need_id = need(head.course, head.audience, NeedStatus.PLANNED, wanted, by, county)
        for plan in members:
            w.add(OFFERING_NEED, (plan.id, need_id))
        if rng.random() < 0.25:
            more = max(5, wanted // 3)
            second = need(head.course, head.audience, NeedStatus.PLANNED, more, by, county)
            w.add(OFFERING_NEED, (head.id, second))

    # Needs not (yet) planned: recent ones still new, accepted ones for later, some rejected.
    extra = max(8, len(groups) // 3)
    statuses = (NeedStatus.NEW, NeedStatus.ACCEPTED, NeedStatus.REJECTED)
    latest = min(ctx.today, ctx.year_end - timedelta(days=1))
    for index in range(extra):
        status = statuses[index] if index < 3 else ctx.weighted(statuses, (0.4, 0.35, 0.25))
        course = rng.choice(catalogue.courses)
        audience = rng.choice(course.spec.target_groups) if course.spec.targets else None
        county = rng.randrange(len(ctx.county_ids))
        need(course, audience, status, rng.randint(8, 60), latest, county)


def _source(
    ctx: Context, letters: Letters, org: Org, by: date, county: int | None
) -> tuple[NeedSource, Dated | None, int | None]:
    """Where a need came from: a notice, a municipality's letter of that county, or a survey."""
    draw = ctx.rng.random()
    if draw < 0.4 and county is not None:
        local = [(d, doc) for d, doc, _m in letters.county_requests.get(county, [])]
        found = _latest(local, by)
        if found is not None:
            muni = next(m for d, doc, m in letters.county_requests[county] if doc == found[1])
            return NeedSource.MUNICIPALITY_REQUEST, found, org.municipalities[muni].unit_id
    if draw < 0.85:
        found = _latest(letters.notices, by)
        if found is not None:
            return NeedSource.NOTICE, found, None
    return NeedSource.SURVEY, None, None
