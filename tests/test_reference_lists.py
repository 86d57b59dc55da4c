"""The reference lists every public page reads (channels, provinces, news categories) stay in the
worker while their version holds (``publishing.remember.reference``): read from the cache once, not
for every page; a change to one is seen by the next page all the same."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from news.models import Category
from plans.models import Channel
from plans.selectors import channels
from publishing.remember import reference


@pytest.fixture
def cache_reads(monkeypatch):
    reads = []
    get = cache.get

    def counted_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counted_get)
    return reads


def test_a_reference_list_is_read_from_the_cache_once_per_version(db, cache_reads):
    made = []

    def compute():
        made.append(1)
        return ["Báo chí", "Đài phát thanh"]

    first = reference("test:list", compute)
    reads_after_first = len(cache_reads)
    assert reference("test:list", compute) == reference("test:list", compute) == first == ["Báo chí", "Đài phát thanh"]

    assert len(made) == 1
    assert len(cache_reads) == reads_after_first  # the process's own copy, not the cache


def test_a_new_channel_is_offered_on_the_next_page(db, visitor):
    assert "Loa phát thanh thông minh" not in visitor.get(reverse("plans:list")).content.decode()
    assert "loa-thong-minh" not in channels()

    Channel.objects.create(slug="loa-thong-minh", name="Loa phát thanh thông minh", position=99)

    assert "loa-thong-minh" in channels()
    page = visitor.get(reverse("plans:list")).content.decode()
    assert '<option value="loa-thong-minh">Loa phát thanh thông minh</option>' in page


def test_a_renamed_news_category_shows_on_the_next_news_page(db, visitor):
    category = Category.objects.create(slug="chuyen-de", name="Chuyên đề")
    assert '<option value="chuyen-de">Chuyên đề</option>' in visitor.get(reverse("news:list")).content.decode()

    category.name = "Chuyên đề cải cách"
    category.save()

    page = visitor.get(reverse("news:list")).content.decode()
    assert '<option value="chuyen-de">Chuyên đề cải cách</option>' in page and ">Chuyên đề<" not in page
