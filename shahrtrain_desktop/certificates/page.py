"""Drawing one certificate page (A4 landscape) with reportlab.

What is the same on every page (frame, header, logo, title, signatories, the opening words)
is drawn once per document as a form XObject; each page adds only its own text and QR code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from shahrtrain_desktop.pdf import rtl
from shahrtrain_desktop.pdf.fonts import BOLD, MEDIUM, REGULAR
from shahrtrain_desktop.pdf.images import load_image
from shahrtrain_desktop.pdf.qr import draw_qr
from shahrtrain_desktop.persian.jalali import format_jalali
from shahrtrain_desktop.persian.normalize import to_persian_digits

from .fields import CertificateFields
from .template import BodyWording, OfficeTemplate, fill

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 48.0  # text never comes closer to the paper's edge than this
BACKGROUND_FORM = "certificate-background"

NAVY = (0.11, 0.22, 0.37)
GOLD = (0.69, 0.55, 0.30)
INK = (0.12, 0.12, 0.14)
MUTED = (0.36, 0.37, 0.42)
SAMPLE_RED = (0.78, 0.10, 0.12)

_CENTER = PAGE_WIDTH / 2
_BODY_WIDTH = 640.0
_INTRO_BASELINE = 426.0
_BODY_TOP = 414.0
_BODY_BOTTOM = 196.0
_QR_SIZE = 86.0
_QR_BOTTOM = 66.0
_SIGNATORY_COLUMNS = (PAGE_WIDTH - 205.0, 205.0)  # centres, right one first
_SIGNATORY_WIDTH = 230.0
_NUMBER_BLOCK_RIGHT = 262.0
_HEADER_CENTER = PAGE_WIDTH - 150.0
_NUMBER_TOP = PAGE_HEIGHT - MARGIN - 14
_NUMBER_LABELS = ("شماره:", "تاریخ صدور:")
PREVIEW_CAPTION = "نمونهٔ پیش‌نمایش — فاقد اعتبار"
_DEFAULTS = BodyWording()


@dataclass(frozen=True, slots=True)
class CertificateText:
    """The logical (unshaped) Persian text of one page, digits already Persian."""

    name: str
    identity: str
    course_title: str
    completion: str
    number: str
    issue_date: str
    reprint_label: str


@lru_cache(maxsize=512)
def _date(value: date) -> str:
    return rtl.rtl_date(format_jalali(value))


def certificate_text(fields: CertificateFields, template: OfficeTemplate) -> CertificateText:
    """Fill the template's wording for one certificate (pure; what the page will say)."""
    w = template.wording
    values = {
        "father_name": fields.father_name,
        "national_code": to_persian_digits(fields.national_code),
        "category": fields.category,
        "org_unit": fields.org_unit,
        "course_code": rtl.embed_ltr(fields.course_code),
        "hours": to_persian_digits(fields.hours),
        "start_date": _date(fields.start_date),
        "end_date": _date(fields.end_date),
        "score": "" if fields.score is None else to_persian_digits(fields.score),
    }
    clauses = [
        fill(w.father, _DEFAULTS.father, values) if fields.father_name else "",
        fill(w.national_code, _DEFAULTS.national_code, values),
        " ".join(
            part
            for part in (
                fill(w.category, _DEFAULTS.category, values) if fields.category else "",
                fill(w.org_unit, _DEFAULTS.org_unit, values) if fields.org_unit else "",
            )
            if part
        ),
    ]
    identity = "، ".join(c for c in clauses if c) + "، " + w.course_intro
    values["score"] = fill(w.score, _DEFAULTS.score, values) if fields.score is not None else ""
    return CertificateText(
        name=fields.holder_name,
        identity=identity,
        course_title=fields.course_title,
        completion=fill(w.completion, _DEFAULTS.completion, values),
        number=rtl.embed_ltr(fields.number),
        issue_date=_date(fields.issue_date),
        reprint_label=fields.reprint_label,
    )


@dataclass(frozen=True, slots=True)
class _Block:
    lines: tuple[str, ...]
    font: str
    size: float
    leading: float
    color: tuple[float, float, float]
    gap_after: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading + self.gap_after


