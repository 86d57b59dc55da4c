"""What the API says in HTTP: validators and 304, CORS for GET, read-only methods, the rate limit, the query budget."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from plans.models import Channel, Plan
from publishing import workflow
from tests.factories import PlanFactory

PLANS = reverse("api:plan-list")
BUDGET = 12


def every_endpoint():
    plan = Plan.objects.published().first()
    article = plan.articles.published().first()
    channel = Channel.objects.first()
    return [
        PLANS, f"{PLANS}?q=cai+cach&year=2020&channel=bao-chi&topic=kiem-soat-tthc&withdrawn=on",
        reverse("api:plan-detail", kwargs={"slug": plan.slug}),
        reverse("api:article-list"), f"{reverse('api:article-list')}?category=cai-cach-hanh-chinh",
        reverse("api:article-detail", kwargs={"slug": article.slug}),
        reverse("api:locality-list"), reverse("api:agency-list"), reverse("api:channel-list"),
        reverse("api:channel-detail", kwargs={"slug": channel.slug}),
    ]


def test_an_unchanged_list_answers_304_to_its_etag_and_its_date(visitor, demo):
    first = visitor.get(PLANS)
    assert first["ETag"] and first["Last-Modified"]

    by_tag = visitor.get(PLANS, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = visitor.get(PLANS, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_tag.status_code == by_date.status_code == 304
    assert by_tag.content == b"" and by_tag["ETag"] == first["ETag"]


def test_a_304_reads_no_plan(visitor, demo, django_assert_max_num_queries):
    etag = visitor.get(PLANS)["ETag"]

    with django_assert_max_num_queries(1):  # the content version
        assert visitor.get(PLANS, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_publication_changes_the_etag(visitor, demo, approver, unit_b):
    plan = PlanFactory(agency=unit_b, status=Plan.Status.SUBMITTED, published_at=None)
    first = visitor.get(PLANS)

    workflow.publish(item=plan, by=approver)

    again = visitor.get(PLANS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert plan.slug in [item["slug"] for item in again.json()["results"]]


def test_a_scheduled_plan_coming_out_changes_the_etag_without_any_write(visitor, demo, unit_b, monkeypatch):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    plan = PlanFactory(agency=unit_b, published_at=soon)
    first = visitor.get(PLANS)
    assert plan.slug not in [item["slug"] for item in first.json()["results"]]

    later = soon + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    again = visitor.get(PLANS, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200 and plan.slug in [item["slug"] for item in again.json()["results"]]


def test_each_address_has_its_own_etag(visitor, demo):
    assert visitor.get(PLANS)["ETag"] != visitor.get(PLANS, {"year": 2020})["ETag"]


def test_any_site_may_read_the_api_from_a_browser_with_get(visitor, demo):
    response = visitor.get(PLANS, HTTP_ORIGIN="https://example.org")
    preflight = visitor.options(
        PLANS, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_rest_of_the_site_sends_no_cors_header(visitor, demo):
    response = visitor.get(reverse("plans:list"), HTTP_ORIGIN="https://example.org")

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(visitor, demo, method):
    plan = Plan.objects.published().first()

    for url in (PLANS, reverse("api:plan-detail", kwargs={"slug": plan.slug}), reverse("api:channel-list")):
        response = getattr(visitor, method)(url, data={"title": "Sửa"}, content_type="application/json")
        assert response.status_code == 405, url
    assert Plan.objects.filter(title="Sửa").count() == 0


def test_head_answers_like_get_without_a_body(visitor, demo):
    response = visitor.head(PLANS)

    assert response.status_code == 200 and response.content == b"" and response["ETag"]


def test_a_client_past_the_rate_gets_429_with_retry_after(visitor, db, settings):
    settings.API_ANON_RATE = "3/minute"
    cache.clear()

    answers = [visitor.get(reverse("api:channel-list")).status_code for _ in range(4)]
    other_client = visitor.get(reverse("api:channel-list"), REMOTE_ADDR="203.0.113.9")

    assert answers == [200, 200, 200, 429]
    assert other_client.status_code == 200
    refused = visitor.get(reverse("api:channel-list"))
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Quá nhiều yêu cầu từ địa chỉ này. Hãy thử lại sau")


def test_every_endpoint_stays_within_the_query_budget(visitor, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url in every_endpoint():
        cache.clear()  # cold: counts and reference lists are computed
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get(url).status_code == 200, url
        counts[url] = len(queries)
    assert max(counts.values()) <= BUDGET, counts


def test_a_list_costs_the_same_queries_for_3_and_60_plans(visitor, demo, unit_b, django_assert_max_num_queries):
    channels = list(Channel.objects.all()[:3])
    visitor.get(PLANS)
    with django_assert_max_num_queries(BUDGET) as few:
        visitor.get(PLANS)

    PlanFactory.create_batch(60, agency=unit_b, channels=channels)
    visitor.get(PLANS)
    with django_assert_max_num_queries(BUDGET) as many:
        visitor.get(PLANS)

    assert len(many.captured_queries) == len(few.captured_queries)
