"""What the archive does to stay fast on a national archive, as a reader sees it.

Counts and facets are kept per filter combination until anything is published or
withdrawn; a search too broad to count says "more than"; pages are read id-first;
on PostgreSQL a search matches words (``plans.search``).
"""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from news.models import Article
from plans import selectors
from plans.models import Plan
from publishing.workflow import publish, submit, withdraw
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory
from tests.news.factories import ArticleFactory

ARCHIVE = reverse("plans:list")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="word search is PostgreSQL's")


def results(response):
    return list(response.context["page_obj"].object_list)


def heading(response):
    return response.content.decode().split('id="ket-qua">', 1)[1].split("<", 1)[0]


@pytest.fixture
def agency(db):
    return AgencyFactory(locality=LocalityFactory(short_name="Trà Vinh", slug="tra-vinh"), name="UBND tỉnh Trà Vinh")


def test_the_count_follows_a_publication_and_a_withdrawal(client, agency, superuser):
    PlanFactory.create_batch(2, agency=agency)
    draft = DraftPlanFactory(agency=agency, title="Kế hoạch mới được duyệt")
    assert heading(client.get(ARCHIVE, {"year": "2024"})) == "2 kế hoạch"

    submit(item=draft, by=superuser)
    publish(item=draft, by=superuser)
    assert heading(client.get(ARCHIVE, {"year": "2024"})) == "3 kế hoạch"

    withdraw(item=draft, by=superuser, comment="Ban hành nhầm")
    assert heading(client.get(ARCHIVE, {"year": "2024"})) == "2 kế hoạch"


def test_counts_of_different_filters_are_not_mixed_up(client, agency):
    PlanFactory.create_batch(3, agency=agency, period_start=2023, issue_date=datetime.date(2023, 1, 5))
    PlanFactory(agency=agency, period_start=2024)

    assert heading(client.get(ARCHIVE, {"year": "2023"})) == "3 kế hoạch"
    assert heading(client.get(ARCHIVE, {"year": "2024"})) == "1 kế hoạch"
    assert heading(client.get(ARCHIVE)) == "4 kế hoạch"
    # The same filter spelled differently shares its count, and still answers right.
    assert heading(client.get(ARCHIVE, {"q": "CẢI  CÁCH", "year": "2023"})) == "3 kế hoạch"
    assert heading(client.get(ARCHIVE, {"q": "cai cach", "year": "2023", "sort": "oldest"})) == "3 kế hoạch"


def test_a_search_finds_a_plan_whose_parts_were_edited_after_the_last_count(client, agency):
    plan = PlanFactory(agency=agency, title="Kế hoạch tuyên truyền năm 2024")
    assert heading(client.get(ARCHIVE, {"q": "pa no"})) == "0 kế hoạch"

    plan.channels.set([plan.channels.model.objects.get(slug="pa-no-ap-phich")])
    from plans.services import refresh_search_text

    refresh_search_text(plan)
    assert results(client.get(ARCHIVE, {"q": "pa no"})) == [plan]


def test_a_search_too_broad_to_count_says_more_than_and_still_narrows(client, agency, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 3)
    PlanFactory.create_batch(5, agency=agency)
    PlanFactory(agency=agency, period_start=2023, issue_date=datetime.date(2023, 3, 1))

    response = client.get(ARCHIVE, {"q": "cai cach"})
    page = response.content.decode()

    assert heading(response) == "Hơn 3 kế hoạch"
    assert len(results(response)) == 3
    assert "Hãy thu hẹp điều kiện lọc" in page
    years = {item.label: item for item in response.context["facets"]["years"]}
    assert set(years) == {"2024", "2023"}
    assert all(item.count is None for item in years.values())  # no number rather than a wrong one
    assert 'class="count"' not in page.split('class="archive__results"')[0]
    # A facet link keeps the search and narrows it to a countable size.
    narrowed = client.get(years["2023"].url)
    assert heading(narrowed) == "1 kế hoạch"
    assert {item.label: item.count for item in narrowed.context["facets"]["years"]} == {"2024": 5, "2023": 1}


def test_pages_read_id_first_list_every_plan_once_in_order(client, agency):
    dates = [datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 7) for n in range(45)]
    for day in dates:
        PlanFactory(agency=agency, issue_date=day)
    PlanFactory(agency=agency, issue_date=None, number="", title="Kế hoạch chưa ghi ngày ban hành")
    expected = list(
        Plan.objects.published().order_by("-issue_date", "-published_at", "-id").exclude(issue_date=None)
    ) + list(Plan.objects.filter(issue_date=None))

    seen = []
    for number in (1, 2, 3):
        seen += results(client.get(ARCHIVE, {"page": number}))

    assert seen == expected


def test_a_narrow_search_keeps_the_archive_order_with_undated_plans_last(client, agency):
    undated = PlanFactory(agency=agency, issue_date=None, number="", title="Kế hoạch về Hà Ngọc chưa ghi ngày")
    old = PlanFactory(agency=agency, issue_date=datetime.date(2021, 5, 1), title="Hà Ngọc: kế hoạch 2021")
    new = PlanFactory(agency=agency, issue_date=datetime.date(2024, 5, 1), title="Hà Ngọc: kế hoạch 2024")
    PlanFactory(agency=agency, title="Kế hoạch của xã khác")

    assert results(client.get(ARCHIVE, {"q": "ha ngoc"})) == [new, old, undated]


@postgres_only
@pytest.mark.parametrize("query, found", [
    ("cai cach", {"reform"}),
    ("cải cách hành chí", {"reform"}),  # the last word may be unfinished
    ("11/KH-UBND", {"reform"}),
    ("11 / kh ubnd", {"reform", "eleven"}),  # separate words: each anywhere
    ("111/kh-ubnd", set()),  # a number is not a prefix of another
    ("ach", set()),  # inside a word: not a match
    ("'&|!:*()", set()),  # query syntax is only text
])
def test_postgres_search_matches_words(client, agency, query, found):
    plans = {
        "reform": PlanFactory(agency=agency, number="11/KH-UBND", title="Tuyên truyền cải cách hành chính"),
        "eleven": PlanFactory(agency=agency, number="12/KH-UBND", title="Tuyên truyền 11 nhiệm vụ năm 2024"),
    }
    response = client.get(ARCHIVE, {"q": query})

    assert response.status_code == 200
    assert set(results(response)) == {plans[name] for name in found}


def test_news_count_follows_a_publication(client, superuser):
    ArticleFactory.create_batch(2)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert client.get(reverse("news:list")).context["total"] == 2

    submit(item=draft, by=superuser)
    publish(item=draft, by=superuser)

    assert client.get(reverse("news:list")).context["total"] == 3
