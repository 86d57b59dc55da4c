"""Checks on uploaded documents: judged by their content, never by their name.

A DOCX or XLSX is a zip of XML parts. Office finds each part through the relationships
parts (``_rels/*.rels``) and knows what it is from ``[Content_Types].xml``; both are read
in full, and a document is refused if anything in it runs code (macros, ActiveX), is an
object embedded from another program, or is fetched from elsewhere when it is opened
(a remote template, a linked OLE object or picture, another workbook). Links a reader
clicks (hyperlinks) are fine.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.parsers import expat

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

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
# Pictures: the bytes they start with, and Pillow's name for the format (the only plugin let read them).
_IMAGE_SIGNATURES = {"png": (b"\x89PNG\r\n\x1a\n", "PNG"), "jpeg": (b"\xff\xd8\xff", "JPEG")}

# The main part each OOXML kind must contain.
_OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
# Zip bombs: a real document has a few hundred parts and inflates to a few times its size.
OOXML_MAX_PARTS = 5000
OOXML_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
# [Content_Types].xml holds one short entry per part: a few kilobytes in a real document.
CONTENT_TYPES_MAX_BYTES = 2 * 1024 * 1024

# What runs code when the document is opened: VBA macros (a .docm or .xlsm, whatever the file is
# called), Excel 4 macro sheets, ActiveX controls. Matched in part names and content types...
_ACTIVE_CONTENT_MARKERS = ("vbaproject", "vbadata", "macroenabled", "macrosheet", "activex")
# ...and in relationship types (the last word of the type's URI, lower-cased).
_ACTIVE_RELATIONSHIPS = {
    "vbaproject", "wordvbadata", "xlmacrosheet", "xlintlmacrosheet", "control", "activexcontrolbinary",
    "keymapcustomizations", "attachedtoolbars",
}
# Objects of other programs (OLE objects, whole files, a chart's workbook) and imported HTML or RTF (altChunk).
_EMBEDDED_RELATIONSHIPS = {"oleobject", "package", "afchunk"}
_EMBEDDED_CONTENT_MARKERS = ("oleobject",)
# A path on the author's own disk (file:///C:/..., C:\...): Word writes one for the template a document
# was made from, and on the reader's computer it reaches no other machine.
_LOCAL_DRIVE_PATH = re.compile(r"(file:///)?[a-z]:[\\/]", re.IGNORECASE)
# Another workbook's figures, pulled in when the workbook opens (and its DDE links).
_REMOTE_RELATIONSHIPS = {"externallink"}
_REMOTE_CONTENT_MARKERS = ("externallink",)

MACROS_MESSAGE = (
    "Tệp Office có chứa macro hoặc điều khiển ActiveX nên không được nhận. "
    "Hãy lưu lại thành tệp .docx hoặc .xlsx thường (không có macro) rồi tải lên."
)
EMBEDDED_OBJECTS_MESSAGE = (
    "Tệp Office có đối tượng nhúng (đối tượng OLE, tệp khác đặt bên trong, bảng số liệu của biểu đồ) "
    "nên không được nhận. Hãy gỡ đối tượng nhúng, hoặc lưu thành PDF, rồi tải lên."
)
REMOTE_CONTENT_MESSAGE = (
    "Tệp Office lấy nội dung từ bên ngoài khi mở (mẫu tài liệu, đối tượng OLE hay hình ảnh liên kết, "
    "số liệu từ bảng tính khác) nên không được nhận. Hãy gỡ các liên kết đó, hoặc lưu thành PDF, rồi tải lên."
)


class _Unreadable(Exception):
    """Bytes that are not an Office document this module can read through."""


def _read_head(upload, size=16):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _xml_elements(stream, names):
    """The attributes of each element of ``names`` (local names) in an XML part, read as it inflates."""
    found = []

    def start(name, attributes):
        if name.rpartition(" ")[2] in names:
            found.append(attributes)

    def refuse_dtd(*args):
        # OOXML parts never declare a DTD, and the entities of one could expand without bound.
        raise _Unreadable

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.ParseFile(stream)
    return found


def _refuse_bombs(members):
    if len(members) > OOXML_MAX_PARTS:
        raise ValidationError(
            "Tệp Office có quá nhiều thành phần (%(count)s, tối đa %(limit)s) nên không được nhận; tệp có thể bị hỏng.",
            code="file_too_many_parts", params={"count": len(members), "limit": OOXML_MAX_PARTS},
        )
    uncompressed = sum(member.file_size for member in members)
    if uncompressed > OOXML_MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(
            "Tệp Office khi giải nén quá lớn (%(size)s, tối đa %(limit)s) nên không được nhận. "
            "Hãy chia nhỏ tệp, hoặc lưu thành PDF, rồi tải lên.",
            code="file_uncompressed_too_large",
            params={"size": filesizeformat(uncompressed), "limit": filesizeformat(OOXML_MAX_UNCOMPRESSED_BYTES)},
        )


def _part_content_types(archive, members):
    """Each part's content type, lower-cased, as [Content_Types].xml declares it (by name, else by extension)."""
    content_types_part = members.get("[content_types].xml")
    if content_types_part is None:
        raise _Unreadable
    if content_types_part.file_size > CONTENT_TYPES_MAX_BYTES:
        raise ValidationError(
            "Tệp Office có bảng kiểu nội dung ([Content_Types].xml) lớn bất thường (%(size)s, tối đa %(limit)s) "
            "nên không được nhận; tệp có thể bị hỏng.",
            code="file_content_types_too_large",
            params={"size": filesizeformat(content_types_part.file_size), "limit": filesizeformat(CONTENT_TYPES_MAX_BYTES)},
        )
    with archive.open(content_types_part) as stream:
        declared = _xml_elements(stream, {"Default", "Override"})
    by_extension = {entry["Extension"].lower(): entry["ContentType"] for entry in declared if "Extension" in entry}
    by_name = {entry["PartName"].lstrip("/").lower(): entry["ContentType"] for entry in declared if "PartName" in entry}
    return {
        name: (by_name.get(name) or by_extension.get(PurePosixPath(name).suffix.lstrip("."), "")).lower()
        for name in members
    }


