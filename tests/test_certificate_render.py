"""Certificates as a reader sees them: rendered through the preview path and read back."""

from __future__ import annotations

import gc
import json
import re
import shutil
import string
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from test_pdf_reading import (
    Char,
    base,
    chars_of_word,
    joining_problems,
    line_containing,
    lines_of,
    reading_text,
    span,
    visual_order,
)

from shahrtrain_desktop.certificates import render as render_module
from shahrtrain_desktop.certificates.fields import CertificateDataError, CertificateFields
from shahrtrain_desktop.certificates.payload import SamplePayloadError, decode
from shahrtrain_desktop.certificates.render import (
    CertificateOutputError,
    RenderCancelled,
    preview_from_json_file,
    render_certificates,
)
from shahrtrain_desktop.certificates.signing import (
    generate_private_key,
    key_id_of,
    parse_and_verify,
    sign_payload,
)
from shahrtrain_desktop.certificates.template import OfficeTemplate, Signatory

CASES = json.loads(
    (Path(__file__).resolve().parents[1].parent / "shared" / "persian" / "cases.json").read_text(
        encoding="utf-8"
    )
)["cases"]
BASE: dict[str, Any] = {
    "holder_name": "زهرا رضایی",
    "father_name": "علی",
    "national_code": "0012345678",
    "category": "شهردار",
    "org_unit": "شهرداری تاکستان",
    "course_title": "مدیریت شهری",
    "course_code": "QZ-MGT-07",
    "hours": 24,
    "start_date": "1405/08/01",
    "end_date": "1405/08/30",
    "score": 18.5,
    "number": "1405-QZ-000777",
    "issue_date": "1405/09/04",
}
TEMPLATE = OfficeTemplate(
    province="قزوین",
    signatories=(
        Signatory("علیرضا محمدی", "مدیرکل دفتر امور شهری و شوراها"),
        Signatory("حسن کاظمی", "معاون هماهنگی امور عمرانی"),
    ),
)
FRAME = 26.0  # the innermost border line's inset
PAGE_W, PAGE_H = 841.89, 595.28
CODE_CHARS = frozenset(string.ascii_letters + string.digits + "-")
HAVE_TOOLS = bool(shutil.which("zbarimg") and shutil.which("pdftoppm"))


def render_preview_json(
    tmp_path: Path, template: OfficeTemplate = TEMPLATE, **changes: Any
) -> Path:
    data = {**BASE, **changes}
    source = tmp_path / "fields.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "preview.pdf"
    preview_from_json_file(source, out, template)
    return out


def page_chars(pdf_path: Path, page: int = 0) -> list[Char]:
    with pdfplumber.open(pdf_path) as pdf:
        return list(pdf.pages[page].chars)


def field_lines(chars: list[Char], anchor: str) -> list[list[Char]]:
    """All lines of a wrapped field: same font and size as the line holding *anchor*."""
    first = line_containing(chars, anchor)
    font, size = first[0]["fontname"], round(first[0]["size"], 1)
    return [
        line
        for line in lines_of(chars)
        if all(c["fontname"] == font and round(c["size"], 1) == size for c in line)
        and abs(line[0]["top"] - first[0]["top"]) < 90
    ]


def latin_run(line: list[Char], word: str) -> list[Char]:
    """The chars of a left-to-right *word* in the line, checked to read left to right."""
    ordered = visual_order([c for c in line if c["text"].isascii() and c["text"].strip()])
    text = "".join(c["text"] for c in ordered)
    start = text.index(word)
    return ordered[start : start + len(word)]


def assert_inside_border(chars: list[Char]) -> None:
    for c in chars:
        if not c.get("upright", True) or c["size"] > 100:  # the «نمونه» watermark
            continue
        assert FRAME < c["x0"] and c["x1"] < PAGE_W - FRAME, c
        assert FRAME < c["top"] and c["bottom"] < PAGE_H - FRAME, c


