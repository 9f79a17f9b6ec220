"""The shared report layout: Persian text right to left, header repeated, Jalali dates readable."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from shahrtrain_desktop.pdf.report import Column, ReportDocument


def _build(path: Path, rows: int) -> Path:
    doc = ReportDocument(
        path, "برنامهٔ سالانهٔ آموزش ۱۴۰۵", "استانداری قزوین", "همهٔ دوره‌ها", "۱۴۰۵/۰۹/۰۴"
    )
    doc.heading("خلاصه")
    doc.figures([("نفر-ساعت", "۱۰٬۹۸۷"), ("دوره‌ها", "۳۰")])
    doc.table(
        [Column("ردیف", 0.5, "center"), Column("عنوان دوره", 4), Column("شروع", 1.2, date=True)],
        [(str(i), "آشنایی با قانون «شهرداری‌ها» (اصلاحیه)", "۱۴۰۵/۰۹/۰۴") for i in range(rows)],
    )
    doc.bar_chart(["فروردین", "اردیبهشت", "خرداد"], [3, 5, 2])
    return doc.save()


def test_long_table_repeats_its_header_and_numbers_pages(tmp_path: Path) -> None:
    path = _build(tmp_path / "r.pdf", rows=80)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
        texts = ["".join(ch["text"] for ch in page.chars) for page in pdf.pages]
    table_pages = [t for t in texts if "ﻪﯿﺣﻼﺻﺍ" in t]  # rows hold «اصلاحیه», drawn shaped
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "ﻉﻭﺮﺷ" in text  # the header cell «شروع» is on every page with rows
    assert [t.count("ﻪﺤﻔﺻ") for t in texts] == [1] * len(texts)
    assert not list(tmp_path.glob(".partial-*"))


def test_jalali_date_cell_reads_year_first_from_the_right(tmp_path: Path) -> None:
    path = _build(tmp_path / "r.pdf", rows=1)
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    digits = [w for w in words if "۱۴۰۵" in w["text"] and "۰۴" in w["text"]]
    assert digits, words
    text = digits[-1]["text"].replace("\u200f", "")
    # Visual order left→right: day, month, year — so the year is the rightmost part.
    assert text.startswith("۰۴") and text.endswith("۱۴۰۵")


def test_bar_chart_reads_from_the_right_with_its_scale_on_the_right(tmp_path: Path) -> None:
    doc = ReportDocument(tmp_path / "c.pdf", "نمودار", "استانداری قزوین", "", "۱۴۰۵/۰۹/۰۴")
    doc.bar_chart(["فروردین", "اردیبهشت", "خرداد"], [3000, 12000, 2000])
    path = doc.save()
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        bars = [r for r in page.rects if r["height"] > 1 and r["width"] < page.width / 2]
    first_month = next(w for w in words if w["text"] == "ﻦﯾﺩﺭﻭﺮﻓ")  # «فروردین», shaped
    last_month = next(w for w in words if w["text"] == "ﺩﺍﺩﺮﺧ")  # «خرداد», shaped
    assert first_month["x0"] > last_month["x1"]  # the first month stands on the right
    scale = [w for w in words if w["text"] in ("۵٬۰۰۰", "۱۰٬۰۰۰")]
    assert scale, words  # Persian digits, grouped
    assert min(w["x0"] for w in scale) > max(b["x1"] for b in bars)  # right of every bar