def _relationships(archive, members):
    """Every relationship of every part: (its type's last word lower-cased, whether its target is
    outside the file, whether it is on another computer)."""
    found = []
    for name, member in members.items():
        if name.endswith(".rels"):
            with archive.open(member) as stream:
                for relationship in _xml_elements(stream, {"Relationship"}):
                    kind = relationship.get("Type", "").rstrip("/").rpartition("/")[2].lower()
                    target = relationship.get("Target", "").strip()
                    external = relationship.get("TargetMode", "").strip().lower() == "external"
                    # A URL or a network path is never a part of the file, whatever the mode says.
                    outside = external or "://" in target or target.startswith(("\\\\", "//"))
                    found.append((kind, outside, outside and not _LOCAL_DRIVE_PATH.match(target)))
    return found


def _ooxml_refusal(names, content_types, relationships):
    """The ValidationError for an Office document we do not take, or None."""
    kinds = {kind for kind, _outside, _remote in relationships}
    if kinds & _ACTIVE_RELATIONSHIPS or _marked(_ACTIVE_CONTENT_MARKERS, [*names, *content_types]):
        return ValidationError(MACROS_MESSAGE, code="file_has_macros")
    fetched = any(remote and kind != "hyperlink" for kind, _outside, remote in relationships)
    if fetched or kinds & _REMOTE_RELATIONSHIPS or _marked(_REMOTE_CONTENT_MARKERS, content_types):
        return ValidationError(REMOTE_CONTENT_MESSAGE, code="file_has_remote_content")
    embedded = {kind for kind, outside, _remote in relationships if not outside}
    if embedded & _EMBEDDED_RELATIONSHIPS or _marked(_EMBEDDED_CONTENT_MARKERS, content_types):
        return ValidationError(EMBEDDED_OBJECTS_MESSAGE, code="file_has_embedded_objects")
    return None


def _marked(markers, texts):
    return any(marker in text for marker in markers for text in texts)


def _ooxml_kind(upload):
    """"docx" or "xlsx" for an Office document we take, None for bytes that are not one.

    Raises ValidationError, with the reason, for an Office document we refuse.
    """
    try:
        with zipfile.ZipFile(upload) as archive:
            listed = archive.infolist()
            _refuse_bombs(listed)
            parts = [member for member in listed if not member.is_dir()]
            members = {member.filename.lower(): member for member in parts}
            if len(members) < len(parts):  # part names are case-insensitive: which twin Office reads is anyone's guess
                raise _Unreadable
            content_types = _part_content_types(archive, members)
            relationships = _relationships(archive, members)
    except ValidationError:
        raise
    except Exception:  # hostile zips and XML raise more than BadZipFile: a form error, never a 500
        return None
    finally:
        upload.seek(0)
    refusal = _ooxml_refusal(list(members), list(content_types.values()), relationships)
    if refusal:
        raise refusal
    return next((kind for kind, main_part in _OOXML_MAIN_PART.items() if main_part in members), None)


def _document_kind(upload):
    """The key in ALLOWED_DOCUMENT_TYPES that the bytes are, or None.

    Raises ValidationError for an Office document we refuse or a picture of too many pixels, whose
    reason is worth telling.
    """
    head = _read_head(upload)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(upload)
    for kind, (signature, image_format) in _IMAGE_SIGNATURES.items():
        if head.startswith(signature):
            try:
                decoded_image_format(upload, formats=[image_format])
            except ValidationError as error:
                if error.code == "image_too_many_pixels":
                    raise
                return None
            return kind
    return None


def sniff_document(upload):
    """Return the key in ALLOWED_DOCUMENT_TYPES that the bytes are, or None for bytes we do not take."""
    try:
        return _document_kind(upload)
    except ValidationError:
        return None


def validate_document(file):
    """Refuse files that are empty, too large, of a type we do not take, or not what their name says."""
    refuse_empty(file)
    refuse_oversize(file, settings.ATTACHMENT_MAX_BYTES, what="Tệp", code="file_too_large")
    accepted = ", ".join(kind.label for kind in ALLOWED_DOCUMENT_TYPES.values())
    kind = _document_kind(file)
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
