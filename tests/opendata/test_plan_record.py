"""/ke-hoach/<slug>.json: a plan's full record with all its parts."""

import datetime
import json

import jsonschema
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import Assignment, Attachment, ContentGroup, Result, Target
from tests.opendata.conftest import HIDDEN_PLANS, schema

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def record(client, plan):
    response = client.get(reverse("plans:record", kwargs={"slug": plan.slug}))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    jsonschema.validate(data, schema("plan-record"), format_checker=jsonschema.FormatChecker())
    return data


def test_a_plans_record_carries_every_part_and_validates(visitor, archive):
    plan = archive["city"]
    plan.legal_basis_plans.add(archive["ward"], archive["draft"])
    ContentGroup.objects.create(plan=plan, title="Tuyên truyền dịch vụ công trực tuyến", body="<p>Hướng dẫn nộp hồ sơ.</p>")
    Assignment.objects.create(plan=plan, unit_name="Đài Phát thanh và Truyền hình", is_lead=True, responsibilities="Đưa tin.")
    target = Target.objects.create(plan=plan, description="Người dân biết dịch vụ công", comparator="gte", value=80, unit=Target.Unit.PERCENT)
    Result.objects.create(plan=plan, description="Phát 20 tin", quantity=20, unit_label="tin", target=target,
                          reported_on=datetime.date(2024, 6, 30))
    Attachment.objects.create(plan=plan, title="Văn bản gốc", file=SimpleUploadedFile("kh.pdf", PDF))

    data = record(visitor, plan)

    assert data["number"] == "12/KH-UBND"
    assert data["issuer"]["name"] == "UBND Thành phố Hồ Chí Minh"
    assert data["channels"] == ["Báo chí", "Mạng xã hội (Zalo, Fanpage)"]
    assert data["content_groups"] == [{"title": "Tuyên truyền dịch vụ công trực tuyến", "body_html": "<p>Hướng dẫn nộp hồ sơ.</p>"}]
    assert data["assignments"][0]["is_lead"] is True
    assert data["targets"][0]["value"] == "từ 80% trở lên"
    assert data["results"][0]["target"] == "Người dân biết dịch vụ công"
    assert data["attachments"][0]["signed_original"] is True
    assert data["attachments"][0]["url"].endswith("/tai-ve/%d/" % plan.attachments.get().pk)
    # A draft cited as a basis does not leak through the record.
    assert [basis["number"] for basis in data["legal_basis_plans"]] == ["3/KH-UBND"]
    assert data["withdrawn"] is False and data["withdrawn_reason"] is None


def test_a_withdrawn_plans_record_answers_with_the_reason(visitor, archive):
    data = record(visitor, archive["withdrawn"])

    assert data["withdrawn"] is True
    assert data["withdrawn_reason"] == "Ban hành nhầm số ký hiệu."


def test_draft_and_scheduled_plans_have_no_record(visitor, archive):
    for name in HIDDEN_PLANS:
        assert visitor.get(reverse("plans:record", kwargs={"slug": archive[name].slug})).status_code == 404


def test_outsiders_and_other_units_staff_see_no_draft_record_either(client, archive, officer_b, editor):
    """The record is the public one for everybody: a signed-in officer reads no draft through it."""
    for user in (officer_b, editor):
        client.force_login(user)
        assert client.get(reverse("plans:record", kwargs={"slug": archive["draft"].slug})).status_code == 404


def test_the_record_address_does_not_shadow_the_plan_page(visitor, archive):
    plan = archive["city"]

    assert visitor.get(plan.get_absolute_url()).status_code == 200
    assert reverse("plans:record", kwargs={"slug": plan.slug}) == plan.get_absolute_url().rstrip("/") + ".json"
