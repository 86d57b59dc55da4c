import datetime
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article, Category
from news.view_counts import fold_views
from tests import documents
from tests.factories import DraftPlanFactory, PlanFactory
from tests.news.factories import ArticleFactory, DraftArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
SITE_URL = "https://cchc.example.gov.vn"


@pytest.fixture
def site_url(settings):
    """Absolute links come from SITE_URL, whatever host the request named (here ``testserver``)."""
    settings.SITE_URL = SITE_URL
    return SITE_URL


def read(client, article, agent=BROWSER):
    return client.get(article.get_absolute_url(), headers={"User-Agent": agent})


def jsonld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def meta(html, name):
    found = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)">', html)
    return found and found.group(1)


def test_reader_sees_date_and_time_in_vietnam_time(client, db):
    article = ArticleFactory(published_at=datetime.datetime(2024, 2, 19, 1, 30, tzinfo=datetime.UTC))

    page = read(client, article).content.decode()

    assert '<time datetime="2024-02-19T08:30:00+07:00">' in page
    assert "19/02/2024 08:30 (GMT+7)" in page


def test_reader_sees_title_byline_source_summary_and_body(client, db):
    article = ArticleFactory(
        title="Càng Long: Ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024",
        author="Minh Hiếu", source="Phòng Nội vụ huyện Càng Long", summary="Ngày 19/02, UBND huyện ban hành kế hoạch.",
        body="<p>Theo đó, mục đích kế hoạch là tăng cường hiệu quả thông tin.</p>",
    )

    page = read(client, article).content.decode()

    assert re.findall(r"<h1[ >].*?</h1>", page) == [f'<h1 id="article-title">{article.title}</h1>']
    for text in ("Minh Hiếu", "Nguồn: Phòng Nội vụ huyện Càng Long", "Ngày 19/02, UBND huyện ban hành kế hoạch.",
                 "<p>Theo đó, mục đích kế hoạch là tăng cường hiệu quả thông tin.</p>", "Lượt xem: 0"):
        assert text in page


def test_the_cover_is_a_figure_with_caption_and_alt_text(client, db):
    article = ArticleFactory(cover_alt="Quang cảnh hội nghị", cover_caption="Hội nghị triển khai kế hoạch năm 2024")
    article.cover_image.save("hoi-nghi.png", ContentFile(documents.png_bytes()))

    page = read(client, article).content.decode()

    figure = re.search(r'<figure class="news-article__cover">(.*?)</figure>', page, re.S).group(1)
    assert f'<img src="{article.cover_image.url}" alt="Quang cảnh hội nghị" width="4" height="4">' in figure
    assert "<figcaption>Hội nghị triển khai kế hoạch năm 2024</figcaption>" in figure


@pytest.mark.parametrize("make", [
    lambda: DraftArticleFactory(slug="ban-nhap"),
    lambda: ArticleFactory(slug="hen-gio", published_at=timezone.now() + datetime.timedelta(hours=1)),
])
def test_drafts_and_scheduled_articles_are_not_found(client, db, make):
    article = make()

    assert read(client, article).status_code == 404
    assert client.get("/tin-tuc/khong-co-bai-nay/").status_code == 404


def test_only_published_plans_are_linked(client, unit_b):
    published = PlanFactory(agency=unit_b, number="11/KH-UBND", title="Kế hoạch thông tin, tuyên truyền CCHC năm 2024")
    draft = DraftPlanFactory(agency=unit_b, title="Dự thảo kế hoạch chưa ký")
    article = ArticleFactory(plans=[published, draft])

    page = read(client, article).content.decode()

    assert f'<a href="{published.get_absolute_url()}">{published.title}</a>' in page
    assert "Số 11/KH-UBND" in page and unit_b.name in page
    assert "Dự thảo kế hoạch chưa ký" not in page and draft.get_absolute_url() not in page


def test_earlier_news_lists_five_published_articles_of_the_same_category_before_this_one(client, db):
    def at(days):
        return timezone.now() - datetime.timedelta(days=days)

    earlier = [ArticleFactory(published_at=at(10 + day)) for day in range(6)]
    DraftArticleFactory(title="Bản nháp không được đưa", published_at=at(20))
    other_category = Category.objects.get(slug="chuyen-doi-so")
    ArticleFactory(title="Tin chuyên mục khác", category=other_category, published_at=at(11))
    ArticleFactory(title="Tin mới hơn", published_at=at(1))
    article = ArticleFactory(published_at=at(5))

    response = read(client, article)
    page = response.content.decode()

    assert response.context["earlier_articles"] == earlier[:5]
    assert "Tin đã đưa" in page
    for hidden in ("Bản nháp không được đưa", "Tin chuyên mục khác", "Tin mới hơn", earlier[5].title):
        assert hidden not in page


