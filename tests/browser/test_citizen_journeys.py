"""What a citizen does on the portal, click by click, in a real browser."""

import re

import pytest
from django.urls import reverse

from tests.browser.pages import demo_plan, facet, results_heading, search

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_picks_province_district_and_year_then_downloads_the_plan(site):
    plan = demo_plan()
    page = site.open(reverse("home"))

    page.get_by_label("Tỉnh, thành phố").select_option(label="Tỉnh Trà Vinh")
    page.get_by_role("button", name="Tìm kế hoạch").click()
    assert results_heading(page) == "1 kế hoạch"
    facet(page, "Đơn vị trực thuộc", "Huyện Càng Long").click()
    assert "Huyện Càng Long" in page.locator(".active-filters").inner_text()
    facet(page, "Năm kế hoạch", "2024").click()
    assert results_heading(page) == "1 kế hoạch"
    page.get_by_role("link", name=plan.title).click()

    assert page.get_by_role("heading", level=1).inner_text() == plan.title
    attachment = plan.attachments.get()
    with page.expect_download() as download_info:
        page.locator(".downloads a").first.click()
    download = download_info.value
    assert download.suggested_filename == attachment.download_name
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"
    answer = page.request.get(download.url)
    assert answer.headers["content-type"] == "application/pdf"
    assert f'filename="{attachment.download_name}"' in answer.headers["content-disposition"]


def test_citizen_drills_down_from_the_province_to_a_commune(site, commune_plans):
    page = site.open(reverse("plans:list"))
    assert results_heading(page) == "32 kế hoạch, trang 1/2"  # 26 commune plans and the six demo plans

    facet(page, "Tỉnh, thành phố", "Tỉnh Trà Vinh").click()
    assert results_heading(page) == "27 kế hoạch, trang 1/2"
    facet(page, "Đơn vị trực thuộc", "Huyện Càng Long").click()
    facet(page, "Đơn vị trực thuộc", "Xã An Trường").click()
    assert results_heading(page) == "2 kế hoạch"
    facet(page, "Năm kế hoạch", "2024").click()

    assert results_heading(page) == "1 kế hoạch"
    title = "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024 của UBND xã An Trường"
    page.get_by_role("link", name=title).click()
    assert page.get_by_role("heading", level=1).inner_text() == title


def test_search_without_accents_finds_the_plan(site):
    plan = demo_plan()
    page = site.open(reverse("home"))
    search(page, "cải cách")
    with_accents = results_heading(page)

    search(page, "cai cach")

    assert "q=cai+cach" in page.url
    assert results_heading(page) == with_accents != "0 kế hoạch"
    page.get_by_role("link", name=plan.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == plan.title


def test_from_a_news_article_on_the_home_page_to_the_plan_it_reports_on(site):
    plan = demo_plan()
    article = plan.articles.get()
    page = site.open(reverse("home"))

    news = page.locator("section").filter(has=page.get_by_role("heading", name="Tin tức", exact=True))
    news.get_by_role("link", name=article.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == article.title

    related = page.locator("section").filter(has=page.get_by_role("heading", name="Kế hoạch liên quan"))
    related.get_by_role("link", name=plan.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == plan.title


def root_font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_larger_text_stays_larger_on_the_next_page(site):
    page = site.open(reverse("home"))
    assert root_font_size(page) == 16

    page.get_by_role("button", name="Tăng cỡ chữ").click()
    assert root_font_size(page) == 18
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Kế hoạch").click()
    page.wait_for_url(re.compile(r"/ke-hoach/$"))
    assert root_font_size(page) == 18
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)") > 32

    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    page.reload()
    assert root_font_size(page) == 16


def test_a_printed_plan_has_the_document_without_the_site_controls(site):
    plan = demo_plan()
    page = site.open(plan.get_absolute_url())
    page.emulate_media(media="print")

    for hidden in (".site-header nav", ".site-search", ".text-size", ".site-footer", ".skip-link", ".breadcrumbs"):
        assert page.locator(hidden).is_hidden(), hidden
    assert page.get_by_role("heading", level=1).inner_text() == plan.title
    assert page.locator(".print-only").is_visible()  # the address the paper copy came from
    assert page.locator(".plan").evaluate("element => getComputedStyle(element).color") == "rgb(0, 0, 0)"

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1
