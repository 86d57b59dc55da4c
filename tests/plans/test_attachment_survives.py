"""A signed original, once accepted, survives a save that fails elsewhere on the plan form."""

import datetime
import hashlib
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.models import Article
from plans.models import Attachment, Plan
from publishing import kept_uploads
from publishing.kept_uploads import KEPT_UPLOADS_DIR
from tests import documents
from tests.news.test_admin import article_form, png
from tests.plans.test_admin_drafting import ADD_URL, plan_form

pytestmark = pytest.mark.django_db

KEPT_INPUT = re.compile(r'name="(attachments-(\d+)-file_kept)" value="([^"]+)"')


def kept_tokens(response):
    """{field name: token} of the files the re-shown form keeps."""
    return {name: token for name, _index, token in KEPT_INPUT.findall(response.content.decode())}


def kept_files():
    try:
        return default_storage.listdir(KEPT_UPLOADS_DIR)[1]
    except FileNotFoundError:
        return []


def rows(*files):
    return [{"title": f"Tài liệu {index}", "kind": "signed" if index == 0 else "appendix", "file": file}
            for index, file in enumerate(files)]


def failed_first_save(client, unit_b, *files):
    """The officer picks the files but forgets the title: the form comes back."""
    data = plan_form(unit_b, attachments=rows(*files))
    data["title"] = ""
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "title" in response.context["adminform"].form.errors
    return response


def test_the_file_is_offered_again_and_saved_without_picking_it_again(client, officer_b, unit_b):
    client.force_login(officer_b)

    response = failed_first_save(client, unit_b, documents.pdf("ke-hoach-11.pdf"))

    assert "Đã chọn: <strong>ke-hoach-11.pdf</strong>" in response.content.decode()
    tokens = kept_tokens(response)
    assert list(tokens) == ["attachments-0-file_kept"]
    assert not Plan.objects.exists()

    data = plan_form(unit_b, attachments=[{"title": "Tài liệu 0", "kind": "signed", **tokens_as_row(tokens, 0)}])
    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    attachment = Attachment.objects.get()
    assert attachment.original_name == "ke-hoach-11.pdf"
    assert attachment.sha256 == hashlib.sha256(documents.PDF_BYTES).hexdigest()
    with attachment.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == attachment.sha256
    # Used once, then gone from the private area.
    assert kept_files() == []


def test_a_large_upload_saved_at_once_is_stored_whole(client, settings, officer_b, unit_b):
    """Past FILE_UPLOAD_MAX_MEMORY_SIZE an upload is a temporary file: keeping it copies it, never moves it."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16
    client.force_login(officer_b)

    response = client.post(ADD_URL, plan_form(unit_b, attachments=rows(documents.pdf("lon.pdf"))))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.sha256 == hashlib.sha256(documents.PDF_BYTES).hexdigest()
    assert kept_files() == []


def tokens_as_row(tokens, index):
    return {"file_kept": tokens[f"attachments-{index}-file_kept"]}


def test_several_attachments_survive_together(client, officer_b, unit_b):
    client.force_login(officer_b)
    second = SimpleUploadedFile("phu-luc.docx", documents.ooxml())

    tokens = kept_tokens(failed_first_save(client, unit_b, documents.pdf("ban-ky.pdf"), second))

    assert len(tokens) == 2
    data = plan_form(unit_b, attachments=[
        {"title": "Tài liệu 0", "kind": "signed", **tokens_as_row(tokens, 0)},
        {"title": "Tài liệu 1", "kind": "appendix", **tokens_as_row(tokens, 1)},
    ])
    assert client.post(ADD_URL, data).status_code == 302
    plan = Plan.objects.get()
    assert sorted(a.original_name for a in plan.attachments.all()) == ["ban-ky.pdf", "phu-luc.docx"]


def test_a_refused_file_is_not_kept(client, officer_b, unit_b):
    client.force_login(officer_b)

    response = failed_first_save(client, unit_b, documents.exe_named("ke-hoach.pdf"))

    assert kept_tokens(response) == {}
    assert "Đã chọn" not in response.content.decode()
    assert kept_files() == []


def test_another_user_cannot_claim_the_kept_file(client, officer_b, approver, unit_b):
    client.force_login(officer_b)
    tokens = kept_tokens(failed_first_save(client, unit_b, documents.pdf("mat.pdf")))

    client.force_login(approver)
    data = plan_form(unit_b, attachments=[{"title": "Tài liệu 0", "kind": "signed", **tokens_as_row(tokens, 0)}])
    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Attachment.objects.exists()
    page = response.content.decode()
    assert "mat.pdf" not in page
    assert kept_tokens(response) == {}
    # Still there for its owner.
    client.force_login(officer_b)
    assert client.post(ADD_URL, data).status_code == 302
    assert Attachment.objects.get().original_name == "mat.pdf"


def test_a_made_up_token_gives_nothing(client, officer_b, unit_b):
    client.force_login(officer_b)
    data = plan_form(unit_b, attachments=[{"title": "Tài liệu 0", "kind": "signed", "file_kept": "../../secret_key"}])

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Attachment.objects.exists()


def test_an_expired_kept_file_is_refused_and_purged(client, officer_b, unit_b, monkeypatch):
    client.force_login(officer_b)
    tokens = kept_tokens(failed_first_save(client, unit_b, documents.pdf()))
    monkeypatch.setattr(kept_uploads, "KEPT_UPLOAD_LIFETIME", datetime.timedelta(seconds=-1))

    data = plan_form(unit_b, attachments=[{"title": "Tài liệu 0", "kind": "signed", **tokens_as_row(tokens, 0)}])
    assert client.post(ADD_URL, data).status_code == 200
    assert not Attachment.objects.exists()

    kept_uploads.purge_expired_uploads()
    assert kept_files() == []


def test_an_article_cover_survives_a_missing_description(client, editor):
    """The same for an article's cover: the editor forgot the alternative text."""
    client.force_login(editor)
    add_url = reverse("admin:news_article_add")

    response = client.post(add_url, article_form(cover_image=png("hoi-nghi.png")))

    assert "cover_alt" in response.context["adminform"].form.errors
    assert "Đã chọn: <strong>hoi-nghi.png</strong>" in response.content.decode()
    token = re.search(r'name="cover_image_kept" value="([^"]+)"', response.content.decode())[1]

    response = client.post(add_url, article_form(cover_image_kept=token, cover_alt="Quang cảnh hội nghị"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.cover_image.name.endswith(".png") and article.cover_width == 4
    assert kept_files() == []
