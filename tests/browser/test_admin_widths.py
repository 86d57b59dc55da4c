"""The admin fits the screens officers use: 1280 px and 1366 px at 100 % zoom without scrolling
sideways, and a 360 px phone where every page can at least be read without a page wider than it."""

import pytest
from django.urls import reverse

from plans.models import Plan
from publishing import roles
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import log_in, staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AGENCY = "UBND huyện Càng Long"
WIDE = {"width": 1366, "height": 768}


def overflow(page):
    """How far the page is wider than the window (0 when it fits), and the widest culprits."""
    return page.evaluate("""() => {
        const width = window.innerWidth;
        const extra = document.documentElement.scrollWidth - width;
        const culprits = extra <= 0 ? [] : [...document.querySelectorAll("body *")]
            .filter(element => element.getBoundingClientRect().right > width + 1)
            .slice(0, 5).map(element => element.tagName + "#" + element.id + "." + element.className);
        return {extra, culprits};
    }""")


def admin_pages(plan):
    return [
        reverse("admin:plans_plan_changelist"),
        reverse("admin:plans_plan_change", args=[plan.pk]),
        reverse("admin:plans_plan_add"),
        reverse("admin:news_article_add"),
        reverse("admin:news_article_changelist"),
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, WIDE, PHONE], ids=["1280", "1366", "360"])
def test_no_admin_page_is_wider_than_the_screen(site, viewport):
    approver = staff_member("lanhdao.kiemthu", roles.APPROVER, AGENCY)
    plan = Plan.objects.filter(agency__name=AGENCY).first()
    page = site.open(viewport=viewport)
    log_in(page, approver, reverse("admin:index"))

    found = {}
    for url in admin_pages(plan):
        page.goto(url)
        # A new row in each table of parts, as an officer adds them.
        for group in ("assignments", "attachments", "targets"):
            add_row = page.locator(f"#{group}-group .add-row a")
            if add_row.count():
                add_row.click()
        result = overflow(page)
        if result["extra"] > 0:
            found[url] = result
    assert found == {}


def test_plan_titles_in_the_list_read_as_lines_not_one_word_per_line(site):
    approver = staff_member("lanhdao.kiemthu", roles.APPROVER, AGENCY)
    page = site.open(viewport=DESKTOP)
    log_in(page, approver, reverse("admin:plans_plan_changelist"))

    title_cell = page.locator("#result_list tbody .field-title").first
    box = title_cell.bounding_box()

    assert box["width"] >= 240, box
