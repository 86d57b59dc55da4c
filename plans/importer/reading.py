"""Files in, text out: DOCX through python-docx, PDF through its text layer, scanned pages by OCR.

Every refusal is an ``ImportRefused`` whose message an officer can act on. Office files pass
the same checks as any attachment (macros, embedded objects, remote content: plans.uploads).
"""

import html
import io
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import File

from plans.uploads import validate_document
from publishing.uploads import EMPTY_FILE_MESSAGE

# A 200-page PDF would keep a worker busy for minutes under OCR; plans run to 5–15 pages.
MAX_PAGES = 30
# A page whose text layer has fewer characters than this is a scan (a stamp or a page number is not text).
SCANNED_PAGE_MIN_CHARS = 30
# 300 dpi is what tesseract is trained for; fewer loses diacritics, more only costs time.
OCR_DPI = 300
OCR_TIMEOUT_SECONDS = 120
OCR_WORKERS = max(1, min(4, os.cpu_count() or 1))
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")

NOT_UTF8_MESSAGE = "Tệp văn bản không ở dạng UTF-8. Hãy lưu lại với mã hóa UTF-8 (Unicode) rồi tải lên."
ENCRYPTED_PDF_MESSAGE = (
    "Tệp PDF được đặt mật khẩu nên không đọc được nội dung. Hãy gỡ mật khẩu (hoặc in lại thành PDF) rồi tải lên."
)
UNREADABLE_PDF_MESSAGE = "Không đọc được tệp PDF: tệp bị hỏng hoặc không phải PDF."
UNREADABLE_DOCX_MESSAGE = "Không đọc được tệp DOCX: tệp bị hỏng hoặc không phải tài liệu Word."
UNSUPPORTED_MESSAGE = "Chỉ nhận tệp DOCX, PDF, văn bản (.txt) hoặc trang web (.html)."
NO_TEXT_MESSAGE = "Tệp không có chữ nào đọc được."


class ImportRefused(Exception):
    """A document the importer cannot read, with the reason in Vietnamese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Reading:
    """The text of a document, and how it was read."""

    text: str
    kind: str
    pages_total: int = 0
    pages_read: int = 0
    ocr_pages: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def by_ocr(self):
        return bool(self.ocr_pages)


def read_document(content: bytes, name: str) -> Reading:
    """The text of ``content``, a file called ``name``; raises ImportRefused with the reason."""
    if not content:
        raise ImportRefused(EMPTY_FILE_MESSAGE)
    suffix = PurePosixPath(name.lower()).suffix
    if content.startswith(b"%PDF-"):
        reading = _read_pdf(content, name)
    elif content.startswith(b"PK\x03\x04"):
        reading = _read_docx(content, name)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(content)):
        reading = Reading(html_to_text(_decode(content)), "html")
    elif suffix in TEXT_SUFFIXES or suffix == "" or name == "-":
        reading = Reading(_decode(content), "text")
    else:
        raise ImportRefused(UNSUPPORTED_MESSAGE)
    reading.text = tidy(reading.text)
    if not reading.text.strip():
        raise ImportRefused(NO_TEXT_MESSAGE + (" " + " ".join(reading.notes) if reading.notes else ""))
    return reading


def read_path(path: str) -> Reading:
    return read_document(Path(path).read_bytes(), Path(path).name)


def tidy(text):
    """One space between words, at most one blank line, no-break and zero-width spaces gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u200b", "")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _decode(content):
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(NOT_UTF8_MESSAGE) from None


def _looks_like_html(content):
    head = content[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _checked(content, name, suffix):
    """The attachment checks (size, macros, embedded and remote content), under the name of its kind."""
    upload = File(io.BytesIO(content), name=f"{PurePosixPath(name).stem or 'van-ban'}{suffix}")
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages)) from None


def _read_docx(content, name):
    _checked(content, name, ".docx")
    import docx  # python-docx pulls in lxml: loaded only when a DOCX comes

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception:  # a zip with a word/document.xml that python-docx cannot parse
        raise ImportRefused(UNREADABLE_DOCX_MESSAGE) from None
    return Reading("\n".join(_docx_blocks(document)), "docx")


