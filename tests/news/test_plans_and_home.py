"""Where news meets the plans: the plan page and the home page."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.factories import PlanFactory
from tests.news.factories import ArticleFactory, DraftArticleFactory


def test_a_plan_page_lists_exactly_its_published_articles(client, unit_a):
    plan, other_plan = PlanFactory(agency=unit_a), PlanFactory(agency=unit_a)
    about_it = ArticleFactory(title="Xã An Trường triển khai kế hoạch", plans=[plan])
    ArticleFactory(title="Tin về kế hoạch khác", plans=[other_plan])
    DraftArticleFactory(title="Bản nháp về kế hoạch", plans=[plan])
    ArticleFactory(title="Tin hẹn giờ về kế hoạch", plans=[plan], published_at=timezone.now() + datetime.timedelta(hours=3))

    response = client.get(plan.get_absolute_url())

    assert list(response.context["articles"]) == [about_it]
    page = response.content.decode()
    assert "Xã An Trường triển khai kế hoạch" in page and about_it.get_absolute_url() in page
    for hidden in ("Tin về kế hoạch khác", "Bản nháp về kế hoạch", "Tin hẹn giờ về kế hoạch"):
        assert hidden not in page


def test_a_much_reported_plan_lists_its_newest_articles_and_links_to_all_of_them(client, unit_a):
    plan, other_plan = PlanFactory(agency=unit_a), PlanFactory(agency=unit_a)
    now = timezone.now()
    articles = [
        ArticleFactory(title=f"Tin số {n} về kế hoạch", plans=[plan], published_at=now - datetime.timedelta(hours=n))
        for n in range(1, 13)
    ]
    ArticleFactory(title="Tin về kế hoạch khác", plans=[other_plan])

    page = client.get(plan.get_absolute_url()).content.decode()

    assert [article.title in page for article in articles] == [True] * 10 + [False] * 2
    link = f'{reverse("news:list")}?plan={plan.slug}'
    assert link in page
    listed = client.get(link)
    assert listed.context["total"] == 12
    assert set(listed.context["articles"]) == set(articles)
    assert plan.title in listed.content.decode()
    assert client.get(reverse("news:list"), {"plan": "khong-co"}).status_code == 400


def test_home_shows_featured_and_newest_articles_next_to_the_plans(client, unit_a):
    plan = PlanFactory(agency=unit_a, title="Kế hoạch mới nhất của xã")
    featured = ArticleFactory(title="Tin nổi bật về cải cách", featured=True)
    newest = ArticleFactory(title="Tin mới nhất về cải cách")
    DraftArticleFactory(title="Bản nháp chưa đăng", featured=True)

    response = client.get(reverse("home"))

    assert response.context["featured_articles"] == [featured]
    assert list(response.context["newest_articles"]) == [newest]
    page = response.content.decode()
    assert plan.title in page and featured.title in page and newest.title in page
    assert "Bản nháp chưa đăng" not in page
