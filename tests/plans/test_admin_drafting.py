import datetime

import pytest
from django.urls import reverse

from plans.models import Attachment, Channel, Plan
from tests import documents
from tests.factories import AgencyFactory, PlanFactory

ADD_URL = reverse("admin:plans_plan_add")


def management_form(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def plan_form(agency, number="11/KH-UBND", issue_date="19/02/2024", year="2024", **parts):
    data = {
        "agency": agency.pk,
        "locality": agency.locality.pk,
        "number": number,
        "issue_date": issue_date,
        "period_start": year,
        "period_end": "",
        "title": f"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year}",
        "topic": Plan.Topic.REFORM,
        "purposes": "<p>Nâng cao nhận thức của cán bộ và người dân về cải cách hành chính.</p>",
        "requirements": "",
        "audiences": "Cán bộ, công chức\nNgười dân, doanh nghiệp",
        "legal_basis_notes": "",
        "reporting_schedule": "Báo cáo 6 tháng và năm.",
        "signer_name": "",
        "signer_position": "",
        "status": Plan.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
    }
    for prefix in ("content_groups", "assignments", "targets", "results", "attachments"):
        rows = parts.get(prefix, [])
        data.update(management_form(prefix, len(rows)))
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
            data.setdefault(f"{prefix}-{index}-position", str(index + 1))
    return data


@pytest.fixture
def helpers(unit_b):
    return [AgencyFactory(locality=unit_b.locality, name=name) for name in (
        "Phòng Nội vụ huyện Càng Long",
        "Trung tâm Văn hóa, Thông tin và Thể thao huyện Càng Long",
        "Công an huyện Càng Long",
    )]


def test_officer_drafts_a_whole_plan_on_one_page(client, officer_b, unit_b, helpers):
    client.force_login(officer_b)
    press = Channel.objects.get(slug="bao-chi")
    data = plan_form(
        unit_b,
        content_groups=[
            {"title": "Vai trò, ý nghĩa của cải cách hành chính", "body": "<p>Giới thiệu mục tiêu.</p><script>alert(1)</script>"},
            {"title": "Kết quả cải cách thủ tục hành chính", "body": "<ul><li>Dịch vụ công trực tuyến</li></ul>"},
        ],
        assignments=[
            {"agency": helpers[0].pk, "is_lead": "on", "responsibilities": "Theo dõi, đôn đốc, tổng hợp báo cáo."},
            {"agency": helpers[1].pk, "responsibilities": "Tuyên truyền trên các phương tiện thông tin."},
            {"agency": helpers[2].pk, "responsibilities": "Lồng ghép trong hoạt động chuyên môn."},
        ],
        targets=[{"description": "Hồ sơ nộp trực tuyến", "comparator": "gt", "value": "30", "unit": "percent", "deadline": ""}],
        attachments=[{"title": "Văn bản gốc", "kind": "signed", "file": documents.pdf()}],
    )
    data["channels"] = [press.pk]

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    plan = Plan.objects.get()
    assert plan.agency == unit_b
    assert plan.created_by == officer_b
    assert (plan.period_start, plan.period_end) == (2024, 2024)
    assert plan.status == Plan.Status.DRAFT
    assert [g.title for g in plan.content_groups.all()] == [
        "Vai trò, ý nghĩa của cải cách hành chính",
        "Kết quả cải cách thủ tục hành chính",
    ]
    assert "<script" not in plan.content_groups.first().body
    assert [a.agency for a in plan.assignments.all()] == helpers
    assert plan.assignments.first().is_lead
    target = plan.targets.get()
    assert target.value_label == "trên 30%"
    attachment = plan.attachments.get()
    assert attachment.original_name == "ke-hoach-11.pdf"
    assert attachment.size == len(documents.PDF_BYTES)
    assert len(attachment.sha256) == 64
    assert attachment.content_type == "application/pdf"
    assert list(plan.channels.all()) == [press]


def test_duplicate_number_for_same_agency_and_year_names_the_existing_plan(client, officer_b, unit_b):
    existing = PlanFactory(agency=unit_b, number="11/KH-UBND", issue_date=datetime.date(2024, 2, 19))
    client.force_login(officer_b)

    response = client.post(ADD_URL, plan_form(unit_b, number=" 11/kh-ubnd ", issue_date="05/06/2024"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["number"]
    assert existing.title in errors[0]
    assert Plan.objects.count() == 1


def test_same_number_in_another_year_is_accepted(client, officer_b, unit_b):
    PlanFactory(agency=unit_b, number="11/KH-UBND", issue_date=datetime.date(2023, 2, 10), period_start=2023)
    client.force_login(officer_b)

    response = client.post(ADD_URL, plan_form(unit_b))

    assert response.status_code == 302
    assert Plan.objects.filter(number_key="11/KH-UBND").count() == 2


def test_executable_renamed_pdf_is_refused_and_nothing_is_saved(client, officer_b, unit_b):
    client.force_login(officer_b)
    data = plan_form(unit_b, attachments=[{"title": "Văn bản gốc", "kind": "signed", "file": documents.exe_named()}])

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    attachments = next(
        inline for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "attachments"
    )
    formset_errors = attachments.formset.errors
    assert "không phải là một trong các định dạng" in str(formset_errors)
    assert not Plan.objects.exists()
    assert not Attachment.objects.exists()


def test_officer_cannot_pick_another_units_agency_as_issuer(client, officer_a, unit_b):
    client.force_login(officer_a)

    response = client.post(ADD_URL, plan_form(unit_b))

    assert response.status_code == 200
    assert "agency" in response.context["adminform"].form.errors
    assert not Plan.objects.exists()


def test_officer_does_not_see_or_open_another_units_plan(client, officer_a, unit_b):
    other = PlanFactory(agency=unit_b)
    client.force_login(officer_a)

    changelist = client.get(reverse("admin:plans_plan_changelist"))
    change = client.get(reverse("admin:plans_plan_change", args=[other.pk]))

    assert other.title not in changelist.content.decode()
    assert change.status_code == 404
    assert Plan.objects.get(pk=other.pk).title == other.title


def autocomplete(client, model_name, field_name, term=""):
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "plans", "model_name": model_name, "field_name": field_name, "term": term,
    })
    assert response.status_code == 200
    return {row["text"] for row in response.json()["results"]}


def test_issuer_autocomplete_offers_only_the_officers_units(client, officer_a, unit_a, unit_b):
    client.force_login(officer_a)

    assert autocomplete(client, "plan", "agency", "UBND") == {unit_a.name}
    assert autocomplete(client, "assignment", "agency", "UBND") == {unit_a.name, unit_b.name}


def test_legal_basis_offers_published_plans_and_own_drafts_only(client, officer_a, unit_a, unit_b):
    from tests.factories import DraftPlanFactory

    published_elsewhere = PlanFactory(agency=unit_b, title="Kế hoạch của huyện đã công bố")
    draft_elsewhere = DraftPlanFactory(agency=unit_b, title="Bản nháp của huyện")
    own_draft = DraftPlanFactory(agency=unit_a, title="Bản nháp của xã")
    client.force_login(officer_a)

    offered = autocomplete(client, "plan", "legal_basis_plans", "")

    assert str(published_elsewhere) in offered
    assert str(own_draft) in offered
    assert str(draft_elsewhere) not in offered


def test_officer_cannot_publish_their_own_draft(client, officer_b, unit_b):
    client.force_login(officer_b)
    data = plan_form(unit_b) | {"status": Plan.Status.PUBLISHED, "published_at_0": "01/03/2024", "published_at_1": "08:00"}

    response = client.post(ADD_URL, data)

    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.DRAFT
    assert not Plan.objects.published().exists()


def test_blank_locality_defaults_to_the_issuers_and_a_foreign_one_is_refused(client, officer_a, unit_a, district):
    client.force_login(officer_a)
    from tests.factories import LocalityFactory

    assert client.post(ADD_URL, plan_form(unit_a) | {"locality": ""}).status_code == 302
    assert Plan.objects.get().locality == unit_a.locality

    elsewhere = LocalityFactory(short_name="Cầu Kè", kind="huyen", parent=district.parent)
    response = client.post(ADD_URL, plan_form(unit_a, number="12/KH-UBND") | {"locality": elsewhere.pk})
    assert "Địa bàn phải là" in str(response.context["adminform"].form.errors["locality"])