def check_case(case: dict[str, Any], chars: list[Char]) -> None:
    expect: str = case["expect"]
    field = case["field"]
    persian_words = [w for w in expect.split() if all("\u0600" <= ch <= "\u06ff" for ch in w)]
    anchor = {
        "number": "شماره:",
        "national_code": "به کد ملی",
        "org_unit": "با سمت",
        "holder_name": expect,
    }.get(field) or max(persian_words, key=len)
    if field == "course_title":
        lines = field_lines(chars, anchor)
    else:
        lines = [line_containing(chars, anchor)]
    line_chars = [c for line in lines for c in line]
    for line in lines:
        assert joining_problems([c["text"] for c in visual_order(line)]) == []
    if field in ("holder_name",):
        assert reading_text(line_chars) == expect
    for check in case["checks"]:
        if check == "zwnj-kept":
            assert "\u200c" in reading_text(line_chars)
        elif check == "normalised-yeh-kaf":
            drawn = {c["text"] for c in line_chars}
            assert not drawn & set("\ufef1\ufef2\ufef3\ufef4\ufed9\ufeda\ufedb\ufedc\u064a\u0643")
        elif check == "hamza-kept":
            text = reading_text(line_chars)
            assert "\u0647\u0654" in text  # heh, then the hamza on it
        elif check == "lam-alef":
            assert {"\ufefb", "\ufefc"} & {c["text"] for c in line_chars}
        elif check == "mirrored":
            quote_left, quote_right = sorted(
                (c for c in line_chars if c["text"] in "«»"), key=lambda c: c["x0"]
            )
            assert (quote_left["text"], quote_right["text"]) == ("«", "»")
            word = span(chars_of_word(line_chars, "شهرداری"))
            assert quote_left["x1"] <= word[0] and word[1] <= quote_right["x0"]
            paren_left, paren_right = sorted(
                (c for c in line_chars if c["text"] in "()"), key=lambda c: c["x0"]
            )
            assert (paren_left["text"], paren_right["text"]) == ("(", ")")
            word = span(chars_of_word(line_chars, "اصلاحیه"))
            assert paren_left["x1"] <= word[0] and word[1] <= paren_right["x0"]
        elif check == "ltr-run-order" and "ICDL" in expect:
            icdl = span(latin_run(line_chars, "ICDL"))
            assert span(chars_of_word(line_chars, "مهارت"))[0] >= icdl[1] - 0.5
            assert span(chars_of_word(line_chars, "سطح"))[1] <= icdl[0] + 0.5
        elif check == "ltr-run-order":
            gis, autocad = (
                span(latin_run(line_chars, "GIS")),
                span(latin_run(line_chars, "AutoCAD")),
            )
            assert span(chars_of_word(line_chars, "آموزش"))[0] >= gis[1] - 0.5
            waw = span(chars_of_word(line_chars, " و ")[1:2])
            assert autocad[1] <= waw[0] + 0.5 and waw[1] <= gis[0] + 0.5
        elif check == "ltr-isolated":
            code = [c for c in visual_order(line_chars) if c["text"] in CODE_CHARS]
            assert "".join(c["text"] for c in code) == expect
            assert span(chars_of_word(line_chars, "شماره"))[0] > span(code)[1]
        elif check == "printed-persian":
            digits = [c["text"] for c in visual_order(line_chars) if c["text"].isdigit()]
            assert "".join(digits) == "۰۰۱۲۳۴۵۶۷۸"
        elif check == "controls-removed":
            assert not [
                c
                for c in chars
                if unicodedata.category(c["text"]) in ("Cc", "Cf") and c["text"] != "\u200c"
            ]
            if field == "holder_name":
                assert reading_text(line_chars) == expect
            else:  # «دوره Excel پیشرفته»
                excel = span(latin_run(line_chars, "Excel"))
                assert span(chars_of_word(line_chars, "دوره"))[0] >= excel[1] - 0.5
                assert span(chars_of_word(line_chars, "پیشرفته"))[1] <= excel[0] + 0.5
        elif check == "tatweel-removed":
            assert not any(base(c["text"]) == "\u0640" for c in chars)
        elif check == "whitespace-folded":
            text = reading_text(line_chars)
            assert "در شهرداری بوئین‌زهرا،" in text and "  " not in text
        elif check == "lines-top-to-bottom":
            tops = sorted(lines, key=lambda line: line[0]["top"])
            assert len(tops) >= 2
            read = " ".join(reading_text(line).strip() for line in tops)
            assert read == expect
            assert reading_text(tops[0]).strip().startswith("آشنایی با")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_every_persian_case_reads_right_on_the_certificate(
    case: dict[str, Any], tmp_path: Path
) -> None:
    out = render_preview_json(tmp_path, **{case["field"]: case["text"]})
    chars = page_chars(out)
    check_case(case, chars)
    assert_inside_border(chars)
    if "stored-ascii" in case["checks"]:
        data = {**BASE, case["field"]: case["text"]}
        assert CertificateFields.from_json_dict(data).national_code == case["expect"]


def test_a_120_character_name_stays_inside_the_border(tmp_path: Path) -> None:
    name = ("محمدحسین اسماعیلی‌پور " * 6)[:120]
    chars = page_chars(render_preview_json(tmp_path, holder_name=name))
    assert_inside_border(chars)
    assert "اسماعیلی‌پور" in "".join(reading_text(line) for line in lines_of(chars))


