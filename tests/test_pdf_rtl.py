"""The Persian text engine for reportlab: shaping, reordering, wrapping, drawing."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from bidi.algorithm import get_display
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from test_pdf_reading import base, joining_problems

from shahrtrain_desktop.pdf import rtl, shaping
from shahrtrain_desktop.pdf.fonts import BOLD, MEDIUM, REGULAR, register_fonts
from shahrtrain_desktop.persian.normalize import normalize_text

CASES = json.loads(
    (Path(__file__).resolve().parents[1].parent / "shared" / "persian" / "cases.json").read_text(
        encoding="utf-8"
    )
)["cases"]
TEXT_CASES = [c for c in CASES if c["field"] != "national_code"]


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    register_fonts()


def read_back(visual: str) -> str:
    """Logical text of a right-to-left visual string with no Latin in it."""
    return "".join(base(c) for c in reversed(visual))


def test_register_fonts_is_idempotent() -> None:
    register_fonts()
    register_fonts()
    for name in (REGULAR, MEDIUM, BOLD):
        assert stringWidth("سلام", name, 10) > 0


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c["id"] for c in TEXT_CASES])
def test_every_case_joins_like_a_word_processor(case: dict[str, object]) -> None:
    visual = rtl.visual_line(normalize_text(case["text"]))
    assert joining_problems(list(visual)) == []
    assert not any(unicodedata.category(c) in ("Cc", "Cf") and c != rtl.ZWNJ for c in visual)


def test_zwnj_breaks_the_join_and_is_kept() -> None:
    visual = rtl.visual_line("اسماعیلی‌پور")
    assert read_back(visual) == "اسماعیلی‌پور"
    assert joining_problems(list(visual)) == []


def test_ezafe_hamza_is_kept() -> None:
    visual = rtl.visual_line("دورهٔ مدیریت")
    assert "\u0654" in visual
    assert read_back(visual) == "دورهٔ مدیریت"


def test_lam_alef_ligature() -> None:
    visual = rtl.visual_line("سلامت، ایمنی و ملاحظات اعلام حریق")
    assert {"\ufefb", "\ufefc"} & set(visual)
    assert "\u0644\u0627" not in visual  # no unjoined lam + alef left


def test_brackets_and_guillemets_are_mirrored() -> None:
    visual = rtl.visual_line("قانون «شهرداری‌ها» (اصلاحیه)")
    # Drawn left to right: the bracket on the right of a quoted word must face it.
    assert visual.index("«") < visual.index("»")
    assert visual.index("(") < visual.index(")")
    assert read_back(visual).startswith("قانون")


def test_latin_runs_keep_their_order_and_place() -> None:
    visual = rtl.visual_line("مهارت‌های ICDL سطح ۲")
    assert "ICDL" in visual
    left, right = visual.split("ICDL")
    assert read_back(right.strip()) == "مهارت‌های"
    assert read_back(left.strip()) == "سطح ۲"
    visual = rtl.visual_line("آموزش GIS و AutoCAD")
    assert visual.index("AutoCAD") < visual.index("GIS")


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_embedded_code_reads_as_typed(where: str) -> None:
    code = rtl.embed_ltr("1405-QZ-000123")
    text = {"start": f"{code} شماره", "middle": f"شماره {code} صادر", "end": f"شماره: {code}"}
    assert "1405-QZ-000123" in rtl.visual_line(text[where])


def test_date_keeps_year_on_the_right() -> None:
    visual = rtl.visual_line("تاریخ " + rtl.rtl_date("۱۴۰۵/۰۹/۰۴"))
    assert visual.startswith("۰۴/۰۹/۱۴۰۵")


def test_isolates_and_controls_do_not_raise_and_vanish() -> None:
    visual = rtl.visual_line("دوره \u2066Excel\u2069 پیشرفته\u200f\n\x00")
    assert "Excel" in visual
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in visual)


def test_wrapped_lines_read_top_to_bottom() -> None:
    title = next(c["text"] for c in CASES if c["id"] == "wrapped-title")
    lines = rtl.wrap_logical(title, BOLD, 18, 300)
    assert len(lines) >= 3
    assert lines[0].startswith("آشنایی با")
    assert " ".join(lines) == title
    for line in lines:
        assert rtl.text_width(line, BOLD, 18) <= 300


def test_a_word_wider_than_the_box_is_broken() -> None:
    lines = rtl.wrap_logical("ب" * 200, REGULAR, 12, 100)
    assert len(lines) > 1
    assert all(rtl.text_width(line, REGULAR, 12) <= 100 for line in lines)


def test_fit_font_size_shrinks_long_names() -> None:
    short = rtl.fit_font_size("علی کریمی", BOLD, 24, 12, 400)
    long = rtl.fit_font_size("محمدحسین " * 8, BOLD, 24, 12, 400)
    assert short == 24
    assert 12 <= long < 24
    assert rtl.text_width("محمدحسین " * 8, BOLD, long) <= 400 or long == 12


def test_paragraph_stops_at_max_lines_with_an_ellipsis() -> None:
    lines = rtl.layout_paragraph("کلمه " * 200, REGULAR, 12, 200, max_lines=2)
    assert len(lines) == 2
    assert lines[-1].endswith(rtl.ELLIPSIS)


def test_draw_never_passes_its_box() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    width = rtl.draw_rtl(canvas, 300, 100, "بسیار " * 40, REGULAR, 14, max_width=150)
    assert width == pytest.approx(150)
    y = rtl.draw_paragraph_rtl(canvas, "متن " * 50, 500, 700, 200, REGULAR, 12, 18, "center")
    assert y < 700
    canvas.save()


_PERSIANISH = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"),
) | st.sampled_from(list("سلام«»()[]‌ٔ\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200f\u0640 AZ09"))
_ANY = st.text(alphabet=_PERSIANISH, max_size=60) | st.text(max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_ANY, base_rtl=st.booleans())
def test_never_raises_on_any_text(text: str, base_rtl: bool) -> None:
    visual = rtl.visual_line(text, base_rtl=base_rtl)
    assert isinstance(visual, str)
    lines = rtl.wrap_logical(text, REGULAR, 12, 120)
    assert all(isinstance(line, str) for line in lines)
    rtl.fit_font_size(text, BOLD, 20, 10, 150, max_lines=2)
    canvas = Canvas(io.BytesIO())
    rtl.draw_rtl(canvas, 300, 100, text, REGULAR, 12, max_width=100)
    rtl.draw_rtl_centered(canvas, 300, 80, text, MEDIUM, 12)
    rtl.draw_paragraph_rtl(canvas, text, 500, 700, 200, BOLD, 12, 18, "center", max_lines=2)
    canvas.save()


@given(text=st.text(alphabet=st.characters(codec=None), max_size=20))
def test_never_raises_on_lone_surrogates(text: str) -> None:
    canvas = Canvas(io.BytesIO())
    rtl.draw_rtl(canvas, 300, 100, text + "\ud800", REGULAR, 12)
    canvas.save()


# -- the fast reordering is the bidi algorithm, only cheaper --------------------------------------

_BIDI_ALPHABET = st.sampled_from(
    list("ابپتسشیکگلامنوهدرژ")
    + list("  ۰۱۲٠١0123AbZ«»()[]،.,-+/:%#$\u0654\u064e\u00a0\u066a\u066b\u066c")
    + ["\u200c", "\u200f", "\u200e", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d"]
    + ["\u202e", "\u05d0", "\u0640", "\n", "\u2026", "\u2014"]
)


@settings(max_examples=1500, deadline=None)
@given(text=st.text(alphabet=_BIDI_ALPHABET, max_size=40))
def test_fast_reordering_matches_the_bidi_algorithm(text: str) -> None:
    shaped = shaping.shape(shaping.sanitize(text))
    reference = get_display(shaping._keep_zwnj(shaped), base_dir="R")
    assert shaping.reorder(shaped) == reference.translate(shaping._FINISH)


def test_word_by_word_shaping_equals_whole_line_shaping() -> None:
    for case in TEXT_CASES:
        text = normalize_text(case["text"])
        assert shaping.shape(text) == shaping._RESHAPER.reshape(text)


def test_fast_path_character_classes() -> None:
    pure = {"R", "AL", "NSM", "WS", "ON", "CS", "ES", "ET", "BN"}
    for code in range(0x10000):
        ch = chr(code)
        if re.fullmatch(shaping._LETTER, ch):
            assert unicodedata.bidirectional(ch) == "AL", hex(code)
        if shaping._PURE_RE.fullmatch(ch):
            assert unicodedata.bidirectional(ch) in pure, hex(code)
        elif shaping._WITH_DIGITS_RE.fullmatch(ch):
            assert unicodedata.bidirectional(ch) in ("EN", "AN"), hex(code)
        if shaping._PLAIN_RE.fullmatch(ch):
            assert unicodedata.category(ch) not in ("Cc", "Cs", "Cn", "Co"), hex(code)
            assert unicodedata.category(ch) != "Cf" or ch in "\u200c\u200f\u202a\u202c", hex(code)


def test_balanced_lines_are_even_and_keep_words_whole() -> None:
    text = (
        "به کد QZ-C01 و به مدت ۲۴ ساعت را از تاریخ\u00a0۱۴۰۵/۰۸/۰۱ تا\u00a0۱۴۰۵/۰۸/۳۰"
        " با موفقیت گذرانده است."
    )
    greedy = rtl.layout_paragraph(text, REGULAR, 15, 420)
    balanced = rtl.layout_paragraph(text, REGULAR, 15, 420, balanced=True)
    assert len(balanced) == len(greedy) == 2
    widths = [rtl.text_width(line, REGULAR, 15) for line in balanced]
    assert max(widths) - min(widths) < max(
        rtl.text_width(line, REGULAR, 15) for line in greedy
    ) - min(rtl.text_width(line, REGULAR, 15) for line in greedy)
    assert " ".join(balanced).split() == text.split()
    assert any("تا\u00a0۱۴۰۵/۰۸/۳۰" in line for line in balanced)  # no break at a no-break space


def test_balancing_a_word_wider_than_the_box_still_fits_the_box() -> None:
    lines = rtl.layout_paragraph("ب" * 150, BOLD, 14, 300, max_lines=3, balanced=True)
    assert len(lines) > 1
    assert all(rtl.text_width(line, BOLD, 14) <= 300 for line in lines)


def _many_glyph_pages(path: Path) -> None:
    """Three pages repeating lines that, together, need more than one 256-glyph font subset,
    so a cached line is sometimes drawn after a line of another subset."""
    face = pdfmetrics.getFont(REGULAR).face  # type: ignore[attr-defined]
    drawable = [chr(c) for c in sorted(face.charToGlyph) if chr(c).isalnum()][:600]
    words = ["".join(drawable[i : i + 8]) for i in range(0, len(drawable), 8)]
    lines = [" ".join(words[i : i + 6]) for i in range(0, len(words), 6)] + ["دوره ۱۴۰۵"]
    canvas = Canvas(str(path))
    for page in range(3):
        out = rtl.RtlText(canvas)
        for i, line in enumerate([*lines, *reversed(lines)][page:]):
            out.line(560, 800 - i * 17, line, REGULAR, 9, 520)
        out.draw()
        canvas.showPage()
    canvas.save()


def test_text_operators_reused_within_a_document_draw_the_same_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pdfplumber

    cached, plain = tmp_path / "cached.pdf", tmp_path / "plain.pdf"
    _many_glyph_pages(cached)
    monkeypatch.setattr(rtl, "_document_cache", lambda _canvas: rtl._DocumentCache())
    _many_glyph_pages(plain)
    with pdfplumber.open(cached) as a, pdfplumber.open(plain) as b:
        assert len(a.pages) == len(b.pages) == 3
        for page_a, page_b in zip(a.pages, b.pages, strict=True):
            chars_a = [(c["text"], round(c["x0"], 2), round(c["top"], 2)) for c in page_a.chars]
            chars_b = [(c["text"], round(c["x0"], 2), round(c["top"], 2)) for c in page_b.chars]
            assert chars_a == chars_b
    assert b"AAAAAB+Vazirmatn" in cached.read_bytes()  # a second subset was needed
