"""No public page needs more than 12 SQL queries, whatever it shows (page cache off; one of them
reads the content version that cached values are keyed by, publishing/cache.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article
from plans.models import Locality, Plan

BUDGET = 12


@pytest.fixture
def pages(demo):
    plan = Plan.objects.get(number="100/KH-UBND")
    kon_tum, quan_9, tra_vinh = (Locality.objects.get(path=path).slug for path in ("O62/", "O79/H-quan-9/", "O84/"))
    article = Article.objects.published().first()
    month = article.published_at
    return [
        reverse("home"),
        reverse("plans:list"),
        reverse("plans:list") + f"?q=cai+cach&year=2020&locality={kon_tum}&channel=bao-chi&topic=kiem-soat-tthc&sort=oldest&withdrawn=on&page=2",
        reverse("plans:list-year", args=[2020]),
        reverse("plans:list-locality", args=[quan_9]),
        plan.get_absolute_url(),
        reverse("news:list") + f"?category=cai-cach-hanh-chinh&locality={tra_vinh}",
        article.get_absolute_url(),
        reverse("news:month", args=[month.year, month.month]),
        reverse("statistics") + "?year=2020",
        reverse("statistics") + f"?year=2024&locality={tra_vinh}",
        reverse("coverage") + "?year=2024",
        reverse("coverage") + f"?year=2020&locality={kon_tum}&level=1&missing=on&sort=ngay",
    ]


def test_every_public_page_stays_within_the_query_budget(client, pages):
    counts = {}
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, HTTP_USER_AGENT="Mozilla/5.0 Firefox/130.0").status_code == 200, url
        counts[url] = len(queries)
    assert max(counts.values()) <= BUDGET, counts
