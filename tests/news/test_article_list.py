import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Category
from tests import documents
from tests.factories import LocalityFactory
from tests.news.factories import ArticleFactory, DraftArticleFactory

pytestmark = pytest.mark.django_db

NEWS = reverse("news:list")


def listed(response):
    """Every article the page shows: the featured block, then the numbered list."""
    return list(response.context["featured"]) + list(response.context["articles"])


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def tree(db):
    tra_vinh = LocalityFactory(short_name="Trà Vinh", slug="tra-vinh")
    cang_long = LocalityFactory(short_name="Càng Long", kind="huyen", parent=tra_vinh, slug="cang-long")
    quang_ngai = LocalityFactory(short_name="Quảng Ngãi", slug="quang-ngai")
    kon_tum = LocalityFactory(
        short_name="Kon Tum", slug="kon-tum-truoc-2025", successor=quang_ngai, valid_until=datetime.date(2025, 6, 30),
    )
    return {"tra_vinh": tra_vinh, "cang_long": cang_long, "quang_ngai": quang_ngai, "kon_tum": kon_tum}


def test_reader_sees_published_news_newest_first_and_no_draft(client):
    older = ArticleFactory(published_at=days_ago(3))
    newer = ArticleFactory(published_at=days_ago(1))
    DraftArticleFactory(title="Dự thảo tin chưa duyệt")

    response = client.get(NEWS)

    assert response.status_code == 200
    assert listed(response) == [newer, older]
    assert "Dự thảo tin chưa duyệt" not in response.content.decode()


def test_a_card_shows_title_link_date_category_and_summary(client):
    article = ArticleFactory(
        published_at=datetime.datetime(2024, 2, 19, 1, 30, tzinfo=datetime.UTC), summary="Sapo của bài viết.",
    )

    page = client.get(NEWS).content.decode()

    assert f'<a href="{article.get_absolute_url()}">{article.title}</a>' in page
    assert ">19/02/2024</time>" in page
    assert "Cải cách hành chính" in page
    assert "Sapo của bài viết." in page


def test_a_cover_thumbnail_has_its_alt_text_size_and_lazy_loading(client):
    article = ArticleFactory(cover_alt="Quang cảnh hội nghị triển khai kế hoạch")
    article.cover_image.save("hoi-nghi.png", ContentFile(documents.png_bytes()))

    page = client.get(NEWS).content.decode()

    expected = 'alt="Quang cảnh hội nghị triển khai kế hoạch" width="4" height="4" loading="lazy"'
    assert f'src="{article.cover_image.url}" {expected}' in page


def test_a_cover_whose_file_is_gone_does_not_break_the_list(client):
    article = ArticleFactory(cover_alt="Ảnh đã mất", cover_image=ContentFile(documents.png_bytes(), name="mat.png"))
    article.cover_image.storage.delete(article.cover_image.name)

    response = client.get(NEWS)

    assert response.status_code == 200
    assert 'alt="Ảnh đã mất" width="4" height="4" loading="lazy"' in response.content.decode()


def test_category_filter(client):
    chuyen_doi_so = Category.objects.get(slug="chuyen-doi-so")
    digital = ArticleFactory(category=chuyen_doi_so)
    ArticleFactory()

    response = client.get(NEWS, {"category": "chuyen-doi-so"})

    assert listed(response) == [digital]
    assert "<h1>Tin tức: Chuyển đổi số, dịch vụ công</h1>" in response.content.decode()


def test_province_filter_includes_a_district_article_and_a_merged_province(client, tree):
    district = ArticleFactory(locality=tree["cang_long"])
    province = ArticleFactory(locality=tree["tra_vinh"])
    merged = ArticleFactory(locality=tree["kon_tum"])
    ArticleFactory(locality=None)

    assert set(listed(client.get(NEWS, {"locality": "tra-vinh"}))) == {district, province}
    assert listed(client.get(NEWS, {"locality": "Càng Long"})) == [district]
    assert listed(client.get(NEWS, {"locality": tree["cang_long"].code})) == [district]
    assert listed(client.get(NEWS, {"locality": "quang-ngai"})) == [merged]


