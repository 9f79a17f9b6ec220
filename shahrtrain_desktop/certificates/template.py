"""The office's certificate template: header, signatories and the wording of the body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DIRECTOR_GENERAL = "مدیرکل دفتر امور شهری و شوراها"
CIVIL_DEPUTY = "معاون هماهنگی امور عمرانی"


@dataclass(frozen=True, slots=True)
class Signatory:
    name: str
    title: str
    signature_image_path: Path | str | None = None


@dataclass(frozen=True, slots=True)
class BodyWording:
    """Sentences of the certificate body with ``{placeholders}``.

    A clause whose field is empty is left out (no «فرزند» without a father's name, no score
    sentence for a course without a test). Placeholders: ``{father_name}``,
    ``{national_code}``, ``{category}``, ``{org_unit}``, ``{course_code}``, ``{hours}``,
    ``{start_date}``, ``{end_date}``, ``{score}`` (digits already Persian, codes kept as typed).
    A no-break space (U+00A0) keeps two words on one line, as between «تا» and a date.
    """

    intro: str = "بدین‌وسیله گواهی می‌شود"
    father: str = "فرزند {father_name}"
    national_code: str = "به کد ملی {national_code}"
    category: str = "با سمت {category}"
    org_unit: str = "در {org_unit}"
    course_intro: str = "دورهٔ آموزشی"
    completion: str = (
        "به کد {course_code} و به مدت {hours}\u00a0ساعت را از تاریخ\u00a0{start_date}"
        " تا\u00a0{end_date} با موفقیت گذرانده{score} است."
    )
    score: str = " و نمرهٔ\u00a0{score} از\u00a0۲۰ را کسب کرده"


@dataclass(frozen=True, slots=True)
class OfficeTemplate:
    """Everything on a certificate that comes from the office's settings, not the holder."""

    province: str = ""
    office_name: str = "دفتر امور شهری و شوراها"
    organization: str = "وزارت کشور"
    logo_path: Path | str | None = None
    signatories: tuple[Signatory, ...] = (
        Signatory("", DIRECTOR_GENERAL),
        Signatory("", CIVIL_DEPUTY),
    )
    title: str = "گواهی‌نامهٔ آموزشی"
    heading: str = "بسمه تعالی"
    qr_caption: str = "برای استعلام اصالت، کد را با برنامهٔ سامانه بخوانید"
    wording: BodyWording = field(default_factory=BodyWording)

    @property
    def header_lines(self) -> list[str]:
        """Organisation, governorate and office, top to bottom (empty ones left out)."""
        governorate = f"استانداری {self.province}" if self.province else ""
        return [line for line in (self.organization, governorate, self.office_name) if line]


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, fallback: str, values: Mapping[str, str]) -> str:
    """``template`` with its placeholders filled; *fallback* if an edited template is broken.

    Unknown placeholders become empty; values are inserted as they are, never parsed.
    """
    for candidate in (template, fallback):
        try:
            return candidate.format_map(_Blank(values))
        except (ValueError, IndexError, AttributeError, KeyError):
            continue
    return ""
