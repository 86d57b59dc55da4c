"""A submitted plan, as its officer sees it in the admin: rich text reads as on the public page."""

import pytest
from django.urls import reverse

from plans.models import ContentGroup
from publishing.models import Status
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_the_officer_reads_a_submitted_plans_rich_text_as_formatted_text(client, officer_b, unit_b):
    plan = PlanFactory(
        agency=unit_b, status=Status.SUBMITTED, published_at=None,
        purposes="<ul><li><p>Nâng cao nhận thức</p></li></ul>",
        requirements='<p>Đúng <strong>tiến độ</strong></p><script>alert(1)</script>',
    )
    ContentGroup.objects.create(plan=plan, title="Tuyên truyền", body="<ol><li><p>Trên báo</p></li></ol>")
    client.force_login(officer_b)

    page = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()

    assert "<ul><li><p>Nâng cao nhận thức</p></li></ul>" in page
    assert "&lt;ul&gt;" not in page and "&lt;p&gt;" not in page
    assert "<p>Đúng <strong>tiến độ</strong></p>" in page
    assert "<ol><li><p>Trên báo</p></li></ol>" in page
    # Whatever reached the database unsanitized is cleaned again on the way out.
    assert "<script>alert(1)" not in page
    assert "Mục đích" in page or "mục đích" in page.lower()


def test_a_draft_still_shows_the_editor_to_its_officer(client, officer_b, unit_b):
    plan = PlanFactory(agency=unit_b, status=Status.DRAFT, published_at=None, purposes="<p>Nâng cao</p>")
    client.force_login(officer_b)

    page = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()

    assert 'name="purposes"' in page