def test_featured_articles_head_the_first_page_only_and_are_not_repeated(client):
    plain = [ArticleFactory(published_at=days_ago(day)) for day in range(1, 15)]
    featured = [ArticleFactory(featured=True, published_at=days_ago(20 + day)) for day in range(4)]

    first = client.get(NEWS)
    second = client.get(NEWS, {"page": "2"})

    assert first.context["featured"] == featured[:3]
    assert not set(featured[:3]) & set(first.context["articles"])
    assert first.context["articles"] == plain[:12]
    assert second.context["featured"] == []
    assert list(second.context["articles"]) == [*plain[12:], featured[3]]
    assert "Tin nổi bật" in first.content.decode() and "Tin nổi bật" not in second.content.decode()
    assert first.context["total"] == second.context["total"] == 18


def test_twelve_articles_a_page_and_page_two_keeps_the_category(client):
    ArticleFactory.create_batch(15, category=Category.objects.get(slug="kiem-soat-tthc"))
    ArticleFactory.create_batch(3)

    first = client.get(NEWS, {"category": "kiem-soat-tthc"})
    assert len(listed(first)) == 12
    assert "?category=kiem-soat-tthc&amp;page=2" in first.content.decode()

    second = client.get(NEWS, {"category": "kiem-soat-tthc", "page": "2"})
    assert second.context["page_obj"].number == 2
    assert len(listed(second)) == 3
    assert all(article.category.slug == "kiem-soat-tthc" for article in listed(second))


def test_page_numbers_out_of_range_give_the_first_or_last_page(client):
    ArticleFactory.create_batch(13)

    assert client.get(NEWS, {"page": "999999"}).context["page_obj"].number == 2
    assert client.get(NEWS, {"page": "-1"}).context["page_obj"].number == 1
    assert client.get(NEWS, {"page": "0"}).context["page_obj"].number == 1
    assert client.get(NEWS, {"page": "abc"}).context["page_obj"].number == 1


@pytest.mark.parametrize("params, status, message", [
    ({"category": "khong-co"}, 400, "Không có chuyên mục “khong-co”"),
    ({"category": "cai\x00cach"}, 400, "ký tự null"),
    ({"category": "x" * 5000}, 400, "Chuyên mục"),
    ({"locality": "atlantis"}, 400, "Không tìm thấy địa bàn “atlantis”"),
    ({"locality": "tra\x00vinh"}, 400, "ký tự null"),
    ({"page": "0"}, 200, None),
    ({"page": "-1"}, 200, None),
    ({"page": "999999"}, 200, None),
    ({"page": "abc"}, 200, None),
    ({"page": "1\x00"}, 200, None),
    ({"category": ["khong-co", "cai-cach-hanh-chinh"]}, 200, None),
    ({"utm_source": "zalo", "foo[]": "1"}, 200, None),
])
def test_bad_input_gets_an_answer_not_an_error(client, params, status, message):
    ArticleFactory()

    response = client.get(NEWS, params)
    html = response.content.decode()

    assert response.status_code == status
    assert "<h1>Tin tức" in html
    assert "\x00" not in html
    if message:
        assert 'role="alert"' in html and message in html


def test_the_months_list_is_on_the_news_page(client):
    ArticleFactory(published_at=datetime.datetime(2024, 2, 19, 1, 30, tzinfo=datetime.UTC))

    page = client.get(NEWS).content.decode()

    assert "Xem theo tháng" in page
    assert f'href="{reverse("news:month", kwargs={"year": 2024, "month": 2})}"' in page


def test_main_menu_marks_the_news_section(client):
    page = client.get(NEWS).content.decode()

    assert f'<a href="{NEWS}" aria-current="page">Tin tức</a>' in page


def queries_for(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(NEWS, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [
    {},
    {"category": "cai-cach-hanh-chinh"},
    {"locality": "tra-vinh", "page": "2"},
])
def test_query_count_is_the_same_with_3_and_300_articles(client, tree, params):
    def add(count):
        for index in range(count):
            article = ArticleFactory(
                locality=tree["cang_long"] if index % 2 else tree["kon_tum"], featured=index % 50 == 0,
                published_at=days_ago(index % 90 + 1),
            )
            if index % 25 == 0:
                article.cover_image.save("anh.png", ContentFile(documents.png_bytes()))

    add(3)
    few = queries_for(client, params)
    add(297)
    assert Article.objects.count() == 300
    assert queries_for(client, params) == few
