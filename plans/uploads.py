"""Checks on uploaded documents: judged by their content, never by their name."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError

from publishing.uploads import decoded_image_format, refuse_empty, refuse_oversize


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
# Parts that run code when the document is opened: VBA macros (.docm/.xlsm, whatever the
# file is called) and ActiveX controls. Matched in part names and in [Content_Types].xml.
_ACTIVE_CONTENT_MARKERS = ("vbaproject", "macroenabled", "activex")
# [Content_Types].xml lists a few dozen short entries; more than this is not a real document.
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024


def _read_head(upload, size=16):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _read_ooxml(upload):
    """The part names and the lower-cased [Content_Types].xml of an OOXML zip, or None."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            with archive.open("[Content_Types].xml") as part:
                content_types = part.read(_CONTENT_TYPES_MAX_BYTES).decode("utf-8", "replace").lower()
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):  # RuntimeError: an encrypted part
        return None
    finally:
        upload.seek(0)
    return names, content_types


def _carries_active_content(names, content_types):
    return any(
        marker in text for marker in _ACTIVE_CONTENT_MARKERS for text in (content_types, *map(str.lower, names))
    )


def _sniff_ooxml(upload):
    ooxml = _read_ooxml(upload)
    if ooxml is None or _carries_active_content(*ooxml):
        return None
    names, _content_types = ooxml
    for kind, main_part in _OOXML_MAIN_PART.items():
        if main_part in names:
            return kind
    return None


def has_macros(upload):
    """Whether the bytes are an Office document with macros or ActiveX controls."""
    if not _read_head(upload).startswith(b"PK\x03\x04"):
        return False
    ooxml = _read_ooxml(upload)
    return ooxml is not None and _carries_active_content(*ooxml)


def _image_decodes(upload, expected_format):
    try:
        return decoded_image_format(upload) == expected_format
    except ValidationError:
        return False


def sniff_document(upload):
    """Return the key in ALLOWED_DOCUMENT_TYPES that the bytes are, or None."""
    head = _read_head(upload)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_ooxml(upload)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and _image_decodes(upload, "PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff") and _image_decodes(upload, "JPEG"):
        return "jpeg"
    return None


def validate_document(file):
    """Refuse files that are empty, too large, of a type we do not take, or not what their name says."""
    refuse_empty(file)
    refuse_oversize(file, settings.ATTACHMENT_MAX_BYTES, what="Tệp", code="file_too_large")
    accepted = ", ".join(kind.label for kind in ALLOWED_DOCUMENT_TYPES.values())
    kind = sniff_document(file)
    if kind is None and has_macros(file):
        raise ValidationError(
            "Tệp Office có chứa macro hoặc điều khiển ActiveX nên không được nhận. "
            "Hãy lưu lại thành tệp .docx hoặc .xlsx thường (không có macro) rồi tải lên.",
            code="file_has_macros",
        )
    if kind is None:
        raise ValidationError(
            "Nội dung tệp không phải là một trong các định dạng được chấp nhận (%(accepted)s) "
            "hoặc tệp bị hỏng.",
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
