"""Checks on uploaded documents: judged by their content, never by their name."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class DocumentType:
    label: str
    content_type: str
    extensions: tuple


ALLOWED_DOCUMENT_TYPES = {
    "pdf": DocumentType("PDF", "application/pdf", (".pdf",)),
    "docx": DocumentType(
        "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    "xlsx": DocumentType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "png": DocumentType("PNG", "image/png", (".png",)),
    "jpeg": DocumentType("JPEG", "image/jpeg", (".jpg", ".jpeg")),
}

# The main part each OOXML kind must contain.
_OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def _read_head(upload, size=16):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _sniff_ooxml(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    # Macros live in vbaProject.bin; a macro-enabled file renamed .docx is refused.
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    for kind, main_part in _OOXML_MAIN_PART.items():
        if main_part in names:
            return kind
    return None


def _image_decodes(upload):
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        upload.seek(0)
    return True


def sniff_document(upload):
    """Return the key in ALLOWED_DOCUMENT_TYPES that the bytes are, or None."""
    head = _read_head(upload)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_ooxml(upload)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and _image_decodes(upload):
        return "png"
    if head.startswith(b"\xff\xd8\xff") and _image_decodes(upload):
        return "jpeg"
    return None


def validate_document(file):
    """Refuse files that are too large, of a type we do not take, or not what their name says."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            "Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    accepted = ", ".join(kind.label for kind in ALLOWED_DOCUMENT_TYPES.values())
    kind = sniff_document(file)
    if kind is None:
        raise ValidationError(
            "Nội dung tệp không phải là một trong các định dạng được chấp nhận (%(accepted)s) "
            "hoặc tệp bị hỏng, có chứa macro.",
            code="file_type_refused",
            params={"accepted": accepted},
        )
    suffix = PurePosixPath(file.name).suffix.lower()
    if suffix not in ALLOWED_DOCUMENT_TYPES[kind].extensions:
        raise ValidationError(
            "Phần mở rộng “%(suffix)s” không khớp với nội dung tệp (%(label)s). Hãy đổi tên tệp cho đúng.",
            code="file_extension_mismatch",
            params={"suffix": suffix or "(không có)", "label": ALLOWED_DOCUMENT_TYPES[kind].label},
        )