def _body_blocks(text: CertificateText, scale: float) -> list[_Block]:
    width = _BODY_WIDTH
    body = 15.0 * scale
    name_size = rtl.fit_font_size(text.name, BOLD, 25.0 * scale, 14.0, width, max_lines=1)
    title_size = rtl.fit_font_size(text.course_title, BOLD, 18.0 * scale, 12.0, width, max_lines=2)

    def block(
        value: str,
        font: str,
        size: float,
        lines: int,
        color: tuple[float, float, float],
        gap: float,
    ) -> _Block:
        laid = tuple(rtl.layout_paragraph(value, font, size, width, lines, balanced=True))
        return _Block(laid, font, size, size * 1.75, color, gap * scale)

    return [
        block(text.name, BOLD, name_size, 2, NAVY, 4),
        block(text.identity, REGULAR, body, 2, INK, 4),
        block(text.course_title, BOLD, title_size, 3, NAVY, 4),
        block(text.completion, REGULAR, body, 3, INK, 0),
    ]


def layout_body(text: CertificateText) -> list[_Block]:
    """Body blocks at the largest scale that fits between the header and the signatures."""
    available = _BODY_TOP - _BODY_BOTTOM
    scale = 1.0
    while True:
        blocks = _body_blocks(text, scale)
        if sum(b.height for b in blocks) <= available or scale <= 0.7:
            return blocks
        scale -= 0.05


