"""Qazvin province: its counties, their municipalities (with grades) and city councils, venues.

Cities are the province's real ones; grades (1–12) and council sizes follow their population
(5 members up to 50,000 people, 7 up to 200,000, 9 above) and are plausible, not official.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    grade: int
    council_seats: int


@dataclass(frozen=True)
class CountySpec:
    name: str
    code: str
    cities: tuple[City, ...]


COUNTIES: tuple[CountySpec, ...] = (
    CountySpec(
        "قزوین",
        "QZ-01",
        (
            City("قزوین", 11, 9),
            City("اقبالیه", 6, 5),
            City("محمودآباد نمونه", 4, 5),
            City("کوهین", 2, 5),
            City("معلم\u200cکلایه", 2, 5),
            City("رازمیان", 2, 5),
            City("سیردان", 2, 5),
        ),
    ),
    CountySpec(
        "البرز",
        "QZ-02",
        (
            City("الوند", 7, 7),
            City("محمدیه", 7, 7),
            City("بیدستان", 5, 5),
            City("شریفیه", 4, 5),
        ),
    ),
    CountySpec("آبیک", "QZ-03", (City("آبیک", 6, 7), City("خاکعلی", 2, 5))),
    CountySpec(
        "بوئین\u200cزهرا",
        "QZ-04",
        (
            City("بوئین\u200cزهرا", 6, 5),
            City("شال", 3, 5),
            City("دانسفهان", 3, 5),
            City("سگزآباد", 3, 5),
            City("ارداق", 2, 5),
        ),
    ),
    CountySpec(
        "تاکستان",
        "QZ-05",
        (
            City("تاکستان", 7, 7),
            City("اسفرورین", 4, 5),
            City("خرمدشت", 4, 5),
            City("ضیاءآباد", 3, 5),
            City("نرجه", 2, 5),
        ),
    ),
    CountySpec("آوج", "QZ-06", (City("آوج", 3, 5), City("آبگرم", 2, 5))),
)

GOVERNORATE = "استانداری قزوین"

# Training halls every province has; "{county}" and "{city}" are filled in.
PROVINCIAL_VENUES: tuple[tuple[str, str, int], ...] = (
    ("سالن همایش استانداری قزوین", "قزوین، میدان آزادی، استانداری", 180),
    ("مرکز آموزش شهرداری قزوین", "قزوین، بلوار نوروزیان", 60),
    ("دانشگاه بین\u200cالمللی امام خمینی (ره) — سالن شهید بابایی", "قزوین، بلوار دانشگاه", 120),
    ("سالن اجتماعات سازمان آتش\u200cنشانی قزوین", "قزوین، خیابان نادری", 45),
)
COUNTY_VENUES: tuple[tuple[str, str, int], ...] = (
    ("سالن اجتماعات فرمانداری {county}", "{city}، فرمانداری", 70),
    ("سالن جلسات شهرداری {city}", "{city}، ساختمان مرکزی شهرداری", 35),
)
EXTRA_ROOM = "کلاس {number} مرکز آموزش شهرداری {city}"


def municipality_name(city: str) -> str:
    return f"شهرداری {city}"


def council_name(city: str) -> str:
    return f"شورای اسلامی شهر {city}"


def council_posts(seats: int) -> list[str]:
    """Posts in a council's board as elected each year, then plain members."""
    board = ["رئیس شورا", "نایب\u200cرئیس شورا", "منشی شورا"]
    if seats >= 7:
        board.append("خزانه\u200cدار شورا")
    return board + ["عضو شورا"] * (seats - len(board))
