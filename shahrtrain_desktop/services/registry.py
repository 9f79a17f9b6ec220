"""Stage 2, the people registry: validating a person field by field, creating and updating,
the national code kept unique (possible duplicates and merging are in ``duplicates``).

Every function that changes data checks ``Permission.EDIT_REGISTRY`` itself; the dialog and
the importer share :func:`validate_person`, so a value the dialog refuses is refused on import
with the same Persian sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from functools import cache, lru_cache
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import OrgUnit, Person
from shahrtrain_desktop.models.enums import Education, Gender, PersonCategory
from shahrtrain_desktop.persian import (
    InvalidField,
    normalize_multiline,
    normalize_text,
    parse_jalali,
    search_key,
    to_persian_digits,
    validate_mobile,
    validate_national_code,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.locking import ConcurrentEditError
from shahrtrain_desktop.services.people_search import person_search_key
from shahrtrain_desktop.services.permissions import Permission, require

NAME_MAX = 80
POST_MAX = 120
OLDEST_BIRTH_YEAR = 1900
YOUNGEST_AGE = 15

MSG_REQUIRED = "{field} وارد نشده است."
MSG_TOO_LONG = "{field} حداکثر {limit} نویسه می‌تواند باشد."
MSG_NAME_CHARS = "{field} نباید رقم داشته باشد؛ «{text}» پذیرفته نیست."
MSG_CHOICE = "{field} «{text}» شناخته نشد؛ یکی از این‌ها را بنویسید: {options}."
MSG_BIRTH_FUTURE = "تاریخ تولد نمی‌تواند بعد از امروز باشد."
MSG_BIRTH_TOO_YOUNG = "تاریخ تولد با سن دست‌کم {age} سال نمی‌خواند."
MSG_BIRTH_TOO_OLD = "تاریخ تولد پذیرفتنی نیست؛ سال را دوباره بررسی کنید."
MSG_NO_ORG_UNIT = "واحد سازمانی انتخاب‌شده پیدا نشد."
MSG_CODE_TAKEN = "کد ملی «{code}» پیش‌تر برای «{name}» ثبت شده است."
MSG_NO_PERSON = "این فرد در پایگاه داده پیدا نشد؛ شاید کاربر دیگری آن را حذف یا ادغام کرده است."

FIELD_LABELS: dict[str, str] = {
    "national_code": "کد ملی",
    "first_name": "نام",
    "last_name": "نام خانوادگی",
    "father_name": "نام پدر",
    "gender": "جنسیت",
    "birth_date": "تاریخ تولد",
    "mobile": "تلفن همراه",
    "education": "تحصیلات",
    "post": "سمت",
    "category": "گروه",
    "org_unit": "واحد سازمانی",
    "notes": "یادداشت",
}

# Words people write in spreadsheets for each code, besides the code and its label.
_SYNONYMS: dict[StrEnum, tuple[str, ...]] = {
    Gender.MALE: ("آقا", "مذکر", "m", "male", "man"),
    Gender.FEMALE: ("خانم", "مونث", "مؤنث", "f", "female", "woman"),
    PersonCategory.MAYOR: ("شهرداران",),
    PersonCategory.COUNCIL_MEMBER: (
        "عضو شورای اسلامی شهر",
        "عضو شورای شهر",
        "شورا",
        "اعضای شورا",
        "council",
        "council member",
    ),
    PersonCategory.STAFF: ("کارمند شهرداری", "کارکنان", "کارکنان شهرداری", "پرسنل", "employee"),
    Education.BELOW_DIPLOMA: ("سیکل", "زیردیپلم"),
    Education.ASSOCIATE: ("فوق دیپلم", "کاردان"),
    Education.BACHELOR: ("لیسانس", "کارشناس"),
    Education.MASTER: ("فوق لیسانس", "کارشناسی ارشد", "ارشد"),
    Education.DOCTORATE: ("دکترا", "phd"),
}

E = TypeVar("E", bound=StrEnum)


@cache
def _choice_table(enum_cls: type[StrEnum]) -> dict[str, StrEnum]:
    table: dict[str, StrEnum] = {}
    for member in enum_cls:
        for name in (member.value, label(member), *_SYNONYMS.get(member, ())):
            table.setdefault(search_key(name), member)
    return table


@lru_cache(maxsize=131_072)
def folded(text: str) -> str:
    """``search_key`` remembered: names repeat a great deal across a registry and a file."""
    return search_key(text)


def parse_choice(enum_cls: type[E], value: object, field_name: str) -> E | None:
    """An enum code from its code, its Persian label or a common synonym; empty gives None."""
    if isinstance(value, enum_cls):
        return value
    text = normalize_text(value)
    if not text:
        return None
    member = _choice_table(enum_cls).get(folded(text))
    if member is not None:
        return member  # type: ignore[return-value]
    options = "، ".join(label(m) for m in enum_cls)
    title = FIELD_LABELS.get(field_name, field_name)
    raise InvalidField(field_name, MSG_CHOICE.format(field=title, text=text, options=options))


@dataclass
class PersonInput:
    """What a user typed or a spreadsheet row held, before validation (any type goes)."""

    national_code: object = None
    first_name: object = None
    last_name: object = None
    father_name: object = None
    gender: object = None
    birth_date: object = None  # a date, or Jalali text
    mobile: object = None
    education: object = None
    post: object = None
    category: object = None
    org_unit_id: int | None = None
    notes: object = None


@dataclass(frozen=True)
class PersonData:
    """A validated person, ready to store."""

    national_code: str
    first_name: str
    last_name: str
    category: PersonCategory
    father_name: str | None = None
    gender: Gender | None = None
    birth_date: date | None = None
    mobile: str | None = None
    education: Education | None = None
    post: str | None = None
    org_unit_id: int | None = None
    notes: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PersonInvalid(ValueError):
    """One or more fields were refused; ``errors`` has one :class:`InvalidField` per field."""

    def __init__(self, errors: list[InvalidField]) -> None:
        super().__init__("\n".join(e.message for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


class NationalCodeTaken(InvalidField):
    """The national code belongs to someone already registered (``existing_id``)."""

    def __init__(self, code: str, existing_id: int, existing_name: str) -> None:
        shown = to_persian_digits(code)
        super().__init__("national_code", MSG_CODE_TAKEN.format(code=shown, name=existing_name))
        self.existing_id = existing_id


def _name(value: object, field_name: str, required: bool) -> str | None:
    text = normalize_text(value)
    title = FIELD_LABELS[field_name]
    if not text:
        if required:
            raise InvalidField(field_name, MSG_REQUIRED.format(field=title))
        return None
    if any(ch.isdigit() for ch in text):
        raise InvalidField(field_name, MSG_NAME_CHARS.format(field=title, text=text))
    if len(text) > NAME_MAX:
        raise InvalidField(
            field_name, MSG_TOO_LONG.format(field=title, limit=to_persian_digits(NAME_MAX))
        )
    return text


def _birth_date(value: object, today: date) -> date | None:
    if value is None or (isinstance(value, str) and not normalize_text(value)):
        return None
    if isinstance(value, datetime):
        value = value.date()
    born = value if isinstance(value, date) else parse_jalali(str(value), "birth_date")
    if born > today:
        raise InvalidField("birth_date", MSG_BIRTH_FUTURE)
    if born.year < OLDEST_BIRTH_YEAR:
        raise InvalidField("birth_date", MSG_BIRTH_TOO_OLD)
    if (today - born).days < YOUNGEST_AGE * 365:
        age = to_persian_digits(YOUNGEST_AGE)
        raise InvalidField("birth_date", MSG_BIRTH_TOO_YOUNG.format(age=age))
    return born


def _post(value: object) -> str | None:
    text = normalize_text(value)
    if len(text) > POST_MAX:
        limit = to_persian_digits(POST_MAX)
        raise InvalidField("post", MSG_TOO_LONG.format(field=FIELD_LABELS["post"], limit=limit))
    return text or None


def validate_person(data: PersonInput, today: date | None = None) -> PersonData:
    """Check every field; raise :class:`PersonInvalid` naming each bad field (not only the
    first), so the dialog can mark them all at once."""
    errors: list[InvalidField] = []
    values: dict[str, object] = {}
    checks: dict[str, Callable[[], object]] = {
        "national_code": lambda: validate_national_code(data.national_code),
        "first_name": lambda: _name(data.first_name, "first_name", True),
        "last_name": lambda: _name(data.last_name, "last_name", True),
        "father_name": lambda: _name(data.father_name, "father_name", False),
        "gender": lambda: parse_choice(Gender, data.gender, "gender"),
        "birth_date": lambda: _birth_date(data.birth_date, today or date.today()),
        "mobile": lambda: validate_mobile(data.mobile, optional=True) or None,
        "education": lambda: parse_choice(Education, data.education, "education"),
        "post": lambda: _post(data.post),
        "category": lambda: parse_choice(PersonCategory, data.category, "category"),
        "notes": lambda: normalize_multiline(data.notes) or None,
    }
    for key, check in checks.items():
        try:
            values[key] = check()
        except InvalidField as error:
            errors.append(InvalidField(key, error.message))
    if "category" not in [e.field for e in errors] and values.get("category") is None:
        errors.append(InvalidField("category", MSG_REQUIRED.format(field=FIELD_LABELS["category"])))
    if errors:
        raise PersonInvalid(errors)
    return PersonData(org_unit_id=data.org_unit_id, **values)  # type: ignore[arg-type]


def person_input_of(person: Person) -> PersonInput:
    """A stored person as dialog input (for editing)."""
    return PersonInput(
        national_code=person.national_code,
        first_name=person.first_name,
        last_name=person.last_name,
        father_name=person.father_name,
        gender=person.gender,
        birth_date=person.birth_date,
        mobile=person.mobile,
        education=person.education,
        post=person.post,
        category=person.category,
        org_unit_id=person.org_unit_id,
        notes=person.notes,
    )


# -- storing ----------------------------------------------------------------------------------


def person_by_code(session: Session, code: str) -> Person | None:
    return session.scalars(select(Person).where(Person.national_code == code)).one_or_none()


def _check_unique(session: Session, code: str, own_id: int | None) -> None:
    row = session.execute(
        select(Person.id, Person.first_name, Person.last_name).where(Person.national_code == code)
    ).one_or_none()
    if row is not None and row.id != own_id:
        raise NationalCodeTaken(code, row.id, f"{row.first_name} {row.last_name}")


def _check_org_unit(session: Session, org_unit_id: int | None) -> None:
    if org_unit_id is not None and session.get(OrgUnit, org_unit_id) is None:
        raise PersonInvalid([InvalidField("org_unit", MSG_NO_ORG_UNIT)])


def apply_person_data(person: Person, data: PersonData) -> None:
    for item in fields(data):
        setattr(person, item.name, getattr(data, item.name))
    person.search_key = person_search_key(
        data.first_name, data.last_name, data.national_code, data.mobile
    )


def create_person(session: Session, data: PersonInput | PersonData) -> Person:
    """Register a new person; :class:`NationalCodeTaken` (an InvalidField) names the one who
    already has the code, so the UI can offer to open them."""
    require(session, Permission.EDIT_REGISTRY)
    valid = data if isinstance(data, PersonData) else validate_person(data)
    _check_unique(session, valid.national_code, None)
    _check_org_unit(session, valid.org_unit_id)
    person = Person(active=True)
    apply_person_data(person, valid)
    session.add(person)
    session.flush()
    return person


def get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise LookupError(MSG_NO_PERSON)
    return person


def update_person(
    session: Session,
    person_id: int,
    data: PersonInput | PersonData,
    expected_version: int | None = None,
) -> Person:
    """Save corrections; ``expected_version`` (read when the dialog opened) refuses to overwrite
    another desk's later save."""
    require(session, Permission.EDIT_REGISTRY)
    valid = data if isinstance(data, PersonData) else validate_person(data)
    person = get_person(session, person_id)
    if expected_version is not None and person.version != expected_version:
        raise ConcurrentEditError()
    _check_unique(session, valid.national_code, person_id)
    _check_org_unit(session, valid.org_unit_id)
    apply_person_data(person, valid)
    session.flush()
    return person
