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

DOCM_MAIN_CONTENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
# Where the camera was: Hồ Chí Minh City, as a phone writes it into EXIF.
GPS_SAIGON = {1: "N", 2: (10.0, 46.0, 30.0), 3: "E", 4: (106.0, 42.0, 0.0)}
EXIF_ORIENTATION, EXIF_GPS = 0x0112, 0x8825


def pdf(name="ke-hoach-11.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def exe_named(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, EXE_BYTES, content_type="application/pdf")


def ooxml(main_part="word/document.xml", with_macros=False, main_content_type=None):
    """A minimal DOCX/XLSX; ``main_content_type`` declares the main part's type (a .docm's, say)."""
    content_types = "<Types/>"
    if main_content_type:
        content_types = f'<Types><Override PartName="/{main_part}" ContentType="{main_content_type}"/></Types>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(main_part, "<document/>")
        if with_macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
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


def png_claiming_pixels(width, height):
    """A valid 1-bit PNG of ``width`` × ``height`` blank pixels that compresses to a few kilobytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