def test_a_name_without_spaces_stays_inside_the_border(tmp_path: Path) -> None:
    assert_inside_border(page_chars(render_preview_json(tmp_path, holder_name="ب" * 120)))


def test_everything_long_at_once_stays_inside(tmp_path: Path) -> None:
    long = " ".join(["آشنایی با آیین‌نامهٔ مالی شهرداری‌ها"] * 12)
    out = render_preview_json(
        tmp_path, holder_name=long[:120], course_title=long, org_unit=long[:200], father_name=long
    )
    chars = page_chars(out)
    assert_inside_border(chars)
    # The body shrinks rather than run into the signatures.
    signatures_top = min(c["top"] for c in line_containing(chars, "مدیرکل"))
    body = [c for c in chars if c.get("upright", True) and c["size"] < 100 and c["top"] > 200]
    assert all(c["bottom"] <= signatures_top or c["top"] >= signatures_top for c in body)


def test_duplicate_mark_follows_the_issue_date_clear_of_a_long_title(tmp_path: Path) -> None:
    template = OfficeTemplate(title="گواهی‌نامهٔ پایان دورهٔ آموزشی ضمن خدمت کارکنان شهرداری‌ها")
    chars = page_chars(render_preview_json(tmp_path, template=template, reprint_label="المثنی"))
    date_line = line_containing(chars, "تاریخ صدور")
    assert reading_text(date_line).strip().endswith("المثنی")
    title = line_containing(chars, "ضمن خدمت")
    assert max(c["bottom"] for c in date_line) < min(c["top"] for c in title)
    assert_inside_border(chars)


def test_an_unwritable_destination_is_a_persian_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(CertificateOutputError, match="[\u0600-\u06ff]"):
        render_certificates([(_fields(1), "ST1:A")], blocker / "out.pdf", TEMPLATE)
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.parametrize(
    ("empty", "expect"),
    [
        (("father_name",), "به کد ملی #، با سمت شهردار در شهرداری تاکستان، دورهٔ آموزشی"),
        (("father_name", "category", "org_unit"), "به کد ملی #، دورهٔ آموزشی"),
    ],
)
def test_empty_optional_fields_leave_their_clauses_out(
    tmp_path: Path, empty: tuple[str, ...], expect: str
) -> None:
    chars = page_chars(render_preview_json(tmp_path, **dict.fromkeys(empty, "")))
    text = reading_text(line_containing(chars, "به کد ملی")).strip()
    # No «فرزند», no dangling or doubled commas (the national code's digits are checked
    # elsewhere; here they are one number, #).
    assert re.sub("[۰-۹]+", "#", text) == expect


def test_missing_fields_are_all_listed(tmp_path: Path) -> None:
    data = {k: v for k, v in BASE.items() if k not in ("holder_name", "course_code", "end_date")}
    source = tmp_path / "fields.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CertificateDataError) as error:
        preview_from_json_file(source, tmp_path / "out.pdf")
    message = str(error.value)
    for label in ("نام و نام خانوادگی", "کد دوره", "تاریخ پایان"):
        assert label in message
    assert set(error.value.missing) == {"holder_name", "course_code", "end_date"}
    assert not (tmp_path / "out.pdf").exists()


def test_bad_values_are_reported_with_missing_ones() -> None:
    data = {**BASE, "start_date": "1405/13/40", "hours": "بیست", "number": ""}
    with pytest.raises(CertificateDataError) as error:
        CertificateFields.from_json_dict(data)
    assert error.value.missing == ("number",)
    assert {e.field for e in error.value.invalid} == {"start_date", "hours"}


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", ""])
def test_bad_json_is_a_persian_error(tmp_path: Path, content: str) -> None:
    source = tmp_path / "fields.json"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CertificateDataError, match="[\u0600-\u06ff]"):
        preview_from_json_file(source, tmp_path / "out.pdf")
    with pytest.raises(CertificateDataError, match="پیدا نشد"):
        preview_from_json_file(tmp_path / "absent.json", tmp_path / "out.pdf")


def test_corrupted_or_missing_images_are_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really an image" * 5)
    template = OfficeTemplate(
        logo_path=broken,
        signatories=(
            Signatory("الف", "مدیرکل", tmp_path / "missing.png"),
            Signatory("ب", "معاون", broken),
        ),
    )
    out = render_preview_json(tmp_path, template=template)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        assert len(pdf.pages[0].images) == 1  # the QR code, no logo or signature


