"""Stage 2's registry: counties, municipalities and councils, and the people who work there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from shahrtrain_desktop.models import County
from shahrtrain_desktop.models.enums import Gender, OrgUnitKind, PersonCategory
from shahrtrain_desktop.persian import InvalidField, complete_national_code
from shahrtrain_desktop.services.demo import geography, names, vocabulary
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.tables import COUNTY, ORG_UNIT, PERSON
from shahrtrain_desktop.services.people_search import person_search_key

# The first three digits of a national code name the issuing office: 43x are taken here as
# Qazvin's, 001–008 are Tehran's (people born elsewhere). Plausible, not a register.
_CODE_PREFIXES = ("431", "432", "433", "434", "435", "436", "437", "438", "001", "002", "005")
_MOBILE_PREFIXES = ("0912", "0919", "0935", "0936", "0937", "0938", "0939", "0901", "0902", "0990")
_FEMALE_SHARE = {
    PersonCategory.MAYOR: 0.04,
    PersonCategory.COUNCIL_MEMBER: 0.12,
    PersonCategory.STAFF: 0.22,
    PersonCategory.OTHER: 0.35,
}
_AGE_RANGE = {
    PersonCategory.MAYOR: (35, 62),
    PersonCategory.COUNCIL_MEMBER: (28, 68),
    PersonCategory.STAFF: (23, 60),
    PersonCategory.OTHER: (28, 58),
}
_EDUCATION = {
    category: ([level for level, _ in pairs], [weight for _, weight in pairs])
    for category, pairs in vocabulary.EDUCATION_WEIGHTS.items()
}


@dataclass(frozen=True)
class Municipality:
    unit_id: int
    council_id: int
    county: int  # index into geography.COUNTIES
    city: str
    grade: int
    seats: int


@dataclass
class Org:
    county_ids: list[int]
    governorate_id: int
    municipalities: list[Municipality]
    unit_names: dict[int, str]


@dataclass
class Population:
    """Compact columns of the people generated, indexed by ``id - first_id``."""

    first_id: int
    first_names: list[str] = field(default_factory=list)
    last_names: list[str] = field(default_factory=list)
    father_names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    categories: list[PersonCategory] = field(default_factory=list)
    units: list[int] = field(default_factory=list)  # org_unit id
    municipality: list[int] = field(default_factory=list)  # index, -1 for the governorate
    pools: dict[PersonCategory, list[int]] = field(default_factory=dict)
    county_pools: dict[tuple[PersonCategory, int], list[int]] = field(default_factory=dict)
    used_codes: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.codes)


def build_org(ctx: Context) -> Org:
    """Counties (reusing any already registered by name), municipalities, councils."""
    w = ctx.writer
    stamp = ctx.at(ctx.year_start - timedelta(days=400))
    existing = dict(w.conn.execute(select(County.name, County.id)).all())
    county_ids: list[int] = []
    for spec in geography.COUNTIES:
        county_id = existing.get(spec.name)
        if county_id is None:
            county_id = w.next_id(COUNTY)
            w.add(COUNTY, (county_id, spec.name, spec.code, stamp, stamp, 1))
        county_ids.append(county_id)

    unit_names: dict[int, str] = {}

    def unit(kind: OrgUnitKind, name: str, county: int, city: str, grade: int | None) -> int:
        unit_id = w.next_id(ORG_UNIT)
        w.add(ORG_UNIT, (unit_id, kind.value, name, county, city, grade, stamp, stamp, 1))
        unit_names[unit_id] = name
        return unit_id

    governorate = unit(OrgUnitKind.GOVERNORATE, geography.GOVERNORATE, county_ids[0], "قزوین", None)
    municipalities: list[Municipality] = []
    for county_index, spec in enumerate(geography.COUNTIES):
        for city in spec.cities:
            cid = county_ids[county_index]
            name = geography.municipality_name(city.name)
            muni = unit(OrgUnitKind.MUNICIPALITY, name, cid, city.name, city.grade)
            name = geography.council_name(city.name)
            council = unit(OrgUnitKind.CITY_COUNCIL, name, cid, city.name, None)
            municipalities.append(
                Municipality(muni, council, county_index, city.name, city.grade, city.council_seats)
            )
    return Org(county_ids, governorate, municipalities, unit_names)


MIN_PEOPLE = 10  # the smallest demo: a mayor, a few council members and staff


def _head_counts(count: int, munis: list[Municipality]) -> tuple[int, int, int]:
    """(mayors, council members, governorate experts) for ``count`` people: the whole province
    when there are enough people for it and staff besides, a proportionate sample otherwise."""
    seats = sum(m.seats for m in munis)
    other = max(3, count // 200)
    if count >= len(munis) + seats + other + 40:
        return len(munis), seats, other
    mayors = min(len(munis), max(1, round(count * 0.08)))
    council = min(seats, max(1, round(count * 0.25)))
    return mayors, council, 1 if count >= 20 else 0


def build_people(ctx: Context, count: int, org: Org) -> Population:
    """Mayors, council members (by council, board first), a few governorate experts, and
    staff spread over the municipalities by grade (the provincial capital has the most).
    With enough people every municipality has its mayor and a full council; with fewer, the
    biggest cities come first."""
    munis = org.municipalities
    mayors, council, other = _head_counts(count, munis)
    rng = ctx.rng
    pop = Population(first_id=ctx.writer.reserve_ids(PERSON, count))
    biggest_first = sorted(range(len(munis)), key=lambda i: (-munis[i].grade, i))
    for index in biggest_first[:mayors]:
        muni = munis[index]
        _person(ctx, pop, PersonCategory.MAYOR, "شهردار", muni.unit_id, index, muni.county)
    members = [
        (index, post)
        for index in biggest_first
        for post in geography.council_posts(munis[index].seats)
    ]
    for index, post in members[:council]:
        muni = munis[index]
        category = PersonCategory.COUNCIL_MEMBER
        _person(ctx, pop, category, post, muni.council_id, index, muni.county)
    for _ in range(other):
        post = rng.choice(vocabulary.OTHER_POSTS)
        _person(ctx, pop, PersonCategory.OTHER, post, org.governorate_id, -1, 0)
    weights = [m.grade**2.2 for m in munis]
    homes = rng.choices(range(len(munis)), weights=weights, k=count - mayors - council - other)
    for index in homes:
        muni = munis[index]
        post = rng.choice(vocabulary.STAFF_POSTS)
        _person(ctx, pop, PersonCategory.STAFF, post, muni.unit_id, index, muni.county)
    return pop


def new_national_code(ctx: Context, used: set[str]) -> str:
    while True:
        digits = ctx.rng.choice(_CODE_PREFIXES) + f"{ctx.rng.randrange(1_000_000):06d}"
        try:
            code = complete_national_code(digits)
        except InvalidField:
            continue
        if code not in used:
            used.add(code)
            return code


def new_mobile(ctx: Context) -> str:
    return ctx.rng.choice(_MOBILE_PREFIXES) + f"{ctx.rng.randrange(10_000_000):07d}"


def _person(
    ctx: Context,
    pop: Population,
    category: PersonCategory,
    post: str,
    unit_id: int,
    municipality: int,
    county: int,
) -> None:
    rng = ctx.rng
    female = rng.random() < _FEMALE_SHARE[category]
    first = names.given_name(rng, female)
    last = names.family_name(rng)
    father = names.father_name(rng)
    code = new_national_code(ctx, pop.used_codes)
    mobile = new_mobile(ctx)
    low, high = _AGE_RANGE[category]
    born = ctx.year_start - timedelta(days=rng.randint(low * 365, high * 365))
    levels, weights = _EDUCATION[category]
    education = ctx.weighted(levels, weights)
    created = ctx.at(ctx.year_start - timedelta(days=rng.randrange(1500)))
    person_id = pop.first_id + len(pop.codes)
    ctx.writer.add(
        PERSON,
        (
            person_id, code, first, last, father,
            (Gender.FEMALE if female else Gender.MALE).value, born, mobile, education.value,
            post, category.value, unit_id, person_search_key(first, last, code, mobile), True,
            created, created, 1,
        ),
    )  # fmt: skip
    pop.first_names.append(first)
    pop.last_names.append(last)
    pop.father_names.append(father)
    pop.codes.append(code)
    pop.categories.append(category)
    pop.units.append(unit_id)
    pop.municipality.append(municipality)
    pop.pools.setdefault(category, []).append(person_id)
    pop.county_pools.setdefault((category, county), []).append(person_id)
