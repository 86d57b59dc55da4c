"""What an upload may carry: pictures only through the plugins of the formats we take, within
a pixel budget checked before decoding; Office files without remote content, embedded objects
or bombs. Through the real admin forms, as in test_uploads."""

import pytest
from PIL import EpsImagePlugin, Image, ImageFile

from news.models import Article
from plans.models import Attachment
from tests import documents
from tests.security import test_uploads
from tests.security.test_uploads import DOCX, attachment_errors, cover_errors, post_attachment, post_cover, upload

# Signed in as in test_uploads: an officer of unit B (attachments), an editor (covers).
officer, editor_client = test_uploads.officer, test_uploads.editor_client

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def plugins_opened(monkeypatch):
    """The formats whose Pillow plugin was handed an upload; a Ghostscript run counts too."""
    opened = []

    def recording(image_format, factory):
        def open_and_record(fp, filename=None):
            opened.append(image_format)
            return factory(fp, filename)
        return open_and_record

    def ghostscript(*args, **kwargs):
        opened.append("Ghostscript")
        raise OSError("Ghostscript must not run on an upload")

    Image.init()
    for image_format, (factory, accept) in list(Image.OPEN.items()):
        monkeypatch.setitem(Image.OPEN, image_format, (recording(image_format, factory), accept))
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", ghostscript)
    return opened


@pytest.fixture
def pixels_decoded(monkeypatch):
    """The sizes of the pictures whose pixels Pillow decoded."""
    decoded = []
    load = ImageFile.ImageFile.load

    def load_and_record(image):
        decoded.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load_and_record)
    return decoded


