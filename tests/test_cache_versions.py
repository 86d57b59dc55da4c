"""Cached values carry the content version they were made under (issue #20): a read that began
before a publication can never keep its old count, a new value is computed once while the others
serve the previous one, and a page has one cache entry however many publications pass."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from plans.models import Plan
from plans.selectors import ArchiveQuery, archive_count, matching_plans
from publishing import cache as page_cache
from publishing.remember import remember
from publishing.workflow import publish, submit
from tests.factories import DraftPlanFactory, PlanFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings, empty_cache):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def in_a_request():
    """The content version kept for one request, as ``request_started`` keeps it."""
    page_cache._request_begins()
    yield
    page_cache._request_ends()


def count_all():
    query = ArchiveQuery()
    return archive_count(query, matching_plans(query))[0]


def test_a_read_that_began_before_a_publication_cannot_keep_its_old_count(officer_b, approver, unit_b, in_a_request):
    PlanFactory(agency=unit_b)
    plan = DraftPlanFactory(agency=unit_b)
    submit(item=plan, by=officer_b)
    page_cache.content_version()  # the read begins: it has the version of before the publication

    def count_then_someone_publishes():
        counted = Plan.objects.published().count()
        publish(item=plan, by=approver)  # in another request, between the count and its storing
        return counted, True

    stored = remember("archive:count:", count_then_someone_publishes)
    assert stored == (1, True)  # the read stores what it counted...
    page_cache._request_ends()

    page_cache._request_begins()  # ...and the next request counts anew
    assert count_all() == 2


def test_while_one_worker_computes_the_new_value_the_others_serve_the_previous_one(unit_b):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert remember("reference-list", compute) == 1
    page_cache.invalidate()
    version = page_cache.made_under(None)  # the versions it is now to be made for
    key = f"remembered:{page_cache._digest('reference-list')}"
    assert page_cache._claim(key, version)  # another worker has begun computing it

    assert remember("reference-list", compute) == 1  # the previous value, not a second computation
    assert calls == [1]
    page_cache._release(key, version)
    assert remember("reference-list", compute) == 2


def test_a_page_keeps_one_cache_entry_however_many_publications_pass(monkeypatch, client, officer_b, approver, unit_b):
    written = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: written.append(key) or real_set(key, *args, **kwargs))
    url = reverse("plans:list")
    for number in range(3):
        plan = DraftPlanFactory(agency=unit_b, title=f"Kế hoạch thứ {number}")
        submit(item=plan, by=officer_b)
        publish(item=plan, by=approver)
        assert f"Kế hoạch thứ {number}" in client.get(url).content.decode()
    page_keys = {key for key in written if key.startswith("public-pages:") and not key.endswith("next-scheduled")}
    assert len(page_keys) == 1
