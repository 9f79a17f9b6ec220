"""Print runs: many certificates streamed into one PDF, and the one-page preview.

A run is rendered in chunks (reportlab holds a whole document in memory) that are appended to
a temporary file beside the target as soon as they are done; the file is renamed into place
only when the run completes, and removed on error or cancel, so a half-written PDF is never
left behind and memory stays flat for thousands of pages. A run that fits in one chunk (a
course, a desk's day) is written as reportlab made it, without joining.
"""

from __future__ import annotations

import gc
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import IO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from shahrtrain_desktop.pdf.concat import PdfConcatenator
from shahrtrain_desktop.pdf.fonts import register_fonts
from shahrtrain_desktop.persian.normalize import to_persian_digits

from .errors import CertificateError
from .fields import CertificateDataError, CertificateFields
from .page import PAGE_HEIGHT, PAGE_WIDTH, CertificatePainter
from .signing import sign_sample_payload
from .template import OfficeTemplate

Progress = Callable[[int, int], bool]
CHUNK_PAGES = 1000  # ~15 MB of Python heap while a chunk is built
DOCUMENT_TITLE = "گواهی‌نامه‌های آموزشی"
PRODUCER = "ShahrTrain"


class RenderCancelled(CertificateError):
    """The user cancelled a print run; no file was written."""

    def __init__(self) -> None:
        super().__init__("چاپ گواهی‌نامه‌ها لغو شد؛ فایلی ساخته نشد.")


class CertificateOutputError(CertificateError, OSError):
    """The PDF could not be written where asked; ``str()`` is Persian."""


@contextmanager
def atomic_output(out_path: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside *out_path*, renamed onto it only if the block succeeds."""
    out_path = Path(out_path)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        # Closed below on every path; a context manager here could not hand the file out.
        handle = tempfile.NamedTemporaryFile(
            dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".part", delete=False
        )
    except OSError as error:
        raise CertificateOutputError(
            f"در پوشهٔ «{out_path.parent}» نمی‌توان فایل ساخت: {error.strerror or error}"
        ) from error
    temp = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(temp, out_path)
        except OSError as error:
            raise CertificateOutputError(
                f"فایل «{out_path}» نوشته نشد؛ شاید در برنامهٔ دیگری باز است. "
                f"({error.strerror or error})"
            ) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write page streams as plain Flate, without reportlab's ASCII85 layer.

    ASCII85 keeps a PDF 7-bit clean for ancient transports; here it only makes every page a
    quarter larger and slower to write. reportlab reads the setting when it saves.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


@contextmanager
def _heap_set_aside() -> Iterator[None]:
    """Keep the collector to the run's own objects while it runs.

    A run makes objects fast enough that the collector's occasional full pass falls inside
    it, and that pass walks every object of the application (tens of milliseconds, holding
    the interpreter lock, so the window stalls as well). Objects that existed before the run
    are set aside (``gc.freeze``) and handed back afterwards; the run's own garbage is
    collected as usual. When the heap is already set aside (the window does it once after
    start-up), it is left as it is: unfreezing would undo that.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _render_chunk(
    painter: CertificatePainter,
    pages: Iterator[tuple[CertificateFields, str]],
    preview: bool,
    on_page: Callable[[], None],
) -> bytes | None:
    """Up to ``CHUNK_PAGES`` pages from *pages* as one PDF; None when *pages* is exhausted.

    Pages are taken one at a time as they are drawn, so a row read from the database lives
    only while its page is drawn.
    """
    first = next(pages, None)
    if first is None:
        return None
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=True)
    canvas.setTitle(DOCUMENT_TITLE)
    canvas.setProducer(PRODUCER)
    painter.define_background(canvas, preview)
    for fields, qr_text in chain([first], islice(pages, CHUNK_PAGES - 1)):
        painter.draw_page(canvas, fields, qr_text, preview)
        canvas.showPage()
        on_page()
    with binary_streams():
        canvas.save()
    return buffer.getvalue()


def render_certificates(
    pages: Iterable[tuple[CertificateFields, str]],
    out_path: Path | str,
    template: OfficeTemplate,
    preview: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
) -> int:
    """Render one page per ``(fields, qr_text)`` into *out_path*; returns the page count.

    *progress* is called as ``progress(done, total)`` after every page (*total* is
    ``len(pages)`` when not given, 0 when unknown); returning ``False`` cancels the run, which
    raises :class:`RenderCancelled` and leaves no file behind. No pages at all is a
    :class:`CertificateDataError`; a file that cannot be written, :class:`CertificateOutputError`.
    """
    register_fonts()
    if total is None:
        total = len(pages) if isinstance(pages, Sized) else 0
    painter = CertificatePainter(template)
    done = 0

    def on_page() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, total) is False:
            raise RenderCancelled()

    source = iter(pages)
    try:
        with _heap_set_aside(), atomic_output(Path(out_path)) as handle:
            rendered = _render_chunk(painter, source, preview, on_page)
            if rendered is None:
                raise CertificateDataError("هیچ گواهی‌نامه‌ای برای چاپ وجود ندارد.")
            following = next(source, None)
            if following is None:
                handle.write(rendered)
            else:
                writer = PdfConcatenator(handle, title=DOCUMENT_TITLE, producer=PRODUCER)
                source = chain([following], source)
                while rendered is not None:
                    writer.append(rendered)
                    del rendered  # not held while the next chunk is drawn
                    rendered = _render_chunk(painter, source, preview, on_page)
                writer.close()
    except CertificateOutputError:
        raise
    except OSError as error:  # disk full, folder removed, ... while writing
        raise CertificateOutputError(
            f"نوشتن فایل «{out_path}» ناتمام ماند: {error.strerror or error}"
        ) from error
    return done


def render_preview(
    fields: CertificateFields, out_path: Path | str, template: OfficeTemplate
) -> None:
    """One watermarked page whose QR decodes but never verifies (see DESIGN.md)."""
    qr_text = sign_sample_payload(fields.payload())
    render_certificates([(fields, qr_text)], out_path, template, preview=True)


def preview_from_json_file(
    json_path: Path | str, out_path: Path | str, template: OfficeTemplate | None = None
) -> None:
    """``shahrtrain certificates preview --data FIELDS.json --out FILE.pdf``.

    Raises :class:`CertificateDataError` (a ``ValueError``) with a Persian message when the
    file cannot be read or fields are missing or wrong.
    """
    path = Path(json_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise CertificateDataError(f"فایل داده‌ها «{path}» پیدا نشد.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CertificateDataError(f"فایل داده‌ها «{path}» خوانده نشد.") from error
    except json.JSONDecodeError as error:
        where = f"سطر {to_persian_digits(error.lineno)}، ستون {to_persian_digits(error.colno)}"
        raise CertificateDataError(f"فایل «{path.name}» JSON درستی نیست ({where}).") from error
    if not isinstance(data, dict):
        raise CertificateDataError(
            f"فایل «{path.name}» باید یک شیء JSON با نام فیلدها باشد، نه فهرست یا مقدار تنها."
        )
    fields = CertificateFields.from_json_dict(data)
    render_preview(fields, out_path, template or OfficeTemplate())
