"""The sitemap index and every file it lists validate against the sitemaps protocol's schema."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from news.sitemaps import articles as article_section
from plans.sitemaps import plans as plan_section
from publishing import opendata
from tests.factories import AgencyFactory, LocalityFactory, PlanFactory
from tests.opendata.conftest import HIDDEN_ARTICLES, HIDDEN_PLANS

DATA = Path(__file__).resolve().parents[1] / "data"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def xsd(name):
    return etree.XMLSchema(etree.parse(str(DATA / name)))


def valid_document(response, schema_name):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert len(response.content) < 50 * 1024 * 1024
    document = etree.fromstring(response.content)
    schema = xsd(schema_name)
    assert schema.validate(document), schema.error_log
    return document


def sitemap_files(client):
    index = valid_document(client.get(reverse("sitemap")), "siteindex.xsd")
    return [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)]


def listed_urls(client):
    urls = []
    for file_url in sitemap_files(client):
        document = valid_document(client.get(file_url.removeprefix("http://testserver")), "sitemap.xsd")
        found = [loc.text for loc in document.iterfind("sm:url/sm:loc", NS)]
        assert len(found) <= opendata.SITEMAP_MAX_URLS
        urls += found
    return urls


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_the_index_and_each_file_validate_against_the_sitemaps_schema(visitor, articles):
    files = sitemap_files(visitor)

    assert {url.rsplit("/", 1)[1] for url in files} == {
        "sitemap-ke-hoach-1.xml", "sitemap-tin-tuc-1.xml", "sitemap-trang-tong-hop-1.xml", "sitemap-trang-co-dinh-1.xml",
    }
    assert listed_urls(visitor)


def test_published_plans_articles_and_landing_pages_are_listed_with_absolute_urls(visitor, archive, articles):
    urls = set(listed_urls(visitor))

    for name in ("city", "ward", "province"):
        assert f"http://testserver{archive[name].get_absolute_url()}" in urls
    assert f"http://testserver{articles['published'].get_absolute_url()}" in urls
    for path in (reverse("plans:list-year", args=[2024]), reverse("plans:list-year", args=[2026]),
                 reverse("plans:list-locality", args=["ho-chi-minh"]),
                 reverse("plans:list-locality", args=["phuong-phu-huu"]),
                 reverse("home"), reverse("plans:list"), reverse("news:list"), reverse("open-data")):
        assert f"http://testserver{path}" in urls


def test_drafts_scheduled_and_withdrawn_items_are_never_listed(visitor, archive, articles):
    urls = "\n".join(listed_urls(visitor))

    for name in (*HIDDEN_PLANS, "withdrawn"):
        assert archive[name].slug not in urls
    for name in HIDDEN_ARTICLES:
        assert articles[name].slug not in urls
    assert "nam-2022" not in urls


def test_lastmod_is_the_last_change_of_what_the_file_lists(visitor, archive):
    plan = archive["city"]
    document = valid_document(visitor.get(reverse("sitemap-section", args=["ke-hoach", 1])), "sitemap.xsd")
    stamps = {url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
              for url in document.iterfind("sm:url", NS)}

    assert stamps[f"http://testserver{plan.get_absolute_url()}"] == opendata.w3c_datetime(plan.updated_at)


def test_files_hold_at_most_the_protocols_limit_and_are_split_by_id(visitor, archive, monkeypatch):
    """With a limit of 2 per file, the plans spread over several files, each listed in the index."""
    monkeypatch.setattr("publishing.sitemaps.SITEMAP_MAX_URLS", 2)
    files = [url for url in sitemap_files(visitor) if "ke-hoach" in url]
    per_file = [
        len(valid_document(visitor.get(url.removeprefix("http://testserver")), "sitemap.xsd").findall("sm:url", NS))
        for url in files
    ]

    assert len(files) >= 2
    assert all(1 <= count <= 2 for count in per_file)
    assert sum(per_file) == 3


def test_an_empty_or_unknown_file_is_not_found(visitor, archive):
    assert visitor.get(reverse("sitemap-section", args=["ke-hoach", 99])).status_code == 404
    assert visitor.get(reverse("sitemap-section", args=["khong-co", 1])).status_code == 404
    assert visitor.get(reverse("sitemap-section", args=["trang-co-dinh", 2])).status_code == 404


def test_a_sitemap_file_is_one_query_whatever_its_size(visitor, archive):
    for number in range(30):
        PlanFactory(agency=archive["city"].agency, number=f"{200 + number}/KH-UBND")
    visitor.get(reverse("sitemap"))  # the content version is read once per request
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(reverse("sitemap-section", args=["ke-hoach", 1])).status_code == 200

    assert len(queries) <= 2, [query["sql"] for query in queries]


def test_sections_read_only_published_items(archive, articles):
    assert {url for url, _ in plan_section.entries(1)} >= {f"http://testserver{archive['city'].get_absolute_url()}"}
    assert len(list(article_section.entries(1))) == 2


def test_a_sitemap_file_is_kept_for_the_content_version(visitor, archive, settings):
    """Served from the page cache until something public changes; a new publication shows at once."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    url = reverse("sitemap-section", args=["ke-hoach", 1])
    visitor.get(url)
    with CaptureQueriesContext(connection) as queries:
        cached = visitor.get(url)
    assert len(queries) <= 2  # the content version, and when the next scheduled plan comes out

    plan = PlanFactory(agency=archive["city"].agency, number="500/KH-UBND")
    assert plan.slug not in cached.content.decode()
    assert plan.slug in visitor.get(url).content.decode()


def test_landing_pages_include_the_units_above_a_plan_and_the_one_a_former_unit_went_into(visitor, archive):
    quang_ngai = LocalityFactory(short_name="Quảng Ngãi", slug="quang-ngai")
    kon_tum = LocalityFactory(short_name="Kon Tum", slug="kon-tum-truoc-2025", successor=quang_ngai,
                              valid_until=datetime.date(2025, 6, 30))
    PlanFactory(agency=AgencyFactory(locality=kon_tum), period_start=None, period_end=None)
    urls = set(listed_urls(visitor))

    for path in (reverse("plans:list-locality", args=["kon-tum-truoc-2025"]),
                 reverse("plans:list-locality", args=["quang-ngai"]), reverse("plans:list-unknown-year")):
        assert f"http://testserver{path}" in urls
    assert f"http://testserver{reverse('plans:list-locality', args=['tra-vinh'])}" in urls
