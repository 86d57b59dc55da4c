"""/api/v1/plans/: the archive's plans and filters, and each plan's whole record."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.http import urlencode

from plans.models import Assignment, Attachment, ContentGroup, Locality, Plan, Result, Target
from publishing import workflow
from tests import documents
from tests.api.conftest import page_errors, page_slugs, slugs, walk
from tests.factories import PlanFactory

PLANS = reverse("api:plan-list")
ARCHIVE = reverse("plans:list")


def detail(plan):
    return reverse("api:plan-detail", kwargs={"slug": plan.slug})


def archive_slugs(client, params):
    return page_slugs(client, ARCHIVE, params, lambda context: context["page_obj"].object_list)


def test_visitor_lists_published_plans_newest_publication_first(visitor, demo):
    items, _ = walk(visitor, PLANS)

    expected = Plan.objects.published().order_by("-published_at", "-id")
    assert [item["slug"] for item in items] == [plan.slug for plan in expected]
    first = items[0]
    assert first["url"].endswith(reverse("api:plan-detail", kwargs={"slug": first["slug"]}))
    assert first["page_url"].endswith(reverse("plans:detail", kwargs={"slug": first["slug"]}))
    assert {"slug", "name"} <= set(first["agency"]) and {"slug", "code", "name"} <= set(first["locality"])


@pytest.mark.parametrize("params", [
    {"locality": "tra-vinh"},
    {"year": "2020"},
    {"channel": "bao-chi"},
    {"topic": "kiem-soat-tthc"},
    {"q": "cai cach"},
    {"year": "chua-ro-nam"},
    {"withdrawn": "on", "year": "2020"},
])
def test_a_filter_finds_what_the_archive_finds(visitor, demo, params):
    if params.get("locality") == "tra-vinh":
        params = {"locality": Locality.objects.get(path="O84/").slug}
    if "withdrawn" in params:
        plan = Plan.objects.filter(period_start=2020).first()
        plan.status, plan.withdrawn_reason = Plan.Status.WITHDRAWN, "Ban hành nhầm"
        plan.save()

    expected = archive_slugs(visitor, params)

    assert expected, "the demo has plans for this filter"
    assert sorted(slugs(visitor, f"{PLANS}?{urlencode(params)}")) == sorted(expected)


@pytest.mark.parametrize("params", [
    {"year": "hai-nghin"},
    {"year": "1990"},
    {"topic": "the-thao"},
    {"channel": "bo-cau-dua-thu"},
    {"locality": "khong-co-dau"},
    {"q": "x" * 201},
])
def test_a_bad_parameter_is_refused_with_the_archives_message(visitor, demo, params):
    status, messages = page_errors(visitor, ARCHIVE, params)

    response = visitor.get(PLANS, params)

    assert status == response.status_code == 400
    assert response.json() == messages


def test_sorting_is_refused_the_api_has_one_order(visitor, demo):
    response = visitor.get(PLANS, {"sort": "oldest"})

    assert response.status_code == 400
    assert "thời điểm công bố" in response.json()["sort"][0]


def test_a_name_several_units_bear_is_refused_with_their_slugs(visitor, db):
    province = Locality.objects.create(name="Tỉnh Vĩnh Phúc", short_name="Vĩnh Phúc", kind="tinh", level=1, path="T1/", slug="vinh-phuc")
    Locality.objects.create(
        name="Xã Vĩnh Phúc", short_name="Vĩnh Phúc", kind="xa", level=3, path="T1/T2/", parent=province, slug="xa-vinh-phuc",
    )

    response = visitor.get(PLANS, {"locality": "Vĩnh Phúc"})

    assert response.status_code == 400
    message = response.json()["locality"][0]
    assert "vinh-phuc" in message and "xa-vinh-phuc" in message


def test_drafts_and_scheduled_plans_appear_nowhere(visitor, hidden):
    listed = slugs(visitor, PLANS) + slugs(visitor, f"{PLANS}?q=cai+cach&withdrawn=on")

    for plan in (hidden["draft_plan"], hidden["scheduled_plan"]):
        assert plan.slug not in listed
        assert visitor.get(detail(plan)).status_code == 404


def test_a_withdrawn_plan_is_listed_only_on_request_and_keeps_its_record(visitor, demo, approver):
    plan = Plan.objects.get(number="11/KH-UBND")
    plan.status, plan.withdrawn_reason = Plan.Status.WITHDRAWN, "Ban hành nhầm số"
    plan.withdrawn_at = datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC)
    plan.save()

    assert plan.slug not in slugs(visitor, PLANS)
    assert plan.slug in slugs(visitor, f"{PLANS}?withdrawn=on")
    record = visitor.get(detail(plan)).json()
    assert (record["status"], record["withdrawn_reason"]) == ("withdrawn", "Ban hành nhầm số")


def test_a_plan_record_carries_all_its_parts(visitor, unit_a, unit_b):
    plan = PlanFactory(agency=unit_b, number="11/KH-UBND", audiences="Cán bộ, công chức\n\nNgười dân")
    ContentGroup.objects.create(plan=plan, title="Tuyên truyền Chỉ số PAR Index", body="<p>Đăng tin</p>")
    Assignment.objects.create(plan=plan, agency=unit_a, is_lead=True, responsibilities="Chủ trì")
    Assignment.objects.create(plan=plan, unit_name="Đài Truyền thanh huyện", responsibilities="Phối hợp")
    target = Target.objects.create(plan=plan, description="Tỷ lệ hồ sơ trực tuyến", comparator="gt", value=Decimal(30))
    Result.objects.create(plan=plan, description="Đăng 30 bài viết", quantity=30, unit_label="bài viết", target=target)
    attachment = Attachment.objects.create(
        plan=plan, title="Văn bản gốc", file=ContentFile(documents.PDF_BYTES, name="KH 11-UBND.pdf"),
    )
    basis = PlanFactory(agency=unit_b)
    plan.legal_basis_plans.add(basis)

    record = visitor.get(detail(plan)).json()

    assert record["number"] == "11/KH-UBND" and record["audiences"] == ["Cán bộ, công chức", "Người dân"]
    assert [group["title"] for group in record["content_groups"]] == ["Tuyên truyền Chỉ số PAR Index"]
    assert [(item["unit"], item["is_lead"]) for item in record["assignments"]] == [
        (unit_a.name, True), ("Đài Truyền thanh huyện", False),
    ]
    assert record["targets"][0]["value_label"] == "trên 30%"
    assert (record["results"][0]["amount_label"], record["results"][0]["target"]) == ("30 bài viết", "Tỷ lệ hồ sơ trực tuyến")
    assert [item["slug"] for item in record["legal_basis_plans"]] == [basis.slug]
    download = record["attachments"][0]
    route = reverse("plans:attachment-download", kwargs={"slug": plan.slug, "pk": attachment.pk})
    assert download["download_url"].endswith(route) and download["type_label"] == "PDF"
    assert visitor.get(route).status_code == 200


def test_a_plan_cited_as_basis_is_named_only_once_published(visitor, unit_b, approver):
    plan, basis = PlanFactory(agency=unit_b), PlanFactory(agency=unit_b, status=Plan.Status.SUBMITTED, published_at=None)
    plan.legal_basis_plans.add(basis)

    assert visitor.get(detail(plan)).json()["legal_basis_plans"] == []
    workflow.publish(item=basis, by=approver)
    assert [item["slug"] for item in visitor.get(detail(plan)).json()["legal_basis_plans"]] == [basis.slug]


@pytest.mark.parametrize("role", ["officer_a", "editor", "approver"])
def test_staff_signed_in_see_no_more_than_a_visitor(client, visitor, unit_a, role, request):
    """The API reads no session: a draft of the user's own unit stays hidden from them too."""
    draft = PlanFactory(agency=unit_a, status=Plan.Status.DRAFT, published_at=None)
    client.force_login(request.getfixturevalue(role))

    assert draft.slug not in slugs(client, PLANS)
    assert client.get(detail(draft)).status_code == 404
    assert slugs(client, PLANS) == slugs(visitor, PLANS)