def _fields(i: int) -> CertificateFields:
    return CertificateFields.from_json_dict({**BASE, "number": f"1405-QZ-{i:06d}"})


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "batch.pdf"
    pages = [(_fields(i), "ST1:TEST") for i in range(10)]
    frozen: list[int] = []

    def progress(done: int, total: int) -> bool:
        frozen.append(gc.get_freeze_count())
        return done < 3

    gc.unfreeze()  # as in the command line: nothing set aside before the run
    with pytest.raises(RenderCancelled):
        render_certificates(pages, out, TEMPLATE, progress=progress)
    assert list(tmp_path.iterdir()) == []
    # The application's objects were set aside from collection during the run, and only then.
    assert min(frozen) > 0 and gc.get_freeze_count() == 0


def test_a_heap_the_window_set_aside_stays_set_aside(tmp_path: Path) -> None:
    gc.freeze()  # what the main window does once after start-up
    try:
        before = gc.get_freeze_count()
        render_certificates([(_fields(1), "ST1:TEST")], tmp_path / "one.pdf", TEMPLATE)
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()


def test_nothing_to_print_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(CertificateDataError, match="هیچ"):
        render_certificates([], tmp_path / "empty.pdf", TEMPLATE)
    assert list(tmp_path.iterdir()) == []


def test_cancel_keeps_an_earlier_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "batch.pdf"
    out.write_bytes(b"earlier")
    with pytest.raises(RenderCancelled):
        render_certificates([(_fields(1), "X")], out, TEMPLATE, progress=lambda d, t: False)
    assert out.read_bytes() == b"earlier"
    assert list(tmp_path.iterdir()) == [out]


def test_an_error_midway_leaves_no_file(tmp_path: Path) -> None:
    def pages() -> Iterator[tuple[CertificateFields, str]]:
        yield _fields(1), "ST1:A"
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        render_certificates(pages(), tmp_path / "batch.pdf", TEMPLATE)
    assert list(tmp_path.iterdir()) == []


def test_a_run_spanning_chunks_is_one_valid_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "CHUNK_PAGES", 3)
    logo = tmp_path / "logo.png"
    from PIL import Image

    Image.new("RGB", (60, 60), (30, 60, 100)).save(logo)
    template = OfficeTemplate(logo_path=logo)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    out = tmp_path / "batch.pdf"
    count = render_certificates(
        [(_fields(i), f"ST1:{i}") for i in range(7)], out, template, progress=progress
    )
    assert count == 7 and seen[-1] == (7, 7)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 7
        assert pdf.metadata["Title"] == render_module.DOCUMENT_TITLE
    # A run of one chunk is written as it was rendered, with the same title.
    single = tmp_path / "single.pdf"
    render_certificates([(_fields(i), f"ST1:{i}") for i in range(3)], single, template)
    with pdfplumber.open(single) as pdf:
        assert len(pdf.pages) == 3
        assert pdf.metadata["Title"] == render_module.DOCUMENT_TITLE
    # The logo is stored once although each chunk of three pages embedded it.
    assert out.read_bytes().count(b"/Subtype /Image") == 1
    numbers = []
    for i in range(7):
        number_line = line_containing(page_chars(out, i), "شماره:")
        code = [c["text"] for c in visual_order(number_line) if c["text"] in CODE_CHARS]
        numbers.append("".join(code))
    assert numbers == [f"1405-QZ-{i:06d}" for i in range(7)]
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "20", "-png", out, tmp_path / "p"], check=True)
        assert len(list(tmp_path.glob("p-*.png"))) == 7


def _zbar(pdf: Path, tmp_path: Path) -> str:
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf, tmp_path / "qr"], check=True
    )
    png = next(tmp_path.glob("qr*.png"))
    result = subprocess.run(["zbarimg", "-q", "--raw", png], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.skipif(not HAVE_TOOLS, reason="zbarimg/pdftoppm not installed")
def test_preview_qr_decodes_but_does_not_verify(tmp_path: Path) -> None:
    text = _zbar(render_preview_json(tmp_path), tmp_path)
    signed = decode(text)
    assert signed.is_sample and signed.fields.number == BASE["number"]
    with pytest.raises(SamplePayloadError):
        parse_and_verify(text, {signed.key_id: generate_private_key().public_key()})


@pytest.mark.skipif(not HAVE_TOOLS, reason="zbarimg/pdftoppm not installed")
def test_issued_certificate_qr_verifies_from_print(tmp_path: Path) -> None:
    key = generate_private_key()
    fields = _fields(42)
    qr_text = sign_payload(fields.payload(), key)
    out = tmp_path / "issued.pdf"
    render_certificates([(fields, qr_text)], out, TEMPLATE)
    decoded = _zbar(out, tmp_path)
    assert decoded == qr_text
    verified = parse_and_verify(decoded, {key_id_of(key.public_key()): key.public_key()})
    assert verified.number == "1405-QZ-000042"
    assert verified.end_date == date(2026, 11, 21)
    assert not any(c["size"] > 100 for c in page_chars(out))  # no «نمونه» watermark
