"""Small real files of each kind, built in memory for upload tests."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode."

# What a polyglot carries after (or instead of) real image data.
SCRIPT_PAYLOAD = b"<html><body><script>alert(document.domain)</script></body></html>"
PDF_PAYLOAD = b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"

# PostScript: Pillow's EPS plugin hands it to Ghostscript to draw the pixels.
EPS_BYTES = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 4 4\n%%EndComments\n"
    b"newpath 0 0 moveto 4 4 lineto stroke showpage\n%%EOF\n"
)

DOCX_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN_CONTENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
# Where the camera was: Hồ Chí Minh City, as a phone writes it into EXIF.
GPS_SAIGON = {1: "N", 2: (10.0, 46.0, 30.0), 3: "E", 4: (106.0, 42.0, 0.0)}
EXIF_ORIENTATION, EXIF_GPS, EXIF_IMAGE_DESCRIPTION = 0x0112, 0x8825, 0x010E


def pdf(name="ke-hoach-11.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def exe_named(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, EXE_BYTES, content_type="application/pdf")


RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RELATIONSHIPS_CONTENT_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
OLE_OBJECT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.oleObject"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACTIVEX_CONTENT_TYPE = "application/vnd.ms-office.activeX+xml"
EXTERNAL_LINK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"


def ooxml(main_part="word/document.xml", with_macros=False, main_content_type=None, *, relationships=None,
          parts=(), content_types_padding=0):
    """A minimal DOCX/XLSX; ``main_content_type`` declares the main part's type (a .docm's, say).

    ``relationships`` maps a part to its relationships, ``(type, target)`` or ``(type, target, "External")``
    with the type's last word (``hyperlink``) or a full URI; ``parts`` adds ``(name, content type, bytes)``;
    ``content_types_padding`` spaces come before the overrides in [Content_Types].xml.
    """
    overrides = [(main_part, main_content_type)] if main_content_type else []
    overrides += [(name, content_type) for name, content_type, _content in parts]
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{RELATIONSHIPS_CONTENT_TYPE}"/>{" " * content_types_padding}'
        + "".join(f'<Override PartName="/{name}" ContentType="{content_type}"/>' for name, content_type in overrides)
        + "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", relationships_xml([("officeDocument", main_part)]))
        archive.writestr(main_part, "<document/>")
        for name, _content_type, content in parts:
            archive.writestr(name, content)
        for source, links in (relationships or {}).items():
            folder, _slash, name = source.rpartition("/")
            archive.writestr(f"{folder}/_rels/{name}.rels", relationships_xml(links))
        if with_macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def relationships_xml(links):
    rows = []
    for number, (kind, target, *target_mode) in enumerate(links, start=1):
        uri = kind if "://" in kind else RELATIONSHIPS + kind
        mode = f' TargetMode="{target_mode[0]}"' if target_mode else ""
        rows.append(f'<Relationship Id="rId{number}" Type="{uri}" Target="{target}"{mode}/>')
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rows)}</Relationships>'


def ooxml_with_members(count):
    """A DOCX of ``count`` zip members, most of them empty."""
    buffer = io.BytesIO(ooxml())
    with zipfile.ZipFile(buffer, "a") as archive:
        for number in range(count - len(archive.namelist())):
            archive.writestr(f"word/media/trong-{number}.xml", "")
    return buffer.getvalue()


def ooxml_bomb(uncompressed_bytes):
    """An XLSX whose one sheet inflates to ``uncompressed_bytes`` of zeros: a thousand to one."""
    buffer = io.BytesIO(ooxml("xl/workbook.xml"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            megabyte = bytes(1024 * 1024)
            for _megabytes in range(uncompressed_bytes // len(megabyte)):
                part.write(megabyte)
    return buffer.getvalue()


def image_bytes(image_format="PNG", size=(4, 4), color="red", **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def png_bytes():
    return image_bytes("PNG")


def camera_jpeg_bytes(size=(40, 20), orientation=6):
    """A phone photo: EXIF with the GPS position and an orientation (6: turn 90° clockwise to view)."""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    exif.get_ifd(EXIF_GPS).update(GPS_SAIGON)
    return image_bytes("JPEG", size, "blue", exif=exif, comment=b"Chup tai UBND")


def image_with_unwritable_exif(image_format="JPEG"):
    """A picture to be turned upright whose EXIF calls a text a number (SamplesPerPixel, "Hoi nghi").

    Pillow reads it, but raises struct.error when it writes the EXIF again while turning the picture.
    """
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    exif[EXIF_IMAGE_DESCRIPTION] = "Hoi nghi"
    # Big-endian IFD entry: tag 0x010E (ImageDescription), type 2 (ASCII) becomes tag 0x0115 (SamplesPerPixel).
    raw = exif.tobytes().replace(b"\x01\x0e\x00\x02", b"\x01\x15\x00\x02")
    return image_bytes(image_format, (8, 4), "blue", exif=raw)


def png_claiming_pixels(width, height):
    """A valid 1-bit PNG of ``width`` × ``height`` blank pixels that compresses to a few kilobytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
