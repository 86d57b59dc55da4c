"""An officer drafts a plan in the admin, an approver publishes it, citizens find it."""

import re

import pytest
from django.urls import reverse

from plans.models import Plan
from publishing import roles
from tests import documents
from tests.browser.pages import choose, log_in, staff_member, take_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AGENCY = "UBND huyện Càng Long"
TITLE = "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2025 trên địa bàn huyện Càng Long"
LINK = "https://dichvucong.gov.vn/"


def format_purposes(page):
    """Bold, a bulleted list and a link, with the toolbar and the keyboard of the rich-text editor."""
    field = page.locator(".field-purposes")
    field.locator("[contenteditable=true]").click()
    page.keyboard.type("Nâng cao nhận thức của ")
    field.locator("[data-name=bold]").click()
    page.keyboard.type("cán bộ, công chức")
    field.locator("[data-name=bold]").click()
    page.keyboard.type(" về cải cách hành chính.")
    page.keyboard.press("Enter")
    field.locator("[data-name=bulletList]").click()
    page.keyboard.type("Dịch vụ công trực tuyến")
    page.keyboard.press("Enter")
    page.keyboard.type("Bộ phận một cửa")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    page.keyboard.type("Cổng dịch vụ công quốc gia")
    page.keyboard.press("Shift+Home")
    field.locator("[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("URL").fill(LINK)
    dialog.locator("button[type=submit]").click()


def test_a_plan_goes_from_the_officers_draft_to_the_public_archive(site, tmp_path):
    officer = staff_member("canbo.kiemthu", roles.OFFICER, AGENCY)
    approver = staff_member("lanhdao.kiemthu", roles.APPROVER, AGENCY)
    original = tmp_path / "ke-hoach-25-kh-ubnd.pdf"
    original.write_bytes(documents.PDF_BYTES)

    page = site.open()
    log_in(page, officer, reverse("admin:plans_plan_add"))
    choose(page, "id_agency", "Càng Long", AGENCY)
    page.get_by_label("Số ký hiệu").fill("25/KH-UBND")
    page.get_by_label("Ngày ban hành").fill("14/02/2025")
    page.locator("#id_period_start").fill("2025")
    page.get_by_label("Trích yếu").fill(TITLE)
    format_purposes(page)
    add_content_group = page.locator("#content_groups-group .add-row a")
    for index, title in enumerate(["Vai trò của cải cách hành chính", "Dịch vụ công trực tuyến mức độ toàn trình"]):
        add_content_group.click()
        page.locator(f"#id_content_groups-{index}-title").fill(title)
    page.locator("#attachments-group .add-row a").click()
    page.locator("#id_attachments-0-title").fill("Văn bản gốc đã ký")
    page.locator("#id_attachments-0-file").set_input_files(original)
    page.locator("input[name=_continue]").click()

    assert "thành công" in page.locator(".messagelist").inner_text()
    plan = Plan.objects.get(title=TITLE)
    assert plan.status == Plan.Status.DRAFT
    assert "<strong>cán bộ, công chức</strong>" in plan.purposes
    assert "<ul><li><p>Dịch vụ công trực tuyến</p></li><li><p>Bộ phận một cửa</p></li></ul>" in plan.purposes
    assert re.search(f'<a href="{LINK}"[^>]*>Cổng dịch vụ công quốc gia</a>', plan.purposes)
    assert [group.title for group in plan.content_groups.all()] == [
        "Vai trò của cải cách hành chính", "Dịch vụ công trực tuyến mức độ toàn trình"]
    assert plan.attachments.get().download_name == original.name

    take_step(page, "Gửi duyệt")
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.SUBMITTED
    citizen = site.open(plan.get_absolute_url())
    assert citizen.get_by_role("heading", level=1).inner_text() == "Không tìm thấy trang"

    page = site.open()
    log_in(page, approver, reverse("admin:plans_plan_change", args=[plan.pk]))
    take_step(page, "Duyệt và công bố")
    assert Plan.objects.get(pk=plan.pk).is_published()

    citizen.goto(reverse("plans:list"))
    citizen.get_by_role("link", name=TITLE).click()
    assert citizen.get_by_role("heading", level=1).inner_text() == TITLE
    assert citizen.locator(".prose strong", has_text="cán bộ, công chức").is_visible()
    assert citizen.locator(f".prose a[href='{LINK}']").is_visible()
    with citizen.expect_download() as download:
        citizen.locator(".downloads a").first.click()
    assert download.value.suggested_filename == original.name
