"""What is printed on one certificate, and reading it from a JSON object (the CLI preview)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from shahrtrain_desktop.persian.errors import InvalidField
from shahrtrain_desktop.persian.jalali import parse_jalali
from shahrtrain_desktop.persian.national_code import normalize_national_code
from shahrtrain_desktop.persian.normalize import (
    normalize_text,
    parse_decimal,
    to_ascii_digits,
    to_persian_digits,
)

from .errors import CertificateError
from .payload import PayloadFields

# Persian names of the fields, in the order they are reported.
FIELD_LABELS: dict[str, str] = {
    "holder_name": "نام و نام خانوادگی",
    "father_name": "نام پدر",
    "national_code": "کد ملی",
    "category": "سمت",
    "org_unit": "واحد محل خدمت",
    "course_title": "عنوان دوره",
    "course_code": "کد دوره",
    "hours": "مدت دوره (ساعت)",
    "start_date": "تاریخ شروع",
    "end_date": "تاریخ پایان",
    "score": "نمره",
    "number": "شمارهٔ گواهی‌نامه",
    "issue_date": "تاریخ صدور",
}
REQUIRED_FIELDS: tuple[str, ...] = (
    "holder_name",
    "national_code",
    "course_title",
    "course_code",
    "hours",
    "start_date",
    "end_date",
    "number",
    "issue_date",
)
MAX_SCORE = 20
MAX_HOURS = 6000  # what the QR payload can carry (tenths of an hour in 16 bits)
_TEXT_FIELDS = ("holder_name", "father_name", "category", "org_unit", "course_title")
_CODE_FIELDS = ("course_code", "number")
_DATE_FIELDS = ("start_date", "end_date", "issue_date")


class CertificateDataError(CertificateError, ValueError):
    """Certificate data that cannot be printed; ``str()`` says in Persian what is wrong.

    ``missing`` holds the ids of required fields not given, ``invalid`` the rejected values.
    """

    def __init__(
        self,
        message: str,
        missing: tuple[str, ...] = (),
        invalid: tuple[InvalidField, ...] = (),
    ) -> None:
        super().__init__(message)
        self.missing = missing
        self.invalid = invalid

    @classmethod
    def from_problems(cls, missing: list[str], invalid: list[InvalidField]) -> CertificateDataError:
        lines: list[str] = []
        if missing:
            names = "، ".join(FIELD_LABELS.get(name, name) for name in missing)
            lines.append(f"این اطلاعات گواهی‌نامه وارد نشده است: {names}.")
        lines += [f"{FIELD_LABELS.get(e.field, e.field)}: {e.message}" for e in invalid]
        return cls("\n".join(lines), tuple(missing), tuple(invalid))


@dataclass(frozen=True, slots=True)
class CertificateFields:
    """One certificate's content: stored values (normalised text, ASCII codes, Gregorian dates).

    ``reprint_label`` is printed beside the number on a reprint or a duplicate («المثنی»).
    """

    holder_name: str
    national_code: str
    course_title: str
    course_code: str
    hours: float
    start_date: date
    end_date: date
    number: str
    issue_date: date
    father_name: str = ""
    category: str = ""
    org_unit: str = ""
    score: float | None = None
    reprint_label: str = ""

    def payload(self) -> PayloadFields:
        """What the certificate's QR code vouches for."""
        return PayloadFields(
            number=self.number,
            national_code=self.national_code,
            course_code=self.course_code,
            end_date=self.end_date,
            hours=self.hours,
            score=self.score,
        )

    @classmethod
    def from_json_dict(cls, data: Mapping[str, object]) -> CertificateFields:
        """Read fields as ``certificates preview --data`` gives them (dates Jalali ``YYYY/MM/DD``).

        Text is normalised as on any input; raises :class:`CertificateDataError` naming every
        missing or unreadable field at once.
        """
        if not isinstance(data, Mapping):
            raise CertificateDataError.from_problems(list(REQUIRED_FIELDS), [])
        values: dict[str, object] = {}
        missing: list[str] = []
        invalid: list[InvalidField] = []
        for name in FIELD_LABELS:
            raw = data.get(name)
            try:
                value = _read_field(name, raw)
            except InvalidField as error:
                invalid.append(error)
                continue
            if value in ("", None):
                if name in REQUIRED_FIELDS:
                    missing.append(name)
                continue
            values[name] = value
        label = normalize_text(data.get("reprint_label"))
        if label:
            values["reprint_label"] = label
        if missing or invalid:
            raise CertificateDataError.from_problems(missing, invalid)
        return cls(**values)  # type: ignore[arg-type]


def _read_field(name: str, raw: object) -> object:
    if raw is None or (isinstance(raw, str) and not normalize_text(raw)):
        return None
    if name in _TEXT_FIELDS:
        return normalize_text(raw)
    if name in _CODE_FIELDS:
        return to_ascii_digits(normalize_text(raw)).replace(" ", "")
    if name == "national_code":
        code = normalize_national_code(raw)
        if not code.isascii() or not code.isdigit():
            raise InvalidField(name, f"کد ملی فقط باید رقم داشته باشد؛ «{raw}» پذیرفته نیست.")
        return code
    if name in _DATE_FIELDS:
        if not isinstance(raw, str):
            raise InvalidField(name, "تاریخ باید به شکل متن سال/ماه/روز نوشته شود.")
        return parse_jalali(raw, field=name)
    number = parse_decimal(raw, field=name)
    if number is not None:
        if name == "score" and not 0 <= number <= MAX_SCORE:
            raise InvalidField(name, f"نمره باید بین ۰ و {to_persian_digits(MAX_SCORE)} باشد.")
        if name == "hours" and not 0 < number <= MAX_HOURS:
            raise InvalidField(
                name, f"مدت دوره باید بیش از ۰ و حداکثر {to_persian_digits(MAX_HOURS)} ساعت باشد."
            )
    return number