# -- Pictures -----------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    documents.EPS_BYTES,
    documents.image_bytes("TIFF"),
    documents.image_bytes("BMP"),
    documents.image_bytes("GIF"),
], ids=["eps", "tiff", "bmp", "gif"])
def test_a_cover_in_another_format_is_refused_without_its_pillow_plugin_reading_it(editor_client, plugins_opened,
                                                                                   content):
    response = post_cover(editor_client, upload("anh.png", content, "image/png"))

    assert set(plugins_opened) <= {"JPEG", "PNG", "WEBP"}
    assert "Chỉ nhận ảnh JPEG, PNG hoặc WebP" in cover_errors(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_cover_pillow_trips_over_gets_a_form_error_not_a_500(editor_client, image_format):
    picture = documents.image_with_unwritable_exif(image_format)

    response = post_cover(editor_client, upload("anh.jpg", picture, "image/jpeg"))

    assert "ảnh bị hỏng" in cover_errors(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize("error", [EOFError, KeyError, IndexError, MemoryError])
def test_a_cover_whose_decoder_fails_in_any_way_gets_a_form_error_not_a_500(editor_client, monkeypatch, error):
    def load(image):
        raise error("what a decoder bug would raise on some other hostile file")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)

    response = post_cover(editor_client, upload("anh.png", documents.png_bytes(), "image/png"))

    assert "ảnh bị hỏng" in cover_errors(response)
    assert not Article.objects.exists()


def test_an_attachment_pillow_trips_over_gets_a_form_error_not_a_500(officer, unit_b):
    response = post_attachment(officer, unit_b, upload("anh-chup.jpg", documents.image_with_unwritable_exif(), "image/jpeg"))

    assert "không phải là một trong các định dạng" in attachment_errors(response)
    assert not Attachment.objects.exists()


def test_a_cover_of_49_megapixels_is_refused_before_its_pixels_are_decoded(editor_client, pixels_decoded):
    # 7000 × 7000 one-bit pixels: a few kilobytes on disk, under Pillow's own limit of 89 megapixels.
    response = post_cover(editor_client, upload("anh.png", documents.png_claiming_pixels(7000, 7000), "image/png"))

    assert "kích thước quá lớn: tối đa 40 triệu điểm ảnh" in cover_errors(response)
    assert (7000, 7000) not in pixels_decoded
    assert not Article.objects.exists()


def test_an_attachment_of_49_megapixels_is_refused_before_its_pixels_are_decoded(officer, unit_b, pixels_decoded):
    response = post_attachment(officer, unit_b, upload("ban-do.png", documents.png_claiming_pixels(7000, 7000)))

    assert "kích thước quá lớn: tối đa 40 triệu điểm ảnh" in attachment_errors(response)
    assert (7000, 7000) not in pixels_decoded
    assert not Attachment.objects.exists()


# -- Office documents ---------------------------------------------------------------------------

REMOTE_CONTENT = "lấy nội dung từ bên ngoài"
EMBEDDED_OBJECT = "có đối tượng nhúng"


@pytest.mark.parametrize("name, content, message", [
    # A template fetched when Word opens the document (the settings part names it).
    ("ke-hoach.docx", documents.ooxml(relationships={
        "word/settings.xml": [("attachedTemplate", "https://mau.example/ke-hoach.dotm", "External")],
    }), REMOTE_CONTENT),
    ("ke-hoach.docx", documents.ooxml(relationships={
        "word/settings.xml": [("attachedTemplate", "\\\\10.0.0.5\\mau\\ke-hoach.dotm", "External")],
    }), REMOTE_CONTENT),
    # An OLE object linked from another computer: Word reaches out to update it.
    ("ke-hoach.docx", documents.ooxml(relationships={
        "word/document.xml": [("oleObject", "file://10.0.0.5/chia-se/bang.xlsx", "External")],
    }), REMOTE_CONTENT),
    # A picture linked, not stored: fetched on opening (and leaks the reader's Windows credentials over SMB).
    ("ke-hoach.docx", documents.ooxml(relationships={
        "word/document.xml": [("image", "file://10.0.0.5/chia-se/logo.png", "External")],
    }), REMOTE_CONTENT),
    # A workbook that pulls its figures from another one.
    ("chi-tieu.xlsx", documents.ooxml("xl/workbook.xml", parts=[
        ("xl/externalLinks/externalLink1.xml", documents.EXTERNAL_LINK_CONTENT_TYPE, b"<externalLink/>"),
    ], relationships={
        "xl/workbook.xml": [("externalLink", "externalLinks/externalLink1.xml")],
        "xl/externalLinks/externalLink1.xml": [("externalLinkPath", "https://so-lieu.example/so-lieu.xlsx", "External")],
    }), REMOTE_CONTENT),
    ("ke-hoach.docx", documents.ooxml(parts=[
        ("word/embeddings/oleObject1.bin", documents.OLE_OBJECT_CONTENT_TYPE, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ], relationships={"word/document.xml": [("oleObject", "embeddings/oleObject1.bin")]}), EMBEDDED_OBJECT),
    ("ke-hoach.docx", documents.ooxml(parts=[
        ("word/embeddings/Bang_tinh.xlsx", documents.XLSX_CONTENT_TYPE, documents.ooxml("xl/workbook.xml")),
    ], relationships={"word/document.xml": [("package", "embeddings/Bang_tinh.xlsx")]}), EMBEDDED_OBJECT),
    # An ActiveX control under a name that says nothing: its content type gives it away.
    ("ke-hoach.docx", documents.ooxml(parts=[
        ("word/dieu-khien/c1.xml", documents.ACTIVEX_CONTENT_TYPE, b"<ocx/>"),
    ]), "điều khiển ActiveX"),
    # A .docm renamed, its macro-enabled type declared after a megabyte of padding.
    ("ke-hoach.docx", documents.ooxml(
        main_content_type=documents.DOCM_MAIN_CONTENT_TYPE, content_types_padding=1_200_000,
    ), "có chứa macro"),
    ("ke-hoach.docx", documents.ooxml(content_types_padding=3 * 1024 * 1024), "lớn bất thường"),
    ("ke-hoach.docx", documents.ooxml_with_members(5001), "quá nhiều thành phần"),
], ids=["remote-template", "template-on-a-share", "external-ole-link", "linked-picture", "external-workbook", "embedded-ole-object",
        "embedded-workbook", "activex-by-content-type", "macro-type-past-a-megabyte", "huge-content-types",
        "too-many-parts"])
def test_an_office_file_that_reaches_out_or_hides_content_is_refused(officer, unit_b, name, content, message):
    response = post_attachment(officer, unit_b, upload(name, content, XLSX if name.endswith(".xlsx") else DOCX))

    assert message in attachment_errors(response)
    assert not Attachment.objects.exists()


def test_a_workbook_that_inflates_a_thousandfold_is_refused(officer, unit_b):
    bomb = documents.ooxml_bomb(300 * 1024 * 1024)  # 300 MB of zeros in a file of 300 KB

    response = post_attachment(officer, unit_b, upload("chi-tieu.xlsx", bomb, XLSX))

    assert "khi giải nén quá lớn (300,0\\xa0MB, tối đa 256,0\\xa0MB)" in attachment_errors(response)
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("content", [
    # Entities that expand a billionfold if a parser honours the declaration.
    documents.ooxml(parts=[("word/_rels/document.xml.rels", documents.RELATIONSHIPS_CONTENT_TYPE, (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Relationships>&c;</Relationships>'
    ))]),
    # Two parts of one name (part names ignore case): which of them Word reads is not ours to guess.
    documents.ooxml(parts=[
        ("word/_rels/document.xml.rels", documents.RELATIONSHIPS_CONTENT_TYPE, documents.relationships_xml([])),
        ("word/_rels/Document.xml.rels", documents.RELATIONSHIPS_CONTENT_TYPE, documents.relationships_xml([
            ("attachedTemplate", "https://mau.example/ke-hoach.dotm", "External"),
        ])),
    ]),
], ids=["xml-entities", "duplicate-part-names"])
def test_an_office_file_built_to_confuse_its_reader_is_refused(officer, unit_b, content):
    response = post_attachment(officer, unit_b, upload("ke-hoach.docx", content, DOCX))

    assert "không phải là một trong các định dạng" in attachment_errors(response)
    assert not Attachment.objects.exists()


def test_a_document_with_web_links_pictures_and_the_authors_template_is_accepted(officer, unit_b):
    document = documents.ooxml(main_content_type=documents.DOCX_MAIN_CONTENT_TYPE, parts=[
        ("word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml", b"<styles/>"),
        ("word/media/image1.png", "image/png", documents.png_bytes()),
    ], relationships={
        "word/document.xml": [
            ("styles", "styles.xml"),
            ("image", "media/image1.png"),
            ("hyperlink", "https://vanban.chinhphu.vn/", "External"),
        ],
        # Word names the template the document was made from, on the author's disk.
        "word/settings.xml": [
            ("attachedTemplate", "file:///C:\\Users\\VanThu\\Templates\\Mau-ke-hoach.dotx", "External"),
        ],
    })

    assert post_attachment(officer, unit_b, upload("ke-hoach.docx", document, DOCX)).status_code == 302
    assert Attachment.objects.get().content_type == DOCX
