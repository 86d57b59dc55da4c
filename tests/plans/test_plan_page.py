import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from plans.models import Attachment
from tests import documents
from tests.factories import DraftPlanFactory, PlanFactory


def attach_pdf(plan):
    return Attachment.objects.create(
        plan=plan, title="Văn bản gốc", file=ContentFile(documents.PDF_BYTES, name="KH 11-UBND.pdf"),
    )


def test_citizen_reads_a_published_plan(client, unit_b):
    plan = PlanFactory(agency=unit_b, number="11/KH-UBND", issue_date=datetime.date(2024, 2, 19))

    page = client.get(plan.get_absolute_url()).content.decode()

    assert "11/KH-UBND" in page
    assert "19/02/2024" in page
    assert unit_b.name in page


def test_draft_and_scheduled_plans_stay_hidden(client, unit_b):
    draft = DraftPlanFactory(agency=unit_b)
    scheduled = PlanFactory(agency=unit_b, published_at=timezone.now() + datetime.timedelta(days=2))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_signed_original_downloads_under_its_name(client, unit_b):
    attachment = attach_pdf(PlanFactory(agency=unit_b))

    response = client.get(reverse("plans:attachment-download", args=[attachment.plan.slug, attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="KH 11-UBND.pdf"' == response["Content-Disposition"]
    assert b"".join(response.streaming_content) == documents.PDF_BYTES


def test_draft_files_cannot_be_downloaded(client, unit_b):
    attachment = attach_pdf(DraftPlanFactory(agency=unit_b))

    response = client.get(reverse("plans:attachment-download", args=[attachment.plan.slug, attachment.pk]))

    assert response.status_code == 404


def test_home_lists_published_plans_only(client, unit_b):
    published = PlanFactory(agency=unit_b, title="Kế hoạch tuyên truyền CCHC đã công bố")
    draft = DraftPlanFactory(agency=unit_b, title="Bản nháp kế hoạch chưa duyệt")

    page = client.get(reverse("home")).content.decode()

    assert published.title in page
    assert draft.title not in page


def test_unknown_plan_answers_with_a_vietnamese_404_page(client, db):
    response = client.get(reverse("plans:detail", args=["khong-co-ke-hoach-nay"]))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_plan_page_names_the_locality_with_its_province(client, commune, unit_a):
    plan = PlanFactory(agency=unit_a, number="05/KH-UBND", period_start=2025)

    page = client.get(plan.get_absolute_url()).content.decode()

    assert "Xã An Trường, Huyện Càng Long, Tỉnh Trà Vinh" in page
    assert plan.slug.startswith("2025-05-kh-ubnd-")


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_plan_page_query_count_does_not_grow_with_its_parts(client, commune, unit_a, unit_b):
    from plans.models import Assignment, Channel, ContentGroup, Target

    plan = PlanFactory(agency=unit_a)
    ContentGroup.objects.create(plan=plan, title="Nhóm 1")
    Assignment.objects.create(plan=plan, agency=unit_b, responsibilities="Theo dõi")
    baseline = count_queries(client, plan.get_absolute_url())

    for n in range(10):
        ContentGroup.objects.create(plan=plan, title=f"Nhóm {n + 2}", position=n + 2)
        Target.objects.create(plan=plan, description=f"Chỉ tiêu {n}", value=n)
        Assignment.objects.create(plan=plan, agency=unit_b, responsibilities="Phối hợp")
        attach_pdf(plan)
    plan.channels.set(Channel.objects.all())
    plan.legal_basis_plans.set(PlanFactory.create_batch(3, agency=unit_b))

    assert count_queries(client, plan.get_absolute_url()) == baseline


def test_a_draft_cited_as_basis_is_not_named_on_the_public_page(client, unit_a, unit_b):
    cited_draft = DraftPlanFactory(agency=unit_b, title="Dự thảo kế hoạch chưa công bố của huyện")
    cited_published = PlanFactory(agency=unit_b, title="Kế hoạch của huyện đã công bố")
    plan = PlanFactory(agency=unit_a)
    plan.legal_basis_plans.set([cited_draft, cited_published])

    page = client.get(plan.get_absolute_url()).content.decode()

    assert cited_published.title in page
    assert cited_draft.title not in page
