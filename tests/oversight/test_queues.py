"""The admin home starts with what waits: approvers' "chờ duyệt", officers' and editors' "bị trả lại"."""

import datetime

from django.urls import reverse
from django.utils import timezone

from plans.models import Plan
from publishing.workflow import return_for_changes, submit
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory
from tests.news.factories import DraftArticleFactory


def admin_home(client, user):
    client.force_login(user)
    return client.get(reverse("admin:index")).content.decode()


def submitted(plan, by, days_ago):
    transition = submit(item=plan, by=by)
    transition.at = timezone.now() - datetime.timedelta(days=days_ago)
    transition.save(update_fields=["at"])
    return plan


def test_the_approver_sees_what_waits_in_the_area_oldest_first_with_unit_and_days(
    client, approver, officer_a, officer_b, unit_a, unit_b,
):
    newer = submitted(DraftPlanFactory(agency=unit_b, title="Kế hoạch của huyện"), officer_b, days_ago=1)
    older = submitted(DraftPlanFactory(agency=unit_a, title="Kế hoạch của xã"), officer_a, days_ago=6)
    DraftPlanFactory(agency=unit_a, title="Bản nháp chưa gửi")
    far = AgencyFactory(locality=LocalityFactory(short_name="Bến Tre"))
    DraftPlanFactory(agency=far, title="Kế hoạch tỉnh khác", status=Plan.Status.SUBMITTED)

    html = admin_home(client, approver)
    assert "Kế hoạch chờ duyệt (2)" in html
    assert html.index(older.title) < html.index(newer.title)
    row = html[html.index(older.title):]
    assert unit_a.name in row[:400] and "6 ngày" in row[:600]
    assert "Bản nháp chưa gửi" not in html and "Kế hoạch tỉnh khác" not in html


def test_a_returned_plan_tells_its_officer_why_on_the_home_and_at_the_top_of_the_form(
    client, approver, officer_a, unit_a,
):
    plan = DraftPlanFactory(agency=unit_a, title="Kế hoạch cần sửa")
    submit(item=plan, by=officer_a)
    return_for_changes(item=plan, by=approver, comment="Bổ sung phần kinh phí thực hiện.")

    html = admin_home(client, officer_a)
    assert "Kế hoạch bị trả lại (1)" in html
    assert "Kế hoạch cần sửa" in html and "Bổ sung phần kinh phí thực hiện." in html

    form = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()
    notice = form.index("Bị trả lại để sửa")
    assert form.index("Bổ sung phần kinh phí thực hiện.") > notice
    assert notice < form.index('name="title"')

    submit(item=plan, by=officer_a)  # sent again: no longer "returned"
    assert "Kế hoạch bị trả lại (0)" in admin_home(client, officer_a)
    form = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()
    assert "Bị trả lại để sửa" not in form


def test_an_officer_never_sees_another_units_items_in_any_queue(client, approver, officer_a, officer_b, unit_a, unit_b):
    theirs = DraftPlanFactory(agency=unit_b, title="Kế hoạch riêng của huyện")
    submit(item=theirs, by=officer_b)
    return_for_changes(item=theirs, by=approver, comment="Sửa số ký hiệu của huyện")
    waiting = DraftPlanFactory(agency=unit_b, title="Kế hoạch huyện đang chờ")
    submit(item=waiting, by=officer_b)

    html = admin_home(client, officer_a)
    assert "Kế hoạch riêng của huyện" not in html and "Sửa số ký hiệu của huyện" not in html
    assert "Kế hoạch huyện đang chờ" not in html
    assert "chờ duyệt (" not in html  # an officer approves nothing: no such queue at all


def test_an_editor_sees_returned_articles(client, approver, editor):
    article = DraftArticleFactory(title="Tin cần sửa ảnh", created_by=editor)
    submit(item=article, by=editor)
    return_for_changes(item=article, by=approver, comment="Thay ảnh có chú thích đầy đủ.")

    html = admin_home(client, editor)
    assert "Tin bài bị trả lại (1)" in html
    assert "Thay ảnh có chú thích đầy đủ." in html
    assert "Kế hoạch chờ duyệt" not in html
