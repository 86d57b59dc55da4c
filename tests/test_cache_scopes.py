"""A change reaches the cached pages that show it, and only those (issue #20): a publication in one
province keeps every cached page of the others, still correct; pages served from the cache carry the
same headers as the pages made, and a signed-in reader never gets one."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Plan
from publishing.workflow import withdraw
from tests.factories import AgencyFactory, LocalityFactory, PlanFactory
from tests.news.factories import ArticleFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings, empty_cache):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def two_provinces(db):
    ours = LocalityFactory(short_name="Sóc Trăng")
    theirs = LocalityFactory(short_name="Cà Mau")
    commune = LocalityFactory(short_name="Khánh Bình", kind="xa", parent=theirs)
    return AgencyFactory(locality=ours), AgencyFactory(locality=commune)


def fetch(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def fresh(client, url):
    """The page as it is made now, with nothing kept."""
    cache.clear()
    return fetch(client, url)[0]


def archive_of(agency):
    return reverse("plans:list-locality", kwargs={"locality": agency.locality.slug})


def test_a_publication_in_one_province_keeps_the_cached_pages_of_another(visitor, two_provinces):
    ours, theirs = two_provinces
    their_plan = PlanFactory(agency=theirs, title="Kế hoạch tuyên truyền của xã Khánh Bình")
    pages = [archive_of(theirs), their_plan.get_absolute_url(), f"{archive_of(theirs)}?year=2024"]
    for url in pages:
        fetch(visitor, url)

    PlanFactory(agency=ours, title="Kế hoạch tuyên truyền của tỉnh Sóc Trăng")

    for url in pages:
        content, queries = fetch(visitor, url)
        assert queries == 1  # the versions: the page itself came from the cache
        assert "Kế hoạch tuyên truyền của xã Khánh Bình" in content
        assert "Kế hoạch tuyên truyền của tỉnh Sóc Trăng" not in content
    archive = fetch(visitor, reverse("plans:list"))[0]
    assert "Kế hoạch tuyên truyền của tỉnh Sóc Trăng" in archive  # the country's list shows it at once
    assert "Kế hoạch tuyên truyền của tỉnh Sóc Trăng" in fetch(visitor, archive_of(ours))[0]
    # And what was served from the cache is what the page is now.
    kept = fetch(visitor, archive_of(theirs))[0]
    assert kept == fresh(visitor, archive_of(theirs))


def test_a_change_in_a_province_reaches_its_pages_at_once(visitor, admin_user, two_provinces):
    _, theirs = two_provinces
    plan = PlanFactory(agency=theirs, title="Kế hoạch sẽ bị thu hồi")
    assert "Kế hoạch sẽ bị thu hồi" in fetch(visitor, archive_of(theirs))[0]

    withdraw(item=plan, by=admin_user, comment="Ban hành nhầm")

    content, queries = fetch(visitor, archive_of(theirs))
    assert "Kế hoạch sẽ bị thu hồi" not in content and queries > 1


def test_a_plan_moved_to_another_province_leaves_the_first_ones_pages(visitor, two_provinces):
    ours, theirs = two_provinces
    plan = PlanFactory(agency=ours, title="Kế hoạch nhập nhầm địa bàn")
    assert "Kế hoạch nhập nhầm địa bàn" in fetch(visitor, archive_of(ours))[0]
    fetch(visitor, archive_of(theirs))

    plan.agency, plan.locality = theirs, theirs.locality
    plan.save()

    assert "Kế hoạch nhập nhầm địa bàn" not in fetch(visitor, archive_of(ours))[0]
    assert "Kế hoạch nhập nhầm địa bàn" in fetch(visitor, archive_of(theirs))[0]


def test_a_plan_naming_another_provinces_plan_reaches_that_plans_page(visitor, two_provinces):
    ours, theirs = two_provinces
    upper = PlanFactory(agency=theirs, title="Kế hoạch cấp trên")
    fetch(visitor, upper.get_absolute_url())

    implementing = PlanFactory(agency=ours, title="Kế hoạch thực hiện kế hoạch cấp trên")
    implementing.legal_basis_plans.add(upper)

    assert "Kế hoạch thực hiện kế hoạch cấp trên" in fetch(visitor, upper.get_absolute_url())[0]


def test_news_about_a_plan_reaches_the_plans_page_and_an_article_shows_its_plans_edits(visitor, two_provinces):
    ours, theirs = two_provinces
    plan = PlanFactory(agency=theirs, title="Kế hoạch được đưa tin")
    fetch(visitor, plan.get_absolute_url())

    article = ArticleFactory(title="Tỉnh Sóc Trăng học cách làm của xã Khánh Bình", locality=ours.locality, plans=[plan])
    assert "Tỉnh Sóc Trăng học cách làm của xã Khánh Bình" in fetch(visitor, plan.get_absolute_url())[0]

    fetch(visitor, article.get_absolute_url())
    plan.title = "Kế hoạch được đưa tin (sửa tên)"
    plan.save()
    assert "Kế hoạch được đưa tin (sửa tên)" in fetch(visitor, article.get_absolute_url())[0]


def test_a_draft_saved_anywhere_keeps_every_cached_page(visitor, two_provinces):
    ours, _ = two_provinces
    fetch(visitor, reverse("plans:list"))
    PlanFactory(agency=ours, status=Plan.Status.DRAFT, published_at=None)

    assert fetch(visitor, reverse("plans:list"))[1] == 1


def test_a_page_from_the_cache_has_the_headers_of_a_page_made(visitor, two_provinces):
    url = archive_of(two_provinces[1])
    made = visitor.get(url)
    kept = visitor.get(url)

    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Type"):
        assert kept.headers.get(header) == made.headers.get(header) is not None
    assert kept.content == made.content


def test_a_signed_in_reader_gets_the_page_made_for_them_and_it_is_not_kept(client, visitor, admin_user, two_provinces):
    url = archive_of(two_provinces[1])
    PlanFactory(agency=two_provinces[1])
    fetch(visitor, url)
    client.force_login(admin_user)

    assert fetch(client, url)[1] > 1  # not the anonymous readers' page
    cache.clear()
    fetch(client, url)
    assert fetch(visitor, url)[1] > 1  # nothing the signed-in reader got was kept for the others