def _docx_blocks(document):
    """Paragraphs and table cells in the order they stand: the header of a plan is a two-column table."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.element.body.iterchildren():
        tag = block.tag.rpartition("}")[2]
        if tag == "p":
            yield Paragraph(block, document).text
        elif tag == "tbl":
            table = Table(block, document)
            # Column by column: the issuer's lines stay together, then the motto and the date.
            columns = max((len(row.cells) for row in table.rows), default=0)
            for index in range(columns):
                seen = []  # a merged cell spans rows: read it once (lxml elements compare by identity)
                for row in table.rows:
                    cells = row.cells
                    if index < len(cells) and not any(cells[index]._tc is element for element in seen):
                        seen.append(cells[index]._tc)
                        yield cells[index].text
                yield ""


def _read_pdf(content, name):
    _checked(content, name, ".pdf")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ImportRefused(ENCRYPTED_PDF_MESSAGE)
        total = len(reader.pages)
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise ImportRefused(UNREADABLE_PDF_MESSAGE) from None
    reading = Reading("", "pdf", pages_total=total, pages_read=min(total, MAX_PAGES))
    if total > MAX_PAGES:
        reading.notes.append(f"Tệp có {total} trang; chỉ đọc {MAX_PAGES} trang đầu.")
    texts = []
    for index in range(reading.pages_read):
        try:
            texts.append(reader.pages[index].extract_text() or "")
        except Exception:  # one broken page should not lose the others
            texts.append("")
    scanned = [index for index, text in enumerate(texts) if len(text.strip()) < SCANNED_PAGE_MIN_CHARS]
    if scanned:
        for index, text in _ocr_pages(content, scanned, reading):
            texts[index] = text or texts[index]
    if reading.ocr_pages:
        pages = ", ".join(str(page) for page in reading.ocr_pages)
        reading.notes.append(f"Trang {pages} là ảnh quét: chữ được đọc bằng nhận dạng ký tự (OCR), hãy kiểm tra kỹ.")
    reading.text = unwrap("\n".join(texts))
    return reading


def unwrap(text):
    """A PDF breaks a sentence where the printed line ends: a line going on in lower case continues the one before."""
    return re.sub(r"(?<![.;:!?])\n(?=[a-zà-ỹđ])", " ", text)


def _opens_without_password(reader):
    """A PDF locked only against printing or copying opens with the empty password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf raises DependencyError for AES without a crypto library
        return False


def ocr_available():
    return shutil.which("tesseract") is not None


def _ocr_pages(content, indexes, reading):
    """(index, text) of each scanned page, read by tesseract with the Vietnamese model, two at a time."""
    if not ocr_available():
        reading.notes.append("Văn bản có trang ảnh quét nhưng máy chủ chưa cài tesseract nên không đọc được.")
        return []
    import pypdfium2

    with tempfile.TemporaryDirectory() as folder:
        document = pypdfium2.PdfDocument(content)
        try:
            pictures = []
            for index in indexes:
                picture = Path(folder) / f"page-{index}.png"
                document[index].render(scale=OCR_DPI / 72, grayscale=True).to_pil().save(picture)
                pictures.append(picture)
        finally:
            document.close()
        # One tesseract per core, each on one thread: its own threads fight over the same cores.
        with ThreadPoolExecutor(max_workers=OCR_WORKERS) as pool:
            texts = list(pool.map(_tesseract, pictures))
    reading.ocr_pages.extend(index + 1 for index, text in zip(indexes, texts, strict=True) if text)
    return list(zip(indexes, texts, strict=True))


def _tesseract(picture):
    try:
        done = subprocess.run(
            ["tesseract", str(picture), "stdout", "-l", "vie", "--psm", "4"],
            capture_output=True, timeout=OCR_TIMEOUT_SECONDS, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except (subprocess.SubprocessError, OSError):
        return ""
    return done.stdout.decode("utf-8", "replace")


class _TextOfHTML(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td"}
    SKIPPED = {"script", "style", "noscript", "nav", "footer", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup):
    parser = _TextOfHTML()
    parser.feed(markup)
    parser.close()
    return html.unescape("".join(parser.parts))
