import datetime
import json
import re

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from plans.models import Attachment
from tests import documents
from tests.factories import AgencyFactory, DraftPlanFactory, PlanFactory


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


def jsonld_of(page):
    """The schema.org data of a page."""
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL).group(1))


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
    for implementing in [*PlanFactory.create_batch(3, agency=unit_a), DraftPlanFactory(agency=unit_a)]:
        implementing.legal_basis_plans.add(plan)

    assert count_queries(client, plan.get_absolute_url()) == baseline


def test_a_draft_cited_as_basis_is_not_named_on_the_public_page(client, unit_a, unit_b):
    cited_draft = DraftPlanFactory(agency=unit_b, title="Dự thảo kế hoạch chưa công bố của huyện")
    cited_published = PlanFactory(agency=unit_b, title="Kế hoạch của huyện đã công bố")
    plan = PlanFactory(agency=unit_a)
    plan.legal_basis_plans.set([cited_draft, cited_published])

    page = client.get(plan.get_absolute_url()).content.decode()

    assert cited_published.title in page
    assert cited_draft.title not in page


def test_title_and_description_name_the_plan_its_number_and_issuer(client, unit_b):
    plan = PlanFactory(agency=unit_b, number="11/KH-UBND", issue_date=datetime.date(2024, 2, 19), period_start=2024)

    page = client.get(plan.get_absolute_url()).content.decode()

    assert f"<title>{plan.title} – 11/KH-UBND – UBND huyện Càng Long</title>" in page
    assert (
        '<meta name="description" content="Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024 '
        "số 11/KH-UBND ngày 19/02/2024 của UBND huyện Càng Long, trên địa bàn Huyện Càng Long, Tỉnh Trà Vinh.\">"
    ) in page


def test_a_title_cannot_break_out_of_the_json_ld_script(client, unit_b):
    title = 'Kế hoạch </script><script>alert("x")</script> & <!-- năm 2024'
    plan = PlanFactory(agency=unit_b, title=title)

    page = client.get(plan.get_absolute_url()).content.decode()

    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL).group(1)
    assert "<" not in script and ">" not in script
    assert jsonld_of(page)["name"] == title
    assert "<script>alert" not in page


def test_lead_unit_is_marked_and_signer_closes_the_plan(client, unit_a, unit_b):
    from plans.models import Assignment

    plan = PlanFactory(agency=unit_b, signer_name="Nguyễn Văn A", signer_position="KT. Chủ tịch – Phó Chủ tịch")
    lead = AgencyFactory(locality=unit_b.locality, name="Phòng Nội vụ huyện Càng Long")
    Assignment.objects.create(plan=plan, agency=lead, is_lead=True, responsibilities="Theo dõi, tổng hợp")
    Assignment.objects.create(plan=plan, agency=unit_a, responsibilities="Phối hợp")

    page = client.get(plan.get_absolute_url()).content.decode()

    assert 'Phòng Nội vụ huyện Càng Long <span class="badge">Chủ trì</span>' in page
    assert f"{unit_a.name} <span" not in page
    assert page.index("Tổ chức thực hiện") < page.index("Nguyễn Văn A")
    assert "KT. Chủ tịch – Phó Chủ tịch" in page


def test_a_bare_plan_shows_no_empty_sections(client, unit_b):
    plan = PlanFactory(agency=unit_b)

    page = client.get(plan.get_absolute_url()).content.decode()

    assert page.count("<h1") == 1
    assert "<h2" not in page.split('<article class="plan"', 1)[1]


def test_a_two_year_plan_covers_both_years(client, unit_b):
    plan = PlanFactory(agency=unit_b, period_start=2019, period_end=2020, issue_date=datetime.date(2018, 12, 28))

    page = client.get(plan.get_absolute_url()).content.decode()

    assert "<dd>2019–2020</dd>" in page
    assert jsonld_of(page)["temporalCoverage"] == "2019/2020"


def test_a_plan_page_is_read_once_then_kept_until_anything_on_it_changes(client, unit_b, django_assert_max_num_queries):
    from plans.models import ContentGroup

    plan = PlanFactory(agency=unit_b)
    group = ContentGroup.objects.create(plan=plan, title="Tuyên truyền trên báo chí", body="<p>Đăng tin.</p>")
    assert "Tuyên truyền trên báo chí" in client.get(plan.get_absolute_url()).content.decode()

    with django_assert_max_num_queries(1):  # the content version
        assert client.get(plan.get_absolute_url()).status_code == 200

    group.title = "Tuyên truyền trên đài truyền thanh"
    group.save()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Tuyên truyền trên đài truyền thanh" in page and "trên báo chí" not in page

    plan.status, plan.withdrawn_reason = plan.Status.WITHDRAWN, "Ban hành nhầm"
    plan.save()
    assert "Ban hành nhầm" in client.get(plan.get_absolute_url()).content.decode()
    plan.delete()
    assert client.get(plan.get_absolute_url()).status_code == 404
