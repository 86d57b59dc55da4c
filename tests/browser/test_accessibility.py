"""WCAG 2.1 A and AA as axe-core measures it, and what a keyboard user does."""

import pytest
from django.urls import reverse

from publishing import roles
from tests.browser.checkers import axe_violations
from tests.browser.pages import demo_plan, log_in, public_pages, staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def report(capsys, what, pages, violations):
    with capsys.disabled():
        print(f"\naxe-core (WCAG 2.1 A+AA), {what}: {pages} pages checked, {len(violations)} violations")
        for line in violations:
            print(f"  {line}")


def test_every_public_page_type_has_no_axe_violations(site, commune_plans, capsys):
    pages = public_pages()
    page = site.open()
    violations = []
    for name, path in pages.items():
        page.goto(path)
        violations += [f"{name}: {line}" for line in axe_violations(page)]

    report(capsys, "public pages", len(pages), violations)
    assert violations == []


def test_the_admin_plan_form_has_no_axe_violations(site, capsys):
    officer = staff_member("canbo.kiemthu", roles.OFFICER, "UBND huyện Càng Long")
    approver = staff_member("lanhdao.kiemthu", roles.APPROVER, "UBND huyện Càng Long")
    page = site.open()
    log_in(page, officer, reverse("admin:plans_plan_add"))
    # A content group, an assignment, a target and an attachment row, as an officer adds them.
    for group in ("content_groups", "assignments", "targets", "attachments"):
        page.locator(f"#{group}-group .add-row a").click()
    page.locator("#id_content_groups-0-body + .prose-menubar").wait_for()
    violations = [f"new plan: {line}" for line in axe_violations(page)]

    # The whole demo plan, every part filled in, as the approver who may still correct it sees it.
    page = site.open()
    log_in(page, approver, reverse("admin:plans_plan_change", args=[demo_plan().pk]))
    page.locator(".field-purposes .prose-menubar").wait_for()
    violations += [f"demo plan: {line}" for line in axe_violations(page)]

    report(capsys, "admin plan form", 2, violations)
    assert violations == []


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(site):
    page = site.open(demo_plan().get_absolute_url())

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Bỏ qua, đến nội dung chính"
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0, "the focused skip link is on screen"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('noi-dung').contains(document.activeElement)")


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_the_archive_filters_work_with_the_keyboard_alone(site):
    page = site.open(reverse("plans:list"))

    tab_to(page, "#id_q")
    page.keyboard.type("cai cach")
    tab_to(page, "#id_year")
    page.keyboard.press("ArrowDown")  # "Tất cả các năm" → the newest year
    tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**year=2024**")
    assert "q=cai+cach" in page.url
    assert page.locator("#ket-qua").inner_text() == "1 kế hoạch"
    assert page.locator("#id_year").input_value() == "2024"


FOCUS_STYLE = """() => {
    const element = document.activeElement, style = getComputedStyle(element);
    return {tag: element.tagName, text: (element.innerText || element.name || element.id || '').slice(0, 40),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def test_every_tab_stop_shows_where_the_focus_is(site):
    pages = public_pages()
    page = site.open()
    stops, unmarked = 0, []
    for name in ("home", "archive with filters", "plan", "article"):
        page.goto(pages[name])
        for _ in range(80):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_STYLE)
            if focus["tag"] == "BODY":  # past the last tab stop
                break
            stops += 1
            if focus["style"] == "none" or focus["width"] < 2:
                unmarked.append(f"{name}: {focus}")

    assert stops > 40
    assert unmarked == []
