"""Uploads through the real admin forms: what is refused, what is stored, and how it is served."""

import datetime
import io
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.views.static import serve
from PIL import Image

from news.models import Article
from plans.models import Attachment, Plan
from publishing.workflow import publish, submit
from tests import documents
from tests.news.test_admin import article_form
from tests.plans.test_admin_drafting import plan_form

PLAN_ADD_URL = reverse("admin:plans_plan_add")
ARTICLE_ADD_URL = reverse("admin:news_article_add")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_bytes(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


def post_attachment(client, agency, file):
    data = plan_form(agency, attachments=[{"title": "Văn bản gốc", "kind": "signed", "file": file}])
    return client.post(PLAN_ADD_URL, data)


def attachment_errors(response):
    assert response.status_code == 200, "the form was accepted"
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "attachments")
    return str(formset.errors)


def cover_errors(response):
    assert response.status_code == 200, "the form was accepted"
    return str(response.context["adminform"].form.errors.get("cover_image"))


@pytest.fixture
def officer(client, officer_b):
    client.force_login(officer_b)
    return client


@pytest.fixture
def editor_client(client, editor):
    """Covers come with articles, which editors write."""
    client.force_login(editor)
    return client


# -- Plan attachments ---------------------------------------------------------------------------

@pytest.mark.parametrize("file, message", [
    (upload("ke-hoach.pdf", b"", "application/pdf"), "Tệp rỗng"),
    (upload("ke-hoach.docx", documents.ooxml(with_macros=True), DOCX), "có chứa macro"),
    # A .docm renamed .docx: the macros are declared in [Content_Types].xml even if vbaProject.bin is renamed.
    (upload("ke-hoach.docx", documents.ooxml(main_content_type=documents.DOCM_MAIN_CONTENT_TYPE), DOCX), "có chứa macro"),
    (upload("ke-hoach.docx", documents.EXE_BYTES, DOCX), "không phải là một trong các định dạng"),
    (upload("setup.exe", documents.EXE_BYTES), "không phải là một trong các định dạng"),
    (upload("anh.jpg", b"\xff\xd8\xff\xe0" + documents.SCRIPT_PAYLOAD, "image/jpeg"), "không phải là một trong các định dạng"),
    (upload("anh.png", b"GIF89a" + documents.SCRIPT_PAYLOAD, "image/png"), "không phải là một trong các định dạng"),
    (upload("ke-hoach.pdf", documents.png_bytes(), "application/pdf"), "không khớp"),
    (upload("ban-do.png", documents.png_claiming_pixels(14_000, 13_000), "image/png"), "kích thước quá lớn"),
], ids=["empty", "vba-macros", "docm-content-type", "exe-as-docx", "exe", "jpeg-header-script", "gif-header-script",
        "png-named-pdf", "decompression-bomb"])
def test_an_officer_gets_a_vietnamese_error_and_nothing_is_saved(officer, unit_b, file, message):
    response = post_attachment(officer, unit_b, file)

    assert message in attachment_errors(response)
    assert not Plan.objects.exists()
    assert not Attachment.objects.exists()


