"""The approver's and the officer's admin home, as they see it: what waits, and why it was returned."""

import pytest
from django.urls import reverse

from plans.models import Plan
from publishing import roles
from publishing.workflow import return_for_changes, submit
from tests.browser.checkers import axe_violations
from tests.browser.pages import log_in, staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_queues_and_the_returned_notice_read_well_and_pass_axe(site, capsys):
    officer = staff_member("canbo.hangdoi", roles.OFFICER, "UBND huyện Càng Long")
    approver = staff_member("lanhdao.hangdoi", roles.APPROVER, "UBND huyện Càng Long")
    agency = officer.memberships.get().agency
    waiting = Plan.objects.create(agency=agency, title="Kế hoạch tuyên truyền quý I chờ duyệt", period_start=2026)
    returned = Plan.objects.create(agency=agency, title="Kế hoạch tuyên truyền quý II cần sửa", period_start=2026)
    for plan in (waiting, returned):
        submit(item=plan, by=officer)
    return_for_changes(item=returned, by=approver, comment="Thêm hình thức tuyên truyền trên mạng xã hội.")

    page = site.open()
    log_in(page, approver, reverse("admin:index"))
    queue = page.get_by_role("region", name="Kế hoạch chờ duyệt (1)")
    assert "Kế hoạch tuyên truyền quý I chờ duyệt" in queue.inner_text()
    violations = [f"approver's home: {line}" for line in axe_violations(page)]

    page = site.open()
    log_in(page, officer, reverse("admin:index"))
    queue = page.get_by_role("region", name="Kế hoạch bị trả lại (1)")
    queue.get_by_role("link", name="Kế hoạch tuyên truyền quý II cần sửa").click()
    notice = page.get_by_role("note")
    assert "Thêm hình thức tuyên truyền trên mạng xã hội." in notice.inner_text()
    violations += [f"returned plan's form: {line}" for line in axe_violations(page)]

    with capsys.disabled():
        print(f"\naxe-core, admin queues: 2 pages checked, {len(violations)} violations")
    assert violations == []
