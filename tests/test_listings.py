"""The stage listings, Qt-free: ids in SQL order, display rows, filters and headline figures."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from ui_sample import fill_demo, fill_sample

from shahrtrain_desktop.models import Offering
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import DeliveryMode, OfferingStatus
from shahrtrain_desktop.persian import rtl_date_marks
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.dashboard_headline import headline
from shahrtrain_desktop.services.listings import Filters, Kind, format_value


@pytest.fixture
def sample(db: Database) -> Database:
    fill_sample(db)
    return db


def rows(db: Database, spec: listings.ListingSpec, **kw: object) -> list[tuple[str, ...]]:
    with db.engine.connect() as conn:
        ids = listings.ordered_ids(conn, spec, **kw)  # type: ignore[arg-type]
        fetched = listings.fetch_rows(conn, spec, ids)
    return [fetched[i] for i in ids]


def column(spec: listings.ListingSpec, table: list[tuple[str, ...]], key: str) -> list[str]:
    return [row[spec.index(key)] for row in table]


def test_every_spec_lists_rows_with_one_text_per_column(sample: Database) -> None:
    for spec in listings.SPECS:
        table = rows(sample, spec)
        assert table, spec.key
        assert all(len(row) == len(spec.columns) for row in table)


def test_needs_show_labels_jalali_dates_and_persian_digits(sample: Database) -> None:
    (row,) = rows(sample, listings.NEEDS)
    spec = listings.NEEDS
    assert row[spec.index("year")] == "۱۴۰۵"
    assert row[spec.index("count")] == "۱٬۲۵۰"
    assert row[spec.index("priority")] == "زیاد"
    assert row[spec.index("target_group")] == "شهردار"
    assert row[spec.index("document_number")] == "۴۵۲۱/۳۲"
    assert row[spec.index("document_date")] == rtl_date_marks("۱۴۰۵/۰۱/۲۳")


def test_people_sorted_by_last_name_and_reversible(sample: Database) -> None:
    spec = listings.PEOPLE
    names = column(spec, rows(sample, spec), "name")
    assert names[0] == "زهرا احمدی" and names[-1] == "مریم کریمی"
    backwards = column(spec, rows(sample, spec, sort="name", descending=True), "name")
    assert backwards == names[::-1]
    codes = column(spec, rows(sample, spec, sort="national_code"), "national_code")
    assert codes[0] == "۰۰۱۲۳۴۵۶۷۹"


def test_people_search_folds_arabic_letters_and_digits(sample: Database) -> None:
    spec = listings.PEOPLE
    # Arabic yeh and kaf, as a Windows Arabic keyboard types them.
    found = rows(sample, spec, filters=Filters(text="ياسر كاظمي"))
    assert column(spec, found, "name") == ["یاسر کاظمی‌نیا"]
    by_code = rows(sample, spec, filters=Filters(text="۰۰۸۴۵"))
    assert column(spec, by_code, "name") == ["مریم کریمی"]
    assert rows(sample, spec, filters=Filters(text="%")) == []


def test_choice_year_and_date_filters(sample: Database) -> None:
    offerings = listings.OFFERINGS
    running = rows(sample, offerings, filters=Filters(choices={"status": "running"}))
    assert column(offerings, running, "code") == ["۱۴۰۵-۰۰۲"]
    assert len(rows(sample, offerings, filters=Filters(year=1405))) == 2
    assert rows(sample, offerings, filters=Filters(year=1404)) == []
    late = rows(sample, offerings, filters=Filters(date_from=date(2026, 11, 1)))
    assert column(offerings, late, "code") == ["۱۴۰۵-۰۰۲"]
    with sample.engine.connect() as conn:
        assert listings.available_years(conn, offerings) == [1405]


def test_year_filter_offers_only_years_with_listed_rows(sample: Database) -> None:
    with sample.session() as s:
        course = s.scalars(select(Offering)).first().course  # type: ignore[union-attr]
        s.add(
            Offering(
                code="1406-001",
                course=course,
                year=1406,
                start_date=date(2027, 4, 3),
                end_date=date(2027, 4, 5),
                mode=DeliveryMode.IN_PERSON,
                capacity=20,
                status=OfferingStatus.OPEN,
            )
        )
    with sample.engine.connect() as conn:
        assert listings.available_years(conn, listings.OFFERINGS) == [1406, 1405]
        # An offering open for enrolment is neither delivered nor has outcomes or certificates yet.
        for spec in (listings.DELIVERY, listings.OUTCOMES, listings.CERTIFICATES):
            assert listings.available_years(conn, spec) == [1405], spec.key
        assert listings.available_years(conn, listings.PEOPLE) == []


def test_offering_aggregates(sample: Database) -> None:
    spec = listings.OFFERINGS
    table = rows(sample, spec, sort="code")
    assert column(spec, table, "enrolled") == ["۴", "۴"]
    starts = [rtl_date_marks("۱۴۰۵/۰۷/۱۱"), rtl_date_marks("۱۴۰۵/۰۹/۰۴")]
    assert column(spec, table, "start") == starts
    assert column(spec, table, "mode") == ["حضوری", "مجازی"]
    delivery = listings.DELIVERY
    table = rows(sample, delivery, sort="code")
    # The running offering has no attendance yet: no sessions held, no percentage.
    assert column(delivery, table, "sessions_held") == ["۳", "۰"]
    assert column(delivery, table, "sessions_total") == ["۳", "۳"]
    assert column(delivery, table, "attendance") == ["۹۱٫۷٪", ""]


def test_outcomes_and_certificates(sample: Database) -> None:
    spec = listings.OUTCOMES
    table = rows(sample, spec, sort="final")
    assert column(spec, table, "pre") == ["۹٫۲۵"] * 4
    assert column(spec, table, "final") == ["۱۵٫۵", "۱۶٫۵", "۱۷٫۵", "۱۸٫۵"]
    assert column(spec, table, "result")[-1] == "مردود"
    failed = rows(sample, spec, filters=Filters(choices={"result": "failed"}))
    assert column(spec, failed, "name") == ["زهرا احمدی"]
    certs = listings.CERTIFICATES
    issued = rows(sample, certs, filters=Filters(choices={"status": "issued"}), sort="number")
    assert column(certs, issued, "number") == ["1405-QZ-000120", "1405-QZ-000121"]
    assert column(certs, issued, "issue_date") == [rtl_date_marks("۱۴۰۵/۰۷/۲۸")] * 2


def test_enum_columns_sort_in_workflow_order(sample: Database) -> None:
    spec = listings.CERTIFICATES
    statuses = column(spec, rows(sample, spec, sort="status"), "status")
    assert statuses == ["نامزد صدور", "صادرشده", "صادرشده"]


def test_headline_counts_person_hours_of_the_year(sample: Database) -> None:
    with sample.engine.connect() as conn:
        figures = headline(conn, 1405)
        assert headline(conn, 1404).person_hours == 0
    # Four people × three 4-hour sessions, one absence: 44 person-hours.
    assert figures.person_hours == 44
    assert figures.trainees == 4
    assert figures.offerings_held == 2
    assert figures.certificates_issued == 2
    assert figures.items()[0] == ("نفر-ساعت آموزش", "۴۴")


def test_fetch_rows_of_no_ids_runs_no_query(sample: Database) -> None:
    with sample.engine.connect() as conn:
        assert listings.fetch_rows(conn, listings.PEOPLE, []) == {}


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        (Kind.INTEGER, 12345, "۱۲٬۳۴۵"),
        (Kind.YEAR, 1405, "۱۴۰۵"),
        (Kind.DECIMAL, 17.0, "۱۷"),
        (Kind.PERCENT, 85.26, "۸۵٫۳٪"),
        (Kind.DATE, date(2026, 11, 25), "\u200f۱۴۰۵\u200f/۰۹\u200f/۰۴\u200f"),
        (Kind.CODE, "1405-QZ-000123", "1405-QZ-000123"),
        (Kind.DIGITS, "0012345679", "۰۰۱۲۳۴۵۶۷۹"),
        (Kind.TEXT, None, ""),
    ],
)
def test_format_value(kind: Kind, value: object, text: str) -> None:
    assert format_value(kind, value) == text


def test_ltr_columns_are_codes_and_numbers_not_dates() -> None:
    spec = listings.CERTIFICATES
    ltr = [c.key for c in spec.columns if c.ltr]
    assert ltr == ["number", "national_code", "print_count"]


def test_demo_province_year_fills_every_listing(db: Database) -> None:
    fill_demo(db)
    with db.engine.connect() as conn:
        for spec in listings.SPECS:
            ids = listings.ordered_ids(conn, spec)
            assert ids, spec.key
            for column in spec.columns:  # every column sorts in SQL
                assert len(listings.ordered_ids(conn, spec, sort=column.key)) == len(ids)
            assert len(listings.fetch_rows(conn, spec, ids[:200])) == min(len(ids), 200)
        figures = headline(conn, 1405)
    assert figures.person_hours > 0 and figures.trainees > 0
    assert figures.offerings_held > 0 and figures.certificates_issued > 0


def test_headline_and_dashboard_give_the_same_year(db: Database) -> None:
    from shahrtrain_desktop.services.dashboard import build_dashboard
    from shahrtrain_desktop.services.dashboard_period import Period

    fill_demo(db)
    with db.engine.connect() as conn:
        strip = headline(conn, 1405)
        board = build_dashboard(conn, Period.of_year(1405))
    assert strip.person_hours == pytest.approx(board.person_hours)
    assert strip.person_hours > 0
