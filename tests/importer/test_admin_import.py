""""Tạo kế hoạch từ văn bản": an officer uploads the signed plan and gets a marked draft of their unit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.importer.specimens import docx_from_text
from plans.models import Plan
from publishing.models import Status
from tests import documents
from tests.plans.test_admin_drafting import plan_form

IMPORT_URL = reverse("admin:plans_plan_import")
MARK = "Đọc từ văn bản, hãy kiểm tra"

SIGNED_PLAN = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN CÀNG LONG Độc lập - Tự do - Hạnh phúc
Số: 11/KH-UBND Càng Long, ngày 19 tháng 02 năm 2024

KẾ HOẠCH
Thông tin, tuyên truyền công tác cải cách hành chính năm 2024

Căn cứ Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND tỉnh Trà Vinh về tuyên truyền CCHC năm 2024;

I. MỤC ĐÍCH, YÊU CẦU
- Cán bộ, công chức hiểu rõ nhiệm vụ cải cách hành chính của huyện.
II. NỘI DUNG
1. Chủ trương, chính sách về cải cách hành chính.
2. Dịch vụ công trực tuyến.
III. HÌNH THỨC TUYÊN TRUYỀN
- Trang thông tin điện tử huyện.
- Đài truyền thanh huyện và loa các xã.
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ: chủ trì, theo dõi, tổng hợp báo cáo 6 tháng, năm.
2. Trung tâm Văn hóa, Thông tin và Thể thao huyện: đưa tin trên sóng truyền thanh.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn Thanh
"""


def upload(agency, content=None, name="ke-hoach-11.docx", **data):
    content = docx_from_text(SIGNED_PLAN) if content is None else content
    return {"agency": agency.pk, "document": SimpleUploadedFile(name, content), "text": "", **data}


def test_officer_uploads_the_signed_plan_and_gets_a_marked_draft_of_their_unit(client, officer_b, unit_b):
    client.force_login(officer_b)

    response = client.post(IMPORT_URL, upload(unit_b))

    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:plans_plan_change", args=[plan.pk])
    assert (plan.agency, plan.status, plan.created_by) == (unit_b, Status.DRAFT, officer_b)
    assert (plan.number, plan.issue_date.isoformat(), plan.period_start, plan.topic) == (
        "11/KH-UBND", "2024-02-19", 2024, "cchc")
    assert plan.title == "Kế hoạch thông tin, tuyên truyền công tác cải cách hành chính năm 2024"
    assert {channel.slug for channel in plan.channels.all()} == {"cong-thong-tin-dien-tu", "truyen-thanh-co-so"}
    assert [group.title for group in plan.content_groups.all()] == [
        "Chủ trương, chính sách về cải cách hành chính", "Dịch vụ công trực tuyến"]
    assert [(row.unit_name, row.is_lead) for row in plan.assignments.all()] == [
        ("Phòng Nội vụ", True), ("Trung tâm Văn hóa, Thông tin và Thể thao huyện", False)]
    assert "05/KH-UBND" in plan.legal_basis_notes
    assert (plan.signer_name, plan.signer_position) == ("Trần Văn Thanh", "Chủ tịch")
    attachment = plan.attachments.get()
    assert (attachment.kind, attachment.original_name) == ("signed", "ke-hoach-11.docx")
    assert {"number", "issue_date", "title", "channels", "assignments"} <= set(plan.imported_fields)

    page = client.get(response.url)
    html = page.content.decode()
    assert html.count(MARK) >= 5
    assert "Tổ chức thực hiện (đọc từ văn bản, hãy kiểm tra)" in html


def test_marks_disappear_once_the_officer_saves_the_draft(client, officer_b, unit_b):
    client.force_login(officer_b)
    client.post(IMPORT_URL, upload(unit_b))
    plan = Plan.objects.get()

    response = client.post(reverse("admin:plans_plan_change", args=[plan.pk]), plan_form(unit_b, number="11/KH-UBND"))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.imported_fields == []
    assert MARK not in client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()


def test_pasted_text_of_a_news_page_makes_a_draft_without_attachment(client, officer_b, unit_b):
    client.force_login(officer_b)
    text = ("Ngày 19/02/2024, UBND huyện Càng Long ban hành Kế hoạch số 11/KH-UBND về thông tin, tuyên truyền "
            "cải cách hành chính năm 2024, tuyên truyền qua pano và nhóm Zalo.")

    response = client.post(IMPORT_URL, {"agency": unit_b.pk, "text": text})

    plan = Plan.objects.get()
    assert response.status_code == 302
    assert (plan.number, plan.period_start) == ("11/KH-UBND", 2024)
    assert not plan.attachments.exists()


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"", "rong.docx", "Tệp rỗng"),
    (documents.ooxml(with_macros=True), "macro.docx", "macro"),
    ("Giải bóng đá thiếu niên huyện khép lại.".encode(), "tin.txt", "Không tìm thấy kế hoạch trong văn bản"),
])
def test_bad_document_is_refused_with_the_reason_and_nothing_is_saved(client, officer_b, unit_b, content, name, message):
    client.force_login(officer_b)

    response = client.post(IMPORT_URL, upload(unit_b, content=content, name=name))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_a_plan_already_on_the_portal_is_not_drafted_twice(client, officer_b, unit_b):
    client.force_login(officer_b)
    client.post(IMPORT_URL, upload(unit_b))

    response = client.post(IMPORT_URL, upload(unit_b))

    assert response.status_code == 200
    assert "đã có trên cổng" in response.content.decode()
    assert Plan.objects.count() == 1


def test_officer_cannot_draft_for_another_unit(client, officer_a, unit_b):
    client.force_login(officer_a)

    response = client.post(IMPORT_URL, upload(unit_b))

    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not Plan.objects.exists()


def test_editor_without_plan_rights_is_refused(client, editor, unit_b):
    client.force_login(editor)

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, upload(unit_b)).status_code == 403
    assert not Plan.objects.exists()


def test_visitor_is_sent_to_sign_in(visitor, unit_b):
    response = visitor.post(IMPORT_URL, upload(unit_b))

    assert response.status_code == 302
    assert reverse("admin:login") in response.url
    assert not Plan.objects.exists()


def test_plan_list_offers_the_import_to_officers(client, officer_b):
    client.force_login(officer_b)

    page = client.get(reverse("admin:plans_plan_changelist"))

    assert "Tạo kế hoạch từ văn bản" in page.content.decode()
    assert IMPORT_URL in page.content.decode()


def test_a_scanned_plan_says_on_its_draft_that_it_was_read_by_ocr(client, officer_b, unit_b):
    from plans.importer.specimens import pdf_from_text, scanned_pdf
    from tests.importer.conftest import needs_font, needs_tesseract

    needs_font()
    needs_tesseract()
    client.force_login(officer_b)
    scan = scanned_pdf(pdf_from_text(SIGNED_PLAN.split("Căn cứ", 1)[0], font_size=14), dpi=200)

    response = client.post(IMPORT_URL, upload(unit_b, content=scan, name="ke-hoach-11-scan.pdf"))

    plan = Plan.objects.get()
    assert plan.number == "11/KH-UBND"
    assert plan.attachments.get().content_type == "application/pdf"
    assert "nhận dạng ký tự (OCR)" in client.get(response.url).content.decode()


def test_an_oversized_file_is_refused_before_it_is_read(client, officer_b, unit_b, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    client.force_login(officer_b)

    response = client.post(IMPORT_URL, upload(unit_b, content=b"Ke hoach " * 200, name="ke-hoach.txt"))

    assert response.status_code == 200
    assert "quá lớn" in response.content.decode()
    assert not Plan.objects.exists()