def test_each_reader_adds_one_view_and_bots_link_checkers_and_the_author_do_not(client, editor, district):
    article = ArticleFactory(created_by=editor, locality=district)

    read(client, article)
    read(client, article)
    read(client, article, agent=GOOGLEBOT)
    read(client, article, agent="")
    client.head(article.get_absolute_url(), headers={"User-Agent": BROWSER})
    client.force_login(editor)
    read(client, article)
    fold_views()  # views reach the article every minute (tests/news/test_view_count.py)

    article.refresh_from_db()
    assert article.view_count == 2


def test_the_page_shows_the_views_folded_so_far(client, db):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=44)

    assert "Lượt xem: 44" in read(client, article).content.decode()
    fold_views()
    assert "Lượt xem: 45" in read(client, article).content.decode()


def test_a_script_in_the_body_never_reaches_the_page(client, db):
    article = ArticleFactory.build(
        category=Category.objects.get(slug="cai-cach-hanh-chinh"),
        body='<p onclick="steal()">Hội nghị.</p><script>alert("xss")</script><img src=x onerror=alert(1)>',
    )
    article.full_clean()
    article.save()

    page = read(client, article).content.decode()

    assert "Hội nghị." in page
    for dangerous in ('alert("xss")', "onclick", "onerror"):
        assert dangerous not in page


def test_a_title_cannot_end_the_json_ld_script(client, db):
    article = ArticleFactory(title='Tin </script><script>alert("xss")</script>')

    page = read(client, article).content.decode()

    assert '<script>alert("xss")' not in page
    assert jsonld(page)["headline"] == article.title


def test_json_ld_describes_a_news_article_about_the_plans(client, unit_b, settings, site_url):
    settings.SITE_OWNER = "Sở Nội vụ tỉnh Trà Vinh"
    plan = PlanFactory(agency=unit_b)
    article = ArticleFactory(
        author="Minh Hiếu", plans=[plan, DraftPlanFactory(agency=unit_b)],
        published_at=datetime.datetime(2024, 2, 19, 1, 30, tzinfo=datetime.UTC), cover_alt="Ảnh",
    )
    article.cover_image.save("anh.png", ContentFile(documents.png_bytes()))

    data = jsonld(read(client, article).content.decode())

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2024-02-19T08:30:00+07:00"
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == {"@type": "Person", "name": "Minh Hiếu"}
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": "Sở Nội vụ tỉnh Trà Vinh"}
    assert data["mainEntityOfPage"]["@id"] == f"{site_url}{article.get_absolute_url()}"
    assert data["image"] == [f"{site_url}{article.cover_image.url}"]
    assert [item["url"] for item in data["about"]] == [f"{site_url}{plan.get_absolute_url()}"]


def test_open_graph_and_canonical_tags(client, db, site_url):
    article = ArticleFactory(
        summary="Sapo ngắn.", cover_alt="Ảnh", published_at=datetime.datetime(2024, 2, 19, 1, 30, tzinfo=datetime.UTC),
    )
    article.cover_image.save("anh.png", ContentFile(documents.png_bytes()))
    url = f"{site_url}{article.get_absolute_url()}"

    page = read(client, article).content.decode()

    assert f'<link rel="canonical" href="{url}">' in page
    assert meta(page, "og:title") == article.title
    assert meta(page, "og:description") == "Sapo ngắn."
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == url
    assert meta(page, "og:image") == f"{site_url}{article.cover_image.url}"
    assert meta(page, "article:published_time") == "2024-02-19T08:30:00+07:00"


def test_sharing_works_without_javascript(client, db, site_url):
    article = ArticleFactory()
    url = f"{site_url}{article.get_absolute_url()}"

    page = read(client, article).content.decode()

    links = re.findall(r'<a href="(https://[^"]*(?:facebook|zalo)[^"]*)"', page)
    assert len(links) == 2
    assert all(url in parse_qs(urlsplit(link.replace("&amp;", "&")).query).popitem()[1] for link in links)
    assert '<label for="lien-ket-bai">Sao chép liên kết</label>' in page
    assert f'value="{url}" readonly' in page
    assert re.search(r"<script(?![^>]*(?:src=|application/ld\+json))", page) is None  # no inline code


def queries_for(client, article):
    with CaptureQueriesContext(connection) as queries:
        assert read(client, article).status_code == 200
    return len(queries)


def test_query_count_is_the_same_with_1_and_10_plans_and_earlier_articles(client, unit_b):
    def at(days):
        return timezone.now() - datetime.timedelta(days=days)

    article = ArticleFactory(published_at=at(1), plans=[PlanFactory(agency=unit_b)])
    ArticleFactory(published_at=at(2))
    few = queries_for(client, article)

    article.plans.add(*PlanFactory.create_batch(9, agency=unit_b))
    ArticleFactory.create_batch(9, published_at=at(3))
    assert queries_for(client, article) == few
    assert len(read(client, article).context["linked_plans"]) == 10
