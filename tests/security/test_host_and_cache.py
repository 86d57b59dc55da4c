"""Issue 14, findings 5, 10 and 11: absolute links come from SITE_URL, the page cache keeps only
canonical addresses (searches briefly), and a value planted in Redis never runs code."""

import os
import pickle
import re
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PlanFactory
from tests.news.factories import ArticleFactory
from tests.plans.test_plan_page import jsonld_of

SITE_URL = "https://cchc.example.gov.vn"
FORGED_HOST = "cchc.example.gov.vn:6666"  # the allowed name: Django lets any port through
SEARCH_SECONDS = 60


@pytest.fixture(autouse=True)
def public_site(settings, empty_cache):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    settings.SEARCH_CACHE_SECONDS = SEARCH_SECONDS
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["cchc.example.gov.vn", "testserver"]


@pytest.fixture
def site(unit_a, province):
    plan = PlanFactory(agency=unit_a, title="Kế hoạch cải cách hành chính của xã An Trường")
    return SimpleNamespace(plan=plan, province=province)


@pytest.fixture
def writes(monkeypatch):
    """(key, timeout) of every value the portal puts in the cache from now on."""
    recorded = []
    real_set = cache.set

    def recording_set(key, value, timeout=DEFAULT_TIMEOUT, version=None):
        recorded.append((key, timeout))
        return real_set(key, value, timeout, version)

    monkeypatch.setattr(cache, "set", recording_set)
    return recorded


def pages_kept(writes):
    return [(key, timeout) for key, timeout in writes if key.startswith("public-pages:") and not key.endswith(":next-scheduled")]


def lasting(writes):
    """What was kept longer than a search's life (None: for ever)."""
    return [(key, timeout) for key, timeout in writes if timeout is None or timeout > SEARCH_SECONDS]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


# Finding 5: the Host header.

def test_forged_host_port_does_not_reach_cached_canonical_link(client, visitor, site):
    url = site.plan.get_absolute_url()
    expected = f"{SITE_URL}{url}"

    client.get(url, HTTP_HOST=FORGED_HOST)  # the attacker's request fills the cache
    response, queries = queries_for(visitor, url)
    page = response.content.decode()

    assert queries == 1  # the content version: the reader got the page the attacker's request left in the cache
    assert f'<link rel="canonical" href="{expected}">' in page
    assert jsonld_of(page)["url"] == expected
    assert f'<p class="print-only">Nguồn: {expected}</p>' in page
    assert ":6666" not in page


def test_forged_host_port_does_not_reach_article_links(client, db):
    article = ArticleFactory()
    expected = f"{SITE_URL}{article.get_absolute_url()}"

    page = client.get(article.get_absolute_url(), HTTP_HOST=FORGED_HOST).content.decode()

    assert f'<link rel="canonical" href="{expected}">' in page
    assert f'<meta property="og:url" content="{expected}">' in page
    assert jsonld_of(page)["url"] == expected
    assert f'value="{expected}" readonly' in page  # the link to copy
    assert quote(expected, safe="") in page  # the share links
    assert ":6666" not in page and "%3A6666" not in page


# Finding 10: cache growth.

def archive(query=""):
    return reverse("plans:list") + query


@pytest.mark.parametrize("canonical, variant", [
    pytest.param(lambda s: archive(), lambda s: archive("?utm_source=zalo"), id="unknown parameter"),
    pytest.param(lambda s: archive(), lambda s: archive("?year=abc"), id="bad year"),
    pytest.param(lambda s: archive(), lambda s: archive("?locality=khong-co-dia-ban-nay"), id="unknown locality"),
    pytest.param(lambda s: archive(f"?locality={s.province.slug}"), lambda s: archive(f"?locality={s.province.code}"),
                 id="locality by its code"),
    pytest.param(lambda s: archive(f"?locality={s.province.slug}"), lambda s: archive(f"?locality={s.province.slug.upper()}"),
                 id="locality in capitals"),
    pytest.param(lambda s: archive("?year=2025"), lambda s: archive("?year=2024&year=2025"), id="repeated parameter"),
    pytest.param(lambda s: archive(), lambda s: archive("?sort=newest"), id="default written out"),
    pytest.param(lambda s: archive(), lambda s: archive("?q="), id="empty parameter"),
    pytest.param(lambda s: archive("?year=2024"), lambda s: archive("?sort=oldest&year=2024"), id="parameters out of order"),
    pytest.param(lambda s: archive(), lambda s: archive("?page=abc"), id="page not a number"),
    pytest.param(lambda s: archive(), lambda s: archive("?page=999"), id="page past the end"),
    pytest.param(lambda s: reverse("plans:list-year", args=[2024]),
                 lambda s: reverse("plans:list-year", args=[2024]).replace("2024", "0002024"), id="year with zeros"),
    pytest.param(lambda s: s.plan.get_absolute_url(), lambda s: s.plan.get_absolute_url() + "?fbclid=abc", id="plan page"),
    pytest.param(lambda s: reverse("home"), lambda s: reverse("home") + "?fbclid=abc", id="home"),
    pytest.param(lambda s: reverse("news:list"), lambda s: reverse("news:list") + "?utm_source=zalo", id="news list"),
    pytest.param(lambda s: reverse("news:list"), lambda s: reverse("news:list") + "?locality=khong-co", id="news locality"),
    pytest.param(lambda s: reverse("news:month", args=[2024, 3]),
                 lambda s: reverse("news:month", args=[2024, 3]).replace("/3/", "/03/"), id="month with a zero"),
])
def test_junk_unknown_or_bad_parameters_add_no_cached_page(client, site, writes, canonical, variant):
    assert client.get(canonical(site)).status_code == 200
    assert pages_kept(writes), "the canonical address is kept"
    writes.clear()

    client.get(variant(site))

    assert pages_kept(writes) == []


