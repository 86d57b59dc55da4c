"""An officer turns the signed plan into a draft: upload, check the marked fields, correct one, save,
submit. The marks "đọc từ văn bản, hãy kiểm tra" stay until a person has saved the plan."""

import pytest
from django.urls import reverse

from plans.importer.specimens import docx_from_text
from plans.models import Plan
from publishing import roles
from tests.browser.pages import log_in, staff_member, take_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AGENCY = "UBND huyện Càng Long"
SIGNED_PLAN = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN CÀNG LONG Độc lập - Tự do - Hạnh phúc
Số: 47/KH-UBND Càng Long, ngày 12 tháng 3 năm 2025

KẾ HOẠCH
Tuyên truyền cải cach hành chính năm 2025

I. MỤC ĐÍCH, YÊU CẦU
- Người dân biết và dùng dịch vụ công trực tuyến.
II. NỘI DUNG
1. Thanh toán trực tuyến phí, lệ phí.
III. HÌNH THỨC TUYÊN TRUYỀN
- Trang thông tin điện tử huyện.
- Xe loa lưu động.
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ: chủ trì, theo dõi, tổng hợp báo cáo.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn Thanh
"""
CORRECTED_TITLE = "Kế hoạch tuyên truyền cải cách hành chính năm 2025"


def test_officer_imports_the_signed_plan_checks_it_corrects_a_field_and_submits(site, tmp_path):
    officer = staff_member("canbo.nhapvanban", roles.OFFICER, AGENCY)
    signed = tmp_path / "ke-hoach-47-kh-ubnd.docx"
    signed.write_bytes(docx_from_text(SIGNED_PLAN))
    page = site.open()
    log_in(page, officer, reverse("admin:plans_plan_changelist"))

    page.get_by_role("link", name="Tạo kế hoạch từ văn bản").click()
    page.get_by_label("Văn bản đã ký (DOCX hoặc PDF)").set_input_files(signed)
    page.get_by_role("button", name="Đọc văn bản và tạo bản nháp").click()

    # The draft: facts read from the document, each marked for checking; the file is its attachment.
    page.locator(".messagelist").wait_for()
    assert "Đã tạo bản nháp từ văn bản" in page.locator(".messagelist").inner_text()
    assert page.get_by_label("Số ký hiệu").input_value() == "47/KH-UBND"
    assert page.get_by_label("Ngày ban hành").input_value() == "12/03/2025"
    assert page.locator("#id_period_start").input_value() == "2025"
    assert "Đọc từ văn bản, hãy kiểm tra" in page.locator(".form-row.field-number").first.inner_text()
    assert "Đọc từ văn bản, hãy kiểm tra" in page.locator(".form-row.field-title").first.inner_text()
    assert "(đọc từ văn bản, hãy kiểm tra)" in page.locator("#assignments-group h2").text_content()
    assert page.locator("#id_assignments-0-unit_name").input_value() == "Phòng Nội vụ"
    assert "Văn bản gốc đã ký" in page.locator("#attachments-group").inner_text()

    # The text had a typo the officer corrects; saving takes the marks away.
    assert page.get_by_label("Trích yếu").input_value() == "Kế hoạch tuyên truyền cải cach hành chính năm 2025"
    page.get_by_label("Trích yếu").fill(CORRECTED_TITLE)
    page.locator("input[name=_continue]").click()
    assert "thành công" in page.locator(".messagelist").inner_text()
    assert page.locator(".imported-mark").count() == 0
    assert "hãy kiểm tra" not in page.locator("#content-main").inner_text()

    plan = Plan.objects.get(number="47/KH-UBND")
    assert (plan.title, plan.imported_fields, plan.status) == (CORRECTED_TITLE, [], Plan.Status.DRAFT)
    assert plan.attachments.get().original_name == signed.name
    take_step(page, "Gửi duyệt")
    assert Plan.objects.get(pk=plan.pk).status != Plan.Status.DRAFT
    assert not Plan.objects.get(pk=plan.pk).is_published()