def test_an_attachment_over_the_cap_is_refused(officer, unit_b, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024

    response = post_attachment(officer, unit_b, upload("ke-hoach.pdf", documents.PDF_BYTES + b"0" * 2048))

    errors = attachment_errors(response)
    assert "Tệp quá lớn" in errors and "Dung lượng tối đa là 1,0\\xa0KB" in errors
    assert not Attachment.objects.exists()


def test_a_document_is_stored_under_a_random_name_in_this_years_folder(officer, unit_b):
    assert post_attachment(officer, unit_b, documents.pdf("Kế hoạch 11 (bản ký).pdf")).status_code == 302

    attachment = Attachment.objects.get()
    assert re.fullmatch(rf"plans/{timezone.now():%Y}/[0-9a-f]{{32}}\.pdf", attachment.file.name)
    assert attachment.original_name == "Kế hoạch 11 (bản ký).pdf"
    assert stored_bytes(attachment.file) == documents.PDF_BYTES


@pytest.mark.parametrize("payload", [documents.PDF_PAYLOAD, documents.SCRIPT_PAYLOAD], ids=["pdf", "html"])
def test_a_png_with_a_payload_appended_is_stored_without_it(officer, unit_b, payload):
    polyglot = documents.png_bytes() + payload

    assert post_attachment(officer, unit_b, upload("so-do.png", polyglot, "image/png")).status_code == 302

    attachment = Attachment.objects.get()
    stored = stored_bytes(attachment.file)
    assert payload not in stored and b"script" not in stored and b"%PDF" not in stored
    assert Image.open(io.BytesIO(stored)).format == "PNG"
    assert (attachment.content_type, attachment.size) == ("image/png", len(stored))
    assert attachment.file.name.endswith(".png") and attachment.original_name == "so-do.png"


def test_a_scanned_jpeg_is_stored_without_its_exif(officer, unit_b):
    photo = documents.camera_jpeg_bytes()

    assert post_attachment(officer, unit_b, upload("anh-chup.jpg", photo, "image/jpeg")).status_code == 302

    with Image.open(io.BytesIO(stored_bytes(Attachment.objects.get().file))) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert stored.size == (20, 40)  # stood upright as the orientation tag said


# -- Article covers -----------------------------------------------------------------------------

def post_cover(client, file):
    return client.post(ARTICLE_ADD_URL, article_form(cover_image=file, cover_alt="Quang cảnh hội nghị"))


@pytest.mark.parametrize("file, message", [
    (upload("anh.png", b"", "image/png"), "Tệp rỗng"),
    (upload("anh.png", b"\x89PNG\r\n\x1a\n" + documents.SCRIPT_PAYLOAD, "image/png"), "ảnh"),
    (upload("anh.gif", documents.image_bytes("GIF"), "image/gif"), "Chỉ nhận ảnh JPEG, PNG hoặc WebP"),
    (upload("anh.png", documents.png_claiming_pixels(10_000, 10_000), "image/png"), "kích thước quá lớn: tối đa 40 triệu điểm ảnh"),
], ids=["empty", "png-header-script", "gif", "too-many-pixels"])
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_refused_cover_gets_a_vietnamese_error(editor_client, file, message):
    response = post_cover(editor_client, file)

    assert message in cover_errors(response)
    assert not Article.objects.exists()


def test_the_pixel_limit_is_the_operators_setting(editor_client, settings):
    settings.IMAGE_MAX_PIXELS = 2_500_000
    photo = upload("anh.png", documents.png_claiming_pixels(2_000, 1_500), "image/png")  # 3 million

    assert "tối đa 2,5 triệu điểm ảnh" in cover_errors(post_cover(editor_client, photo))
    assert not Article.objects.exists()


def test_a_phone_photo_is_stored_upright_without_gps_or_comments(editor_client):
    photo = documents.camera_jpeg_bytes(size=(40, 20), orientation=6)

    assert post_cover(editor_client, upload("IMG_2024.jpg", photo, "image/jpeg")).status_code == 302

    article = Article.objects.get()
    stored = stored_bytes(article.cover_image)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info
        assert image.size == (20, 40) == (article.cover_width, article.cover_height)
    assert b"Chup tai UBND" not in stored
    assert re.fullmatch(rf"news/{timezone.now():%Y}/[0-9a-f]{{32}}\.jpg", article.cover_image.name)


@pytest.mark.parametrize("payload", [documents.SCRIPT_PAYLOAD, documents.PDF_PAYLOAD], ids=["html", "pdf"])
def test_a_cover_polyglot_is_stored_without_its_payload(editor_client, payload):
    assert post_cover(editor_client, upload("anh.png", documents.png_bytes() + payload, "image/png")).status_code == 302

    stored = stored_bytes(Article.objects.get().cover_image)
    assert payload not in stored and b"script" not in stored and b"%PDF" not in stored


@pytest.mark.parametrize("image_format, name, suffix", [
    ("JPEG", "anh.jpeg", ".jpg"), ("PNG", "anh.png", ".png"), ("WEBP", "anh.webp", ".webp"),
    # Named after another format the name is not trusted: the stored copy is named after its content.
    ("PNG", "anh.jpg", ".png"),
])
def test_a_cover_keeps_its_format_and_size_and_is_named_after_its_content(editor_client, image_format, name, suffix):
    original = documents.image_bytes(image_format, size=(64, 48), color="green")

    assert post_cover(editor_client, upload(name, original)).status_code == 302

    article = Article.objects.get()
    assert article.cover_image.name.endswith(suffix)
    with Image.open(io.BytesIO(stored_bytes(article.cover_image))) as image:
        assert (image.format, image.size) == (image_format, (64, 48))


@pytest.fixture
def media_route(monkeypatch, settings):
    """The public media route reads the folder named when the URLconf was imported; point it at the test's."""
    route = next(pattern for pattern in get_resolver().url_patterns if getattr(pattern, "callback", None) is serve)
    monkeypatch.setitem(route.default_args, "document_root", settings.MEDIA_ROOT)


def test_a_cover_is_served_as_an_image_the_browser_may_not_sniff(editor_client, visitor, media_route):
    assert post_cover(editor_client, upload("anh.png", documents.png_bytes() + documents.SCRIPT_PAYLOAD)).status_code == 302
    cover = Article.objects.get().cover_image

    response = visitor.get(cover.url)

    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert documents.SCRIPT_PAYLOAD not in b"".join(response.streaming_content)


# -- Downloads ----------------------------------------------------------------------------------

def publish_now(plan, by):
    submit(item=plan, by=by)
    publish(item=plan, by=by, at=timezone.now() - datetime.timedelta(minutes=1))


@pytest.mark.parametrize("file, content_type", [
    (documents.pdf("Kế hoạch 11.pdf"), "application/pdf"),
    (upload("Kế hoạch 11.docx", documents.ooxml(), DOCX), DOCX),
    (upload("Sơ đồ tổ chức.png", documents.png_bytes(), "image/png"), "image/png"),
], ids=["pdf", "docx", "png"])
def test_a_download_is_an_attachment_with_its_type_and_no_sniffing(officer, visitor, approver, unit_b, file,
                                                                  content_type):
    assert post_attachment(officer, unit_b, file).status_code == 302
    attachment = Attachment.objects.get()
    url = reverse("plans:attachment-download", args=[attachment.plan.slug, attachment.pk])
    assert visitor.get(url).status_code == 404  # a draft's file stays private

    publish_now(attachment.plan, approver)
    response = visitor.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(file.name)}"
    assert b"".join(response.streaming_content) == stored_bytes(attachment.file)