class CertificatePainter:
    """Draws certificates for one template; images are read once, here."""

    def __init__(self, template: OfficeTemplate) -> None:
        self.template = template
        self.logo = load_image(template.logo_path)
        self.signatures: list[ImageReader | None] = [
            load_image(s.signature_image_path) for s in template.signatories[:2]
        ]
        self._label_widths = [rtl.text_width(label, MEDIUM, 11) for label in _NUMBER_LABELS]

    # -- once per document -------------------------------------------------------------
    def define_background(self, canvas: Canvas, preview: bool = False) -> None:
        """Draw what every page shares into a form XObject, once per document."""
        canvas.beginForm(BACKGROUND_FORM)
        self._draw_frame(canvas)
        self._draw_header(canvas)
        self._draw_signatories(canvas)
        self._draw_number_labels(canvas)
        canvas.setFillColorRGB(*INK)
        intro = self.template.wording.intro
        rtl.draw_rtl_centered(
            canvas, _CENTER, _INTRO_BASELINE, intro, REGULAR, 15, max_width=_BODY_WIDTH
        )
        canvas.setFillColorRGB(*(SAMPLE_RED if preview else MUTED))
        caption = PREVIEW_CAPTION if preview else self.template.qr_caption
        rtl.draw_rtl_centered(canvas, _CENTER, 52, caption, REGULAR, 7.5, max_width=230)
        canvas.endForm()

    def _draw_frame(self, canvas: Canvas) -> None:
        canvas.saveState()
        for inset, width, color in ((16, 2.4, NAVY), (22, 0.9, GOLD), (25.5, 0.45, NAVY)):
            canvas.setStrokeColorRGB(*color)
            canvas.setLineWidth(width)
            canvas.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset)
        canvas.setFillColorRGB(*GOLD)
        canvas.setStrokeColorRGB(*NAVY)
        canvas.setLineWidth(0.6)
        for x, y in (
            (34, 34),
            (PAGE_WIDTH - 34, 34),
            (34, PAGE_HEIGHT - 34),
            (PAGE_WIDTH - 34, PAGE_HEIGHT - 34),
        ):
            self._diamond(canvas, x, y, 6.5)
        # A small ornament on each side's midpoint and under the title.
        for x, y in (
            (_CENTER, 22),
            (_CENTER, PAGE_HEIGHT - 22),
            (22, PAGE_HEIGHT / 2),
            (PAGE_WIDTH - 22, PAGE_HEIGHT / 2),
        ):
            self._diamond(canvas, x, y, 4.5)
        canvas.setStrokeColorRGB(*GOLD)
        canvas.setLineWidth(0.8)
        canvas.line(_CENTER - 120, 458, _CENTER - 10, 458)
        canvas.line(_CENTER + 10, 458, _CENTER + 120, 458)
        self._diamond(canvas, _CENTER, 458, 4)
        canvas.restoreState()

    @staticmethod
    def _diamond(canvas: Canvas, x: float, y: float, r: float) -> None:
        path = canvas.beginPath()
        path.moveTo(x, y + r)
        path.lineTo(x + r, y)
        path.lineTo(x, y - r)
        path.lineTo(x - r, y)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)

    def _draw_header(self, canvas: Canvas) -> None:
        t = self.template
        top = PAGE_HEIGHT - MARGIN
        if self.logo is not None:
            canvas.drawImage(
                self.logo,
                _HEADER_CENTER - 32,
                top - 62,
                64,
                62,
                preserveAspectRatio=True,
                anchor="c",
                mask="auto",
            )
        canvas.setFillColorRGB(*NAVY)
        y = top - 80
        for line in t.header_lines:
            rtl.draw_rtl_centered(canvas, _HEADER_CENTER, y, line, MEDIUM, 10.5, max_width=190)
            y -= 16
        canvas.setFillColorRGB(*INK)
        rtl.draw_rtl_centered(canvas, _CENTER, top - 10, t.heading, MEDIUM, 12, max_width=240)
        canvas.setFillColorRGB(*NAVY)
        rtl.draw_rtl_centered(canvas, _CENTER, 472, t.title, BOLD, 31, max_width=380)

    def _draw_signatories(self, canvas: Canvas) -> None:
        for signatory, image, center in zip(
            self.template.signatories, self.signatures, _SIGNATORY_COLUMNS, strict=False
        ):
            canvas.setFillColorRGB(*NAVY)
            rtl.draw_rtl_centered(
                canvas, center, 170, signatory.title, MEDIUM, 12, max_width=_SIGNATORY_WIDTH
            )
            canvas.setFillColorRGB(*INK)
            if signatory.name:
                rtl.draw_rtl_centered(
                    canvas, center, 152, signatory.name, BOLD, 12.5, max_width=_SIGNATORY_WIDTH
                )
            if image is not None:
                canvas.drawImage(
                    image,
                    center - 75,
                    66,
                    150,
                    72,
                    preserveAspectRatio=True,
                    anchor="c",
                    mask="auto",
                )

    # -- every page ----------------------------------------------------------------------
    def draw_page(
        self, canvas: Canvas, fields: CertificateFields, qr_text: str, preview: bool = False
    ) -> None:
        text = certificate_text(fields, self.template)
        canvas.doForm(BACKGROUND_FORM)
        out = rtl.RtlText(canvas)
        self._draw_number_values(out, text)
        self._draw_body(out, text)
        out.draw()
        draw_qr(canvas, qr_text, _CENTER - _QR_SIZE / 2, _QR_BOTTOM, _QR_SIZE)
        if preview:
            self._draw_watermark(canvas)

    def _draw_number_labels(self, canvas: Canvas) -> None:
        canvas.setFillColorRGB(*MUTED)
        for i, label in enumerate(_NUMBER_LABELS):
            rtl.draw_rtl(canvas, _NUMBER_BLOCK_RIGHT, _NUMBER_TOP - i * 20, label, MEDIUM, 11)

    def _draw_number_values(self, out: rtl.RtlText, text: CertificateText) -> None:
        out.color(INK)
        right = width = 0.0
        for i, value in enumerate((text.number, text.issue_date)):
            right = _NUMBER_BLOCK_RIGHT - self._label_widths[i] - 5
            width = out.line(right, _NUMBER_TOP - i * 20, value, REGULAR, 11.5, right - MARGIN)
        if text.reprint_label:
            # After the issue date on its line, clear of a long title below the block.
            out.color(SAMPLE_RED)
            x = right - width - 12
            out.line(x, _NUMBER_TOP - 20, text.reprint_label, BOLD, 11.5, x - MARGIN)

    def _draw_body(self, out: rtl.RtlText, text: CertificateText) -> None:
        blocks = layout_body(text)
        total = sum(b.height for b in blocks)
        # Centre the body in its band so short certificates do not look top-heavy.
        y = _BODY_TOP - max(0.0, (_BODY_TOP - _BODY_BOTTOM - total) / 2)
        right = _CENTER + _BODY_WIDTH / 2
        for b in blocks:
            out.color(b.color)
            offset = (b.leading - b.size) / 2
            bottom = out.lines(
                b.lines, right, y - offset, _BODY_WIDTH, b.font, b.size, b.leading, "center"
            )
            y = bottom + offset - b.gap_after

    @staticmethod
    def _draw_watermark(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColorRGB(*SAMPLE_RED)
        canvas.setFillAlpha(0.12)
        canvas.translate(_CENTER, PAGE_HEIGHT / 2 - 20)
        canvas.rotate(28)
        rtl.draw_rtl_centered(canvas, 0, -50, "نمونه", BOLD, 170)
        canvas.restoreState()
