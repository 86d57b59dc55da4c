import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse

from news.admin import ArticleAdmin
from news.models import Article, Category
from tests import documents
from tests.factories import DraftPlanFactory, PlanFactory

ADD_URL = reverse("admin:news_article_add")


def article_form(**overrides):
    return {
        "title": "Càng Long ban hành kế hoạch tuyên truyền cải cách hành chính",
        "slug": "",
        "summary": "Huyện Càng Long đặt mục tiêu đưa thông tin cải cách hành chính đến từng ấp.",
        "body": "<p>Nội dung bài viết.</p>",
        "cover_caption": "",
        "cover_alt": "",
        "category": Category.objects.get(slug="cai-cach-hanh-chinh").pk,
        "locality": "",
        "author": "Minh Hiếu",
        "source": "Phòng Nội vụ huyện Càng Long",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
    } | overrides


def png(name="anh-hoi-nghi.png", size=None):
    content = documents.png_bytes()
    if size:
        content += b"\0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_editor_writes_an_article_with_a_cover_and_the_scripts_are_stripped(client, editor):
    client.force_login(editor)
    data = article_form(
        body='<p onclick="steal()">Hội nghị triển khai kế hoạch.</p><script>alert(1)</script>'
             '<p><a href="javascript:alert(2)">xem</a><img src=x onerror=alert(3)></p>',
        cover_image=png(), cover_alt="Quang cảnh hội nghị tại hội trường UBND huyện",
        cover_caption="Hội nghị triển khai kế hoạch năm 2024",
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "cang-long-ban-hanh-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh"
    assert article.created_by == editor
    for dangerous in ("<script", "onclick", "javascript:", "onerror"):
        assert dangerous not in article.body
    assert "Hội nghị triển khai kế hoạch." in article.body
    assert article.cover_image.name.startswith("news/") and article.cover_image.name.endswith(".png")
    assert "anh-hoi-nghi" not in article.cover_image.name


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("anh.png", documents.PDF_BYTES, content_type="image/png"), "ảnh"),
    (SimpleUploadedFile("anh.jpg", documents.EXE_BYTES, content_type="image/jpeg"), "ảnh"),
])
def test_a_file_that_is_not_an_image_is_refused(client, editor, upload, message):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(cover_image=upload, cover_alt="Ảnh"))

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["cover_image"])
    assert not Article.objects.exists()


def test_an_image_over_the_cap_is_refused_with_a_clear_message(client, editor, settings):
    settings.IMAGE_MAX_BYTES = 2048
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(cover_image=png(size=4096), cover_alt="Ảnh"))

    assert "Ảnh quá lớn" in str(response.context["adminform"].form.errors["cover_image"])
    assert not Article.objects.exists()


def test_a_cover_needs_a_description_for_blind_readers(client, editor):
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(cover_image=png()))

    assert "cover_alt" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_plan_autocomplete_offers_published_plans_only(client, editor, unit_a):
    published = PlanFactory(agency=unit_a, title="Kế hoạch đã công bố của xã")
    draft = DraftPlanFactory(agency=unit_a, title="Dự thảo kế hoạch của xã")
    client.force_login(editor)

    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "news", "model_name": "article", "field_name": "plans", "term": "kế hoạch",
    })

    offered = {row["text"] for row in response.json()["results"]}
    assert str(published) in offered
    assert str(draft) not in offered


def test_saving_an_article_keeps_the_views_folded_while_the_form_was_saved(client, approver, monkeypatch):
    client.force_login(approver)
    client.post(ADD_URL, article_form(title="Tin để sửa"))
    article = Article.objects.get(title="Tin để sửa")
    Article.objects.filter(pk=article.pk).update(view_count=40)
    real_save_form = ArticleAdmin.save_form

    def fold_meanwhile(self, request, form, change):  # the minute's fold lands during the editor's save
        Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 3)
        return real_save_form(self, request, form, change)

    monkeypatch.setattr(ArticleAdmin, "save_form", fold_meanwhile)
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), article_form(title="Tin đã sửa"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.view_count) == ("Tin đã sửa", 43)
