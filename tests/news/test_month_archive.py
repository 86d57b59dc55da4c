import datetime
import re

import pytest
from django.urls import reverse

from news.selectors import months_with_articles
from tests.news.factories import ArticleFactory, DraftArticleFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def month_url(year, month):
    return reverse("news:month", kwargs={"year": year, "month": month})


@pytest.fixture
def articles(db):
    return {
        "jan": ArticleFactory(published_at=datetime.datetime(2024, 1, 10, 3, 0, tzinfo=UTC)),
        # 18:30 UTC on 31 January is 01:30 on 1 February in Vietnam.
        "feb_in_vietnam": ArticleFactory(published_at=datetime.datetime(2024, 1, 31, 18, 30, tzinfo=UTC)),
        "feb": ArticleFactory(published_at=datetime.datetime(2024, 2, 19, 1, 30, tzinfo=UTC)),
        "old": ArticleFactory(published_at=datetime.datetime(2019, 3, 4, 2, 28, tzinfo=UTC)),
        "draft": DraftArticleFactory(
            title="Dự thảo tin tháng hai", published_at=datetime.datetime(2024, 2, 20, tzinfo=UTC),
        ),
    }


def test_a_month_lists_its_articles_in_vietnam_time(client, articles):
    response = client.get(month_url(2024, 2))

    assert response.status_code == 200
    assert list(response.context["articles"]) == [articles["feb"], articles["feb_in_vietnam"]]
    assert "<h1>Tin tức tháng 02/2024</h1>" in response.content.decode()
    assert list(client.get(month_url(2024, 1)).context["articles"]) == [articles["jan"]]


def test_drafts_are_neither_listed_nor_counted(client, articles):
    response = client.get(month_url(2024, 2))

    assert articles["draft"] not in response.context["articles"]
    assert "Dự thảo tin tháng hai" not in response.content.decode()
    assert {(item.month, item.count) for item in months_with_articles()} == {
        (datetime.date(2024, 2, 1), 2), (datetime.date(2024, 1, 1), 1), (datetime.date(2019, 3, 1), 1),
    }


def test_every_month_count_equals_the_articles_behind_its_link(client, articles):
    ArticleFactory.create_batch(13, published_at=datetime.datetime(2023, 7, 1, 2, 0, tzinfo=UTC))
    page = client.get(reverse("news:list")).content.decode()
    month_link = r'<a href="([^"]+)"[^>]*>Tháng [^<]*<span[^>]*>[^<]*</span></a> <span class="count">\((\d+) tin\)</span>'
    links = re.findall(month_link, page)

    assert len(links) == 4
    for url, count in links:
        response = client.get(url)
        assert response.context["page_obj"].paginator.count == int(count), url
        shown = len(response.context["articles"])
        if response.context["page_obj"].has_next():
            shown += len(client.get(url, {"page": "2"}).context["articles"])
        assert shown == int(count), url


def test_a_month_without_articles_is_an_empty_page(client, articles):
    response = client.get(month_url(2022, 5))

    assert response.status_code == 200
    assert list(response.context["articles"]) == []
    assert "Tháng này không có tin nào được đăng." in response.content.decode()


def test_neighbour_links_skip_empty_months(client, articles):
    page = client.get(month_url(2024, 1)).content.decode()

    assert f'href="{month_url(2019, 3)}">‹ Tháng 03/2019' in page
    assert f'href="{month_url(2024, 2)}">Tháng 02/2024 ›' in page


def test_the_current_month_is_marked_in_the_month_list(client, articles):
    page = client.get(month_url(2024, 2)).content.decode()

    assert f'<a href="{month_url(2024, 2)}" aria-current="page">' in page


@pytest.mark.parametrize("year, month", [(2024, 13), (2024, 0), (1999, 12), (2101, 1), (99999, 1)])
def test_an_impossible_month_is_not_found(client, articles, year, month):
    assert client.get(month_url(year, month)).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "999999", "abc", "1\x00"])
def test_any_page_number_gets_a_page(client, articles, page):
    response = client.get(month_url(2024, 2), {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_months_are_grouped_with_one_query_and_kept(articles, django_assert_num_queries):
    # One grouped query, and one for the next scheduled publication that bounds how long it is kept;
    # each call also reads the content version (outside a request, every call reads it).
    with django_assert_num_queries(3):
        first = months_with_articles()
    with django_assert_num_queries(1):
        assert months_with_articles() == first
