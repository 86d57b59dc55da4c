"""With JavaScript off, everything a citizen needs still works: it is all links and forms."""

import pytest
from django.urls import reverse

from tests.browser.pages import demo_plan, facet, results_heading, search

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def visitor(site, commune_plans):
    return site.open(reverse("home"), javascript=False)


def test_the_header_search_and_the_archive_filters_work(visitor):
    assert visitor.locator(".text-size").is_hidden()  # the page's scripts do not run

    search(visitor, "cai cach Cang Long 2024")
    assert visitor.get_by_role("link", name=demo_plan().title).is_visible()

    filters = visitor.get_by_role("search", name="Lọc kế hoạch")
    filters.get_by_label("Từ khóa").fill("")
    filters.get_by_label("Năm kế hoạch").select_option("2023")
    filters.get_by_label("Sắp xếp").select_option(label="Theo số ký hiệu")
    filters.get_by_role("button", name="Lọc kết quả").click()

    assert "year=2023" in visitor.url and "sort=number" in visitor.url
    assert results_heading(visitor) == "13 kế hoạch"
    assert visitor.locator(".plan-card dd").first.inner_text() == "11/KH-UBND"  # by number: 11, 12, 13…


def test_facets_and_pagination_work_and_keep_the_filters(visitor):
    visitor.goto(reverse("plans:list"))
    facet(visitor, "Năm kế hoạch", "2024").click()
    assert results_heading(visitor) == "14 kế hoạch"
    visitor.get_by_role("link", name="Xóa bộ lọc").click()

    assert results_heading(visitor) == "32 kế hoạch, trang 1/2"
    visitor.get_by_role("navigation", name="Phân trang").get_by_role("link", name="Trang sau ›").click()
    assert results_heading(visitor) == "32 kế hoạch, trang 2/2"
    assert visitor.locator(".plan-card").count() == 12


def test_the_attachment_downloads(visitor):
    plan = demo_plan()
    visitor.goto(plan.get_absolute_url())

    with visitor.expect_download() as download:
        visitor.locator(".downloads a").first.click()
    assert download.value.suggested_filename == plan.attachments.get().download_name
