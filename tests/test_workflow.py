"""The editorial workflow as officers, approvers and citizens see it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from plans.models import Plan
from publishing.models import Status, Transition
from tests.factories import DraftPlanFactory, PlanFactory
from tests.news.factories import DraftArticleFactory


def step(client, item, action, **data):
    url = reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_workflow", args=[item.pk, action])
    return client.post(url, data)


def reload(item):
    return type(item).objects.get(pk=item.pk)


def test_a_plan_goes_from_draft_to_public_and_every_step_is_logged(client, visitor, officer_b, approver, unit_b):
    plan = DraftPlanFactory(agency=unit_b)

    client.force_login(officer_b)
    assert step(client, plan, "submit", comment="Xin duyệt").status_code == 302
    assert reload(plan).status == Status.SUBMITTED
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert visitor.get(plan.get_absolute_url()).status_code == 404

    client.force_login(approver)
    assert step(client, plan, "publish").status_code == 302
    plan = reload(plan)
    assert plan.status == Status.PUBLISHED and plan.is_published()
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert visitor.get(plan.get_absolute_url()).status_code == 200

    log = list(Transition.objects.filter(object_id=plan.pk).order_by("at", "id"))
    assert [(t.from_status, t.to_status, t.user) for t in log] == [
        (Status.DRAFT, Status.SUBMITTED, officer_b),
        (Status.SUBMITTED, Status.PUBLISHED, approver),
    ]
    assert log[0].comment == "Xin duyệt"
    change_page = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()
    assert "Xin duyệt" in change_page and officer_b.username in change_page


def test_an_officer_cannot_publish_even_by_forging_the_request(client, officer_b, unit_b):
    plan = PlanFactory(agency=unit_b, status=Status.SUBMITTED, published_at=None)
    client.force_login(officer_b)

    assert step(client, plan, "publish").status_code == 403
    assert client.get(reverse("admin:plans_plan_workflow", args=[plan.pk, "publish"])).status_code == 403
    assert reload(plan).status == Status.SUBMITTED
    assert not Transition.objects.exists()


def test_an_officer_of_another_unit_can_neither_submit_nor_open_the_step(client, officer_a, unit_b):
    plan = DraftPlanFactory(agency=unit_b)
    client.force_login(officer_a)

    assert step(client, plan, "submit", comment="Xin duyệt").status_code in (403, 404)
    assert client.get(reverse("admin:plans_plan_workflow", args=[plan.pk, "submit"])).status_code in (403, 404)
    assert reload(plan).status == Status.DRAFT
    assert not Transition.objects.exists()


def test_the_district_approver_publishes_a_plan_of_a_commune_inside(client, visitor, officer_a, approver, unit_a):
    plan = DraftPlanFactory(agency=unit_a)

    client.force_login(officer_a)
    assert step(client, plan, "submit").status_code == 302
    client.force_login(approver)
    assert step(client, plan, "publish").status_code == 302

    assert visitor.get(plan.get_absolute_url()).status_code == 200


def test_returning_needs_a_comment_that_reaches_the_officer(client, officer_b, approver, unit_b):
    plan = PlanFactory(agency=unit_b, status=Status.SUBMITTED, published_at=None)
    client.force_login(approver)

    refused = step(client, plan, "return", comment="  ")
    assert refused.status_code == 200 and "Trường này là bắt buộc" in refused.content.decode()
    assert reload(plan).status == Status.SUBMITTED

    assert step(client, plan, "return", comment="Bổ sung chỉ tiêu hồ sơ trực tuyến").status_code == 302
    assert reload(plan).status == Status.DRAFT
    client.force_login(officer_b)
    page = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()
    assert "Bổ sung chỉ tiêu hồ sơ trực tuyến" in page


def test_a_scheduled_plan_appears_by_itself_when_its_time_comes(client, visitor, approver, unit_b, monkeypatch):
    plan = PlanFactory(agency=unit_b, status=Status.SUBMITTED, published_at=None)
    client.force_login(approver)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)

    response = step(client, plan, "publish", publish_at_0=tomorrow.strftime("%d/%m/%Y"), publish_at_1="08:00")

    assert response.status_code == 302
    assert visitor.get(plan.get_absolute_url()).status_code == 404
    assert plan not in Plan.objects.published()

    later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert visitor.get(plan.get_absolute_url()).status_code == 200


def test_a_schedule_in_the_past_is_refused(client, approver, unit_b):
    plan = PlanFactory(agency=unit_b, status=Status.SUBMITTED, published_at=None)
    client.force_login(approver)

    response = step(client, plan, "publish", publish_at_0="01/01/2020", publish_at_1="08:00")

    assert "đã qua" in response.content.decode()
    assert reload(plan).status == Status.SUBMITTED


def test_a_withdrawn_plan_leaves_the_archive_but_its_address_explains_why(client, visitor, approver, unit_b):
    plan = PlanFactory(agency=unit_b, title="Kế hoạch tuyên truyền bị thu hồi")
    client.force_login(approver)

    assert step(client, plan, "withdraw", comment="").status_code == 200  # a public reason is required
    assert step(client, plan, "withdraw", comment="Ban hành nhầm số ký hiệu; thay bằng kế hoạch 12/KH-UBND.").status_code == 302

    archive = visitor.get(reverse("plans:list"))
    assert plan not in archive.context["page_obj"].object_list
    page = visitor.get(plan.get_absolute_url())
    assert page.status_code == 200
    assert "đã bị thu hồi" in page.content.decode() and "thay bằng kế hoạch 12/KH-UBND" in page.content.decode()
    with_withdrawn = visitor.get(reverse("plans:list"), {"withdrawn": "on"})
    assert plan in with_withdrawn.context["page_obj"].object_list


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.WITHDRAWN])
def test_no_one_deletes_the_public_record(client, approver, superuser, unit_b, status):
    plan = PlanFactory(agency=unit_b, status=status, withdrawn_reason="Lý do")
    delete_url = reverse("admin:plans_plan_delete", args=[plan.pk])

    for user in (approver, superuser):
        client.force_login(user)
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_an_officer_deletes_a_draft_that_was_never_published(client, officer_b, unit_b):
    plan = DraftPlanFactory(agency=unit_b)
    client.force_login(officer_b)

    assert client.post(reverse("admin:plans_plan_delete", args=[plan.pk]), {"post": "yes"}).status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()


def test_a_submitted_plan_is_read_only_for_its_officer(client, officer_b, unit_b):
    plan = PlanFactory(agency=unit_b, status=Status.SUBMITTED, published_at=None)
    client.force_login(officer_b)

    page = client.get(reverse("admin:plans_plan_change", args=[plan.pk]))

    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()


def test_articles_follow_the_same_workflow(client, visitor, editor, approver, unit_b):
    article = DraftArticleFactory(locality=unit_b.locality, created_by=editor)

    client.force_login(editor)
    assert step(client, article, "submit").status_code == 302
    assert step(client, reload(article), "publish").status_code == 403

    client.force_login(approver)
    assert step(client, article, "publish").status_code == 302
    assert reload(article).is_published()
    assert step(client, article, "withdraw", comment="Thông tin chưa chính xác").status_code == 302

    page = visitor.get(article.get_absolute_url())
    assert page.status_code == 200 and "Thông tin chưa chính xác" in page.content.decode()
    assert article not in visitor.get(reverse("news:list")).context["articles"]
    assert [t.user for t in Transition.objects.filter(object_id=article.pk).order_by("at", "id")] == [editor, approver, approver]
    assert Article.objects.get(pk=article.pk).status == Status.WITHDRAWN
