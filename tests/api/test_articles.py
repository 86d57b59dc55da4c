"""/api/v1/articles/: the news list's articles and filters, and each article."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from news.models import Article
from plans.models import Locality, Plan
from tests.api.conftest import page_errors, page_slugs, slugs, walk
from tests.factories import DraftPlanFactory
from tests.news.factories import ArticleFactory

ARTICLES = reverse("api:article-list")
NEWS = reverse("news:list")


def detail(article):
    return reverse("api:article-detail", kwargs={"slug": article.slug})


def news_slugs(client, params):
    """Every article the news list shows for ``params``: the featured block and all numbered pages."""
    return page_slugs(client, NEWS, params, lambda context: [*context["featured"], *context["articles"]])


def test_visitor_lists_published_articles_newest_first(visitor, demo):
    items, _ = walk(visitor, ARTICLES)

    assert [item["slug"] for item in items] == [article.slug for article in Article.objects.published().newest_first()]
    assert {"slug", "name"} == set(items[0]["category"]) and "body" not in items[0]


@pytest.mark.parametrize("name", ["category", "locality", "plan"])
def test_a_filter_finds_what_the_news_list_finds(visitor, demo, name):
    params = {
        "category": {"category": "cai-cach-hanh-chinh"},
        "locality": {"locality": Locality.objects.get(path="O84/").slug},
        "plan": {"plan": Plan.objects.filter(articles__isnull=False).first().slug},
    }[name]

    expected = news_slugs(visitor, params)

    assert expected, "the demo has articles for this filter"
    assert sorted(slugs(visitor, f"{ARTICLES}?{urlencode(params)}")) == sorted(expected)


@pytest.mark.parametrize("params", [{"category": "the-thao"}, {"locality": "khong-co-dau"}, {"plan": "khong-co-ke-hoach"}])
def test_a_bad_parameter_is_refused_with_the_news_lists_message(visitor, demo, params):
    status, messages = page_errors(visitor, NEWS, params)

    response = visitor.get(ARTICLES, params)

    assert status == response.status_code == 400
    assert response.json() == messages


def test_an_article_reads_whole_with_its_published_plans_only(visitor, demo):
    published = Plan.objects.published().first()
    draft = DraftPlanFactory(agency=published.agency, title="Dự thảo chưa công bố")
    article = ArticleFactory(title="Huyện triển khai kế hoạch", plans=[published, draft])

    record = visitor.get(detail(article)).json()

    assert record["title"] == "Huyện triển khai kế hoạch" and record["body"] == "<p>Nội dung bài viết.</p>"
    assert record["plans"] == [published.slug]
    listed = next(item for item in walk(visitor, ARTICLES)[0] if item["slug"] == article.slug)
    assert listed["plans"] == [published.slug]


def test_drafts_and_scheduled_articles_appear_nowhere(visitor, hidden):
    listed = slugs(visitor, ARTICLES)

    for article in (hidden["draft_article"], hidden["scheduled_article"]):
        assert article.slug not in listed
        assert visitor.get(detail(article)).status_code == 404


def test_a_withdrawn_article_leaves_the_list_but_keeps_its_record(visitor, demo):
    article = ArticleFactory(status=Article.Status.WITHDRAWN, withdrawn_reason="Thông tin chưa chính xác")

    assert article.slug not in slugs(visitor, ARTICLES)
    assert visitor.get(detail(article)).json()["withdrawn_reason"] == "Thông tin chưa chính xác"
