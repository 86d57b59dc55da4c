"""Atom feeds of the archive and of the news, with the lists' own filters."""

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.documents import png_bytes
from tests.factories import PlanFactory
from tests.news.factories import ArticleFactory
from tests.opendata.conftest import HIDDEN_ARTICLES, HIDDEN_PLANS

PLAN_FEED = reverse("plans:feed")
NEWS_FEED = reverse("news:feed")


def parsed(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://cchc.example.gov.vn"


def test_plan_feed_is_atom_with_number_issuer_date_period_and_link(visitor, archive):
    feed = parsed(visitor.get(PLAN_FEED))
    plan = archive["city"]
    entry = next(entry for entry in feed.entries if entry.link.endswith(plan.get_absolute_url()))

    assert entry.link == f"https://cchc.example.gov.vn{plan.get_absolute_url()}"
    assert "12/KH-UBND" in entry.title
    assert entry.author == "UBND Thành phố Hồ Chí Minh"
    assert "ngày 19/02/2024" in entry.summary and "năm 2024" in entry.summary
    assert "Năm kế hoạch: 2024" in {tag.term for tag in entry.tags}
    assert entry.published and entry.updated


def test_plan_feed_honours_the_archive_filters(visitor, archive):
    feed = parsed(visitor.get(PLAN_FEED, {"locality": "ho-chi-minh", "channel": "mang-xa-hoi"}))

    assert [entry.link.rsplit("/", 2)[1] for entry in feed.entries] == [archive["city"].slug]
    assert feed.feed.link.endswith("/ke-hoach/?locality=ho-chi-minh&channel=mang-xa-hoi")
    assert "Hồ Chí Minh" in feed.feed.title


def test_plan_feed_shows_withdrawn_plans_only_when_asked_like_the_archive(visitor, archive):
    slug = archive["withdrawn"].slug
    assert slug not in visitor.get(PLAN_FEED).content.decode()

    feed = parsed(visitor.get(PLAN_FEED, {"withdrawn": "on"}))
    titles = [entry.title for entry in feed.entries if slug in entry.link]
    assert titles and titles[0].startswith("[Đã thu hồi]")


def test_draft_and_scheduled_plans_are_in_no_feed(visitor, archive):
    for params in ({}, {"withdrawn": "on"}, {"channel": "mang-xa-hoi"}):
        body = visitor.get(PLAN_FEED, params).content.decode()
        for name in HIDDEN_PLANS:
            assert archive[name].slug not in body and archive[name].title not in body


def test_bad_parameters_answer_400_with_the_archives_messages(visitor, archive):
    response = visitor.get(PLAN_FEED, {"year": "abc", "channel": "khong-co"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Năm kế hoạch: Năm phải là một số" in body
    assert "Hình thức tuyên truyền: Không có hình thức tuyên truyền này." in body


def test_plan_feed_holds_the_newest_50(visitor, archive):
    for number in range(55):
        PlanFactory(agency=archive["city"].agency, number=f"{300 + number}/KH-UBND")

    assert len(parsed(visitor.get(PLAN_FEED)).entries) == 50


@pytest.mark.parametrize("url", [PLAN_FEED, NEWS_FEED])
def test_a_feed_stays_within_the_query_budget(visitor, articles, url):
    for number in range(20):
        PlanFactory(agency=articles["published"].plans.first().agency, number=f"{500 + number}/KH-UBND")
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(url, {"locality": "ho-chi-minh"}).status_code == 200

    assert len(queries) <= 12, [query["sql"] for query in queries]


def test_news_feed_carries_summary_cover_and_author(visitor, articles):
    feed = parsed(visitor.get(NEWS_FEED))
    article = articles["published"]
    entry = next(entry for entry in feed.entries if entry.link.endswith(article.get_absolute_url()))

    assert entry.title == article.title
    assert entry.author == "Nguyễn Thị Hòa"
    assert article.summary in entry.summary


def test_news_feed_gives_the_cover_as_an_enclosure_and_in_the_summary(visitor, articles):
    article = ArticleFactory(title="Tin có ảnh", cover_image=SimpleUploadedFile("anh.png", png_bytes()),
                             cover_alt="Hội nghị triển khai kế hoạch")
    feed = parsed(visitor.get(NEWS_FEED))
    entry = next(entry for entry in feed.entries if entry.title == "Tin có ảnh")
    cover = f"https://cchc.example.gov.vn{article.cover_image.url}"

    assert [link.href for link in entry.links if link.rel == "enclosure"] == [cover]
    assert f'src="{cover}"' in entry.summary and 'alt="Hội nghị triển khai kế hoạch"' in entry.summary


def test_news_feed_honours_the_news_filters_and_hides_unpublished_articles(visitor, articles):
    feed = parsed(visitor.get(NEWS_FEED, {"locality": "ho-chi-minh"}))
    assert [entry.title for entry in feed.entries] == [articles["published"].title]

    body = visitor.get(NEWS_FEED).content.decode()
    for name in HIDDEN_ARTICLES:
        assert articles[name].title not in body


def test_news_feed_refuses_bad_parameters(visitor, articles):
    response = visitor.get(NEWS_FEED, {"category": "khong-co"})

    assert response.status_code == 400
    assert "Không có chuyên mục “khong-co”" in response.content.decode()


def test_every_listing_page_names_its_feed_with_the_same_filter(visitor, archive, articles):
    pages = {
        reverse("plans:list"): PLAN_FEED,
        reverse("plans:list") + "?locality=ho-chi-minh&channel=mang-xa-hoi&sort=oldest":
            PLAN_FEED + "?locality=ho-chi-minh&amp;channel=mang-xa-hoi",
        reverse("plans:list-year", args=[2024]): PLAN_FEED + "?year=2024",
        reverse("plans:list-locality", args=["ho-chi-minh"]): PLAN_FEED + "?locality=ho-chi-minh",
        reverse("news:list"): NEWS_FEED,
        reverse("news:list") + "?category=cai-cach-hanh-chinh": NEWS_FEED + "?category=cai-cach-hanh-chinh",
        reverse("news:month", args=[2024, 2]): NEWS_FEED,
    }
    for page, feed in pages.items():
        html = visitor.get(page).content.decode()
        assert '<link rel="alternate" type="application/atom+xml" title="' in html, page
        assert f'href="{feed}"' in html, page