def test_names_that_find_nothing_or_endless_spellings_are_kept_briefly(client, site, writes):
    for warm in (archive(), archive(f"?locality={site.province.slug}"), reverse("news:list")):
        client.get(warm)  # what the real addresses keep for long
    writes.clear()

    client.get(archive("?locality=khong-co-dia-ban-nay"))
    client.get(archive(f"?locality={site.province.slug.upper()}"))
    client.get(reverse("news:list") + "?locality=khong-co-nua")
    assert client.get(reverse("plans:detail", args=["khong-co-ke-hoach-nay"])).status_code == 404

    assert writes and lasting(writes) == []


def test_a_search_page_expires_sooner(client, site, writes):
    client.get(archive("?year=2024"))
    assert [timeout for _, timeout in pages_kept(writes)] == [300]
    writes.clear()

    response = client.get(archive("?q=cai+cach"))

    assert "Kế hoạch cải cách hành chính của xã An Trường" in response.content.decode()
    assert [timeout for _, timeout in pages_kept(writes)] == [SEARCH_SECONDS]
    assert lasting(writes) == []  # its count and facets too


@pytest.mark.parametrize("address", [
    pytest.param(lambda s: archive(), id="archive"),
    pytest.param(lambda s: archive("?q=cai+cach&year=2024&sort=oldest"), id="search"),
    pytest.param(lambda s: archive(f"?locality={s.province.slug}&page=1"), id="first page by number"),
    pytest.param(lambda s: reverse("plans:list-year", args=[2024]), id="year landing page"),
    pytest.param(lambda s: reverse("plans:list-locality", args=[s.province.slug]) + "?year=2024", id="locality landing page"),
    pytest.param(lambda s: s.plan.get_absolute_url(), id="plan"),
    pytest.param(lambda s: reverse("home"), id="home"),
    pytest.param(lambda s: reverse("news:list") + f"?locality={s.province.slug}", id="news list"),
    pytest.param(lambda s: reverse("news:month", args=[2024, 3]), id="month"),
])
def test_canonical_addresses_are_served_from_the_cache(client, site, address):
    url = address(site)
    assert queries_for(client, url)[0].status_code == 200

    assert queries_for(client, url)[1] == 1  # the content version


# Finding 11: cache values as code.

redis_only = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set; .ci/run sets it to the machine's Redis")


class RunsCode:
    """Unpickling this runs ``exec``: it writes the marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return exec, (f"open({self.marker!r}, 'w').write('ran')",)


def test_the_serializer_refuses_a_value_it_did_not_sign(tmp_path):
    from publishing.redis_cache import SignedPickleSerializer, UntrustedCacheValue

    serializer = SignedPickleSerializer()
    planted = pickle.dumps(RunsCode(tmp_path / "ran"))
    signed = serializer.dumps({"page": "Kế hoạch"})

    with pytest.raises(UntrustedCacheValue):
        serializer.loads(planted)
    with pytest.raises(UntrustedCacheValue):
        serializer.loads(signed[:32] + planted)  # a signature taken from another value
    assert not (tmp_path / "ran").exists()
    assert serializer.loads(signed) == {"page": "Kế hoạch"}
    assert serializer.loads(serializer.dumps(7)) == 7


@redis_only
def test_a_pickle_planted_in_redis_is_not_run_and_reads_as_a_miss(client, site, tmp_path, caplog):
    import redis

    marker = tmp_path / "ran"
    planted = pickle.dumps(RunsCode(marker))
    client.get(archive())  # the page and what it remembers are now in Redis
    raw = redis.Redis.from_url(os.environ["REDIS_URL"])
    overwritten = 0
    for key in raw.scan_iter():
        if not raw.get(key).isdigit():  # leave the content version, a plain integer
            raw.set(key, planted)
            overwritten += 1
    raw.set(cache.make_key("forged"), os.urandom(32) + planted)

    page = client.get(archive()).content.decode()

    assert overwritten > 1
    assert not marker.exists()
    assert "Kế hoạch cải cách hành chính của xã An Trường" in page
    assert cache.get("forged", "miss") == "miss"
    assert cache.get_many(["forged"]) == {}
    assert re.search(r"bad signature", caplog.text)


@redis_only
def test_values_the_portal_caches_round_trip_through_redis(site):
    page = HttpResponse("<p>Kế hoạch</p>", status=400)
    cache.set("test:page", page)
    cache.set("test:plan", site.plan)
    cache.set("test:remembered", (None, None))
    cache.set("test:version", 41)

    assert cache.incr("test:version") == 42
    assert (cache.get("test:page").status_code, cache.get("test:page").content) == (400, page.content)
    assert cache.get("test:plan").title == site.plan.title
    assert cache.get_many(["test:remembered", "test:version", "test:none"]) == {"test:remembered": (None, None), "test:version": 42}
