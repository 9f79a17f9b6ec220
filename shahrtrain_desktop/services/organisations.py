"""Where people work: counties, municipalities (with grade 1–12) and city councils.

The registry's filters and the person dialog list units through :func:`org_unit_choices`; the
importer finds a unit from what a spreadsheet says with :class:`OrgUnitMatcher`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import County, OrgUnit
from shahrtrain_desktop.models.enums import OrgUnitKind
from shahrtrain_desktop.persian import InvalidField, normalize_text, search_key, to_persian_digits
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import Permission, require

MIN_GRADE, MAX_GRADE = 1, 12

MSG_NAME_EMPTY = "نام {kind} وارد نشده است."
MSG_COUNTY_TAKEN = "شهرستان «{name}» پیش‌تر ثبت شده است."
MSG_UNIT_TAKEN = "{kind} «{name}» در این شهرستان پیش‌تر ثبت شده است."
MSG_GRADE = "درجهٔ شهرداری باید عددی از {low} تا {high} باشد."
MSG_GRADE_ONLY_MUNICIPALITY = "درجه فقط برای شهرداری معنا دارد."
MSG_NO_COUNTY = "شهرستان انتخاب‌شده پیدا نشد."
COUNTY_WORD = "شهرستان"


def create_county(session: Session, name: str, code: str | None = None) -> County:
    require(session, Permission.EDIT_REGISTRY)
    clean = normalize_text(name)
    if not clean:
        raise InvalidField("name", MSG_NAME_EMPTY.format(kind=COUNTY_WORD))
    if session.scalar(select(County.id).where(County.name == clean)) is not None:
        raise InvalidField("name", MSG_COUNTY_TAKEN.format(name=clean))
    county = County(name=clean, code=normalize_text(code) or None)
    session.add(county)
    session.flush()
    return county


def create_org_unit(
    session: Session,
    kind: OrgUnitKind,
    name: str,
    county_id: int | None,
    city: str | None = None,
    grade: int | None = None,
) -> OrgUnit:
    """A municipality (grade 1–12), a city council, or another body, in a county."""
    require(session, Permission.EDIT_REGISTRY)
    clean = normalize_text(name)
    if not clean:
        raise InvalidField("name", MSG_NAME_EMPTY.format(kind=label(kind)))
    if kind == OrgUnitKind.MUNICIPALITY:
        if grade is None or not MIN_GRADE <= grade <= MAX_GRADE:
            low, high = to_persian_digits(MIN_GRADE), to_persian_digits(MAX_GRADE)
            raise InvalidField("grade", MSG_GRADE.format(low=low, high=high))
    elif grade is not None:
        raise InvalidField("grade", MSG_GRADE_ONLY_MUNICIPALITY)
    if county_id is not None and session.get(County, county_id) is None:
        raise InvalidField("county", MSG_NO_COUNTY)
    taken = session.scalar(
        select(OrgUnit.id).where(
            OrgUnit.kind == kind, OrgUnit.name == clean, OrgUnit.county_id == county_id
        )
    )
    if taken is not None:
        raise InvalidField("name", MSG_UNIT_TAKEN.format(kind=label(kind), name=clean))
    unit = OrgUnit(
        kind=kind, name=clean, county_id=county_id, city=normalize_text(city) or None, grade=grade
    )
    session.add(unit)
    session.flush()
    return unit


@dataclass(frozen=True)
class OrgUnitChoice:
    id: int
    name: str
    kind: OrgUnitKind
    county_id: int | None
    county: str
    city: str = ""
    grade: int | None = None

    @property
    def display(self) -> str:
        """«شهرداری الوند — البرز»: the county tells apart units of the same name."""
        return f"{self.name} — {self.county}" if self.county else self.name


def counties(session: Session) -> list[tuple[int, str]]:
    return [
        (row.id, row.name)
        for row in session.execute(select(County.id, County.name).order_by(County.name))
    ]


def org_unit_choices(session: Session, county_id: int | None = None) -> list[OrgUnitChoice]:
    query = (
        select(
            OrgUnit.id,
            OrgUnit.name,
            OrgUnit.kind,
            OrgUnit.county_id,
            County.name.label("c"),
            OrgUnit.city,
            OrgUnit.grade,
        )
        .outerjoin(County, County.id == OrgUnit.county_id)
        .order_by(County.name, OrgUnit.name)
    )
    if county_id is not None:
        query = query.where(OrgUnit.county_id == county_id)
    return [
        OrgUnitChoice(
            row.id,
            row.name,
            OrgUnitKind(row.kind),
            row.county_id,
            row.c or "",
            row.city or "",
            row.grade,
        )
        for row in session.execute(query)
    ]


class OrgUnitMatcher:
    """Find a unit from spreadsheet text: «شهرداری الوند», «الوند» or «شورای اسلامی شهر الوند»,
    spelled with any ی/ي, ک/ك or spacing; a county narrows same-named units."""

    def __init__(self, session: Session) -> None:
        self._by_key: dict[str, list[OrgUnitChoice]] = {}
        for unit in org_unit_choices(session):
            keys = {search_key(unit.name)}
            if unit.kind == OrgUnitKind.MUNICIPALITY:
                keys.add(search_key(unit.name.removeprefix("شهرداری ")))
            for key in keys:
                self._by_key.setdefault(key, []).append(unit)

    def find(self, text: object, county: object = None) -> OrgUnitChoice | None:
        key = search_key(text)
        if not key:
            return None
        found = self._by_key.get(key, [])
        county_key = search_key(county)
        if county_key and len(found) > 1:
            found = [u for u in found if search_key(u.county) == county_key] or found
        # A bare city name means its municipality rather than its council.
        found.sort(key=lambda u: u.kind != OrgUnitKind.MUNICIPALITY)
        return found[0] if found else None
