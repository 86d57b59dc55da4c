"""The draft plan preview: the public page of a plan not yet public, for those who may see the draft."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan
from publishing import roles
from publishing.models import Status
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory, member

pytestmark = pytest.mark.django_db


def preview_url(plan):
    return reverse("plans:preview", kwargs={"pk": plan.pk})


@pytest.mark.parametrize("make", [
    lambda agency: DraftPlanFactory(title="Kế hoạch đang soạn", agency=agency),
    lambda agency: PlanFactory(
        title="Kế hoạch hẹn giờ", agency=agency, published_at=timezone.now() + datetime.timedelta(days=1),
    ),
    lambda agency: PlanFactory(title="Kế hoạch chờ duyệt", agency=agency, status=Status.SUBMITTED, published_at=None),
])
def test_the_officer_previews_an_unpublished_plan_with_a_banner(client, officer_b, unit_b, make):
    plan = make(unit_b)
    client.force_login(officer_b)

    response = client.get(preview_url(plan))
    page = response.content.decode()

    assert response.status_code == 200
    assert plan.title in page
    assert 'role="status"' in page and "Bản xem trước — chưa hiển thị với người đọc" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_approver_of_the_district_previews_a_communes_draft(client, approver, unit_a):
    plan = DraftPlanFactory(title="Kế hoạch của xã", agency=unit_a)
    client.force_login(approver)

    assert client.get(preview_url(plan)).status_code == 200


def test_the_preview_is_never_kept_in_the_public_page_cache(client, settings, officer_b, unit_b):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    plan = DraftPlanFactory(title="Tên cũ", agency=unit_b)
    client.force_login(officer_b)
    client.get(preview_url(plan))

    Plan.objects.filter(pk=plan.pk).update(title="Tên mới")

    assert "Tên mới" in client.get(preview_url(plan)).content.decode()


def test_view_on_site_of_a_draft_opens_the_preview(client, officer_b, unit_b):
    plan = DraftPlanFactory(agency=unit_b)
    client.force_login(officer_b)

    page = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()

    assert f'href="{preview_url(plan)}"' in page


def test_view_on_site_of_a_published_plan_opens_its_public_page(client, officer_b, unit_b):
    plan = PlanFactory(agency=unit_b)
    client.force_login(officer_b)
    content_type = ContentType.objects.get_for_model(plan)

    page = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()

    assert reverse("admin:view_on_site", args=[content_type.pk, plan.pk]) in page
    assert client.get(reverse("admin:view_on_site", args=[content_type.pk, plan.pk]))["Location"].endswith(
        plan.get_absolute_url()
    )


def test_an_anonymous_visitor_is_sent_to_the_admin_login(visitor, unit_b):
    plan = DraftPlanFactory(title="Kế hoạch đang soạn", agency=unit_b)

    response = visitor.get(preview_url(plan))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_plan_permissions_is_refused(client, editor, unit_b):
    client.force_login(editor)

    response = client.get(preview_url(DraftPlanFactory(title="Kế hoạch đang soạn", agency=unit_b)))

    assert response.status_code == 403
    assert "Kế hoạch đang soạn" not in response.content.decode()


def test_an_officer_of_another_unit_cannot_preview_the_draft(client, officer_a, unit_b):
    """Scoped like the admin: the commune's officer gets nothing from the district's draft id."""
    client.force_login(officer_a)
    plan = DraftPlanFactory(title="Bản nháp của huyện", agency=unit_b)

    response = client.get(preview_url(plan))

    assert response.status_code == 404
    assert "Bản nháp của huyện" not in response.content.decode()


def test_an_approver_of_another_province_cannot_preview_the_draft(client, unit_b):
    elsewhere = AgencyFactory(locality=LocalityFactory(short_name="Kon Tum"), name="UBND tỉnh Kon Tum")
    client.force_login(member("ngoai.donvi", roles.APPROVER, elsewhere))

    response = client.get(preview_url(DraftPlanFactory(title="Bản nháp của huyện", agency=unit_b)))

    assert response.status_code == 404


def test_an_unknown_plan_is_not_found(client, officer_b):
    client.force_login(officer_b)

    assert client.get(reverse("plans:preview", kwargs={"pk": 987654})).status_code == 404


def test_the_public_address_of_a_draft_stays_hidden(visitor, unit_b):
    plan = DraftPlanFactory(agency=unit_b)

    assert visitor.get(plan.get_absolute_url()).status_code == 404
