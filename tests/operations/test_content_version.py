"""The content version lives in the database: read once per request, raised inside the writer's
transaction (others see it with the new rows, the writer at once), made again if its row is gone."""

import datetime

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan
from publishing import cache as page_cache
from publishing.models import ContentVersion
from publishing.remember import remember
from tests.factories import PlanFactory
from tests.news.factories import ArticleFactory


def version_reads(queries):
    return [query for query in queries.captured_queries if ContentVersion._meta.db_table in query["sql"]]


def send_without_closing_connections(signal):
    # As Django's test client does: the test's transaction must outlive the "request".
    signal.disconnect(close_old_connections)
    try:
        signal.send(sender=None)
    finally:
        signal.connect(close_old_connections)


@pytest.fixture
def in_a_request():
    send_without_closing_connections(request_started)
    yield
    send_without_closing_connections(request_finished)


def test_a_public_page_reads_the_version_once(client, unit_a, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    PlanFactory(agency=unit_a)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200  # the page key, and every remembered value

    assert len(version_reads(queries)) == 1


def test_within_a_request_the_version_is_read_once(db, in_a_request):
    with CaptureQueriesContext(connection) as queries:
        assert page_cache.content_version() == page_cache.content_version()

    assert len(version_reads(queries)) == 1


def test_outside_a_request_every_call_reads_it(db):
    with CaptureQueriesContext(connection) as queries:
        page_cache.content_version()
        page_cache.content_version()

    assert len(version_reads(queries)) == 2


def test_the_writer_sees_its_new_version_at_once(db, in_a_request):
    version = page_cache.content_version()
    page_cache.invalidate()

    assert page_cache.content_version() == version + 1


def test_a_save_of_public_content_raises_it(unit_a):
    version = page_cache.content_version()
    PlanFactory(agency=unit_a)

    assert page_cache.content_version() > version


def test_lost_rows_are_made_again(db):
    ContentVersion.objects.all().delete()
    version = page_cache.content_version()
    assert ContentVersion.objects.get(scope=page_cache.ANY).value == version

    ContentVersion.objects.all().delete()
    page_cache.invalidate("plans", "plans@79")
    assert set(ContentVersion.objects.values_list("scope", flat=True)) == {"*", "plans", "plans@79"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a second connection to the test database")
def test_others_see_the_new_version_only_when_the_writer_commits(db):
    import psycopg

    committed = page_cache.content_version()
    page_cache.invalidate()  # inside this test's transaction, never committed

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        seen = other.execute(f"SELECT value FROM {ContentVersion._meta.db_table} WHERE scope = '*'").fetchone()[0]
    assert seen == committed
    assert page_cache.content_version() == committed + 1


def test_next_scheduled_is_the_earliest_of_plans_and_articles(unit_a):
    soon = timezone.now() + datetime.timedelta(hours=1)
    PlanFactory(agency=unit_a, published_at=soon + datetime.timedelta(minutes=5))
    ArticleFactory(published_at=soon)

    assert page_cache.next_scheduled() == soon


def test_next_scheduled_with_one_kind_of_item(unit_a, monkeypatch):
    monkeypatch.setattr(page_cache, "_SCHEDULABLE", [Plan])
    soon = timezone.now() + datetime.timedelta(hours=1)
    PlanFactory(agency=unit_a, published_at=soon)

    assert page_cache.next_scheduled() == soon


def test_remember_keeps_a_value_for_the_version(db):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert remember("a count", compute) == 1
    assert remember("a count", compute) == 1
    page_cache.invalidate()
    assert remember("a count", compute) == 2
