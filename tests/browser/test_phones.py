"""On a 360 × 640 phone: no sideways scrolling, targets big enough to tap, text big enough to read."""

import pytest

from tests.browser.conftest import PHONE
from tests.browser.pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Text nodes' parents inside <main> that are rendered, with their computed font size.
SMALL_TEXT = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.trim() || !element.checkVisibility()) continue;
        const size = parseFloat(getComputedStyle(element).fontSize);
        if (size < 16) found.push(`${element.tagName.toLowerCase()}.${element.className}: ${size}px "${element.textContent.trim().slice(0, 30)}"`);
    }
    return found;
}"""

# What a thumb taps on the list pages: the filter forms, facets, removable filters, pagination, header tools.
TAP_TARGETS = ", ".join([
    ".filters input:not([type=hidden])", ".filters select", ".filters button", ".filters a",
    ".facet a", ".active-filters a", ".pagination a", ".article-months a",
    ".site-search input", ".site-search button", ".text-size button",
])
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
    .filter(element => element.checkVisibility())
    .map(element => [element, element.getBoundingClientRect()])
    .filter(([element, box]) => box.width < 24 || box.height < 24)
    .map(([element, box]) => `${element.outerHTML.slice(0, 60)}: ${Math.round(box.width)}×${Math.round(box.height)}`)"""


@pytest.fixture
def pages(site, commune_plans):
    return public_pages()


def test_no_page_scrolls_sideways_and_all_text_is_at_least_16_px(site, pages):
    phone = site.open(viewport=PHONE)
    wide, small = [], []
    for name, path in pages.items():
        phone.goto(path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{name}: {width}px")
        small += [f"{name}: {text}" for text in phone.evaluate(SMALL_TEXT)]

    assert wide == []
    assert small == []


def test_filters_and_pagination_are_big_enough_to_tap(site, pages):
    phone = site.open(viewport=PHONE)
    small = []
    for name in ("home", "archive with filters", "archive with a bad filter", "archive, page 2", "news", "month"):
        phone.goto(pages[name])
        small += [f"{name}: {target}" for target in phone.evaluate(SMALL_TARGETS, TAP_TARGETS)]

    phone.goto(pages["archive, page 2"])
    assert phone.locator(".pagination a").count() >= 2  # the check above did meet a pagination
    assert small == []
