"""Doors around the scope rules: who routes an item to an approver, "view on site", autocomplete."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from publishing import roles
from publishing.workflow import publish, submit
from tests.factories import DraftPlanFactory, member
from tests.news.factories import DraftArticleFactory


@pytest.fixture
def commune_approver(unit_a):
    """The approver of the commune (unit A), inside officer B's district."""
    return member("lanhdao.xa", roles.APPROVER, unit_a)


def test_district_officer_naming_a_commune_does_not_route_plan_to_its_approver(
    client, officer_b, unit_b, commune, commune_approver
):
    plan = DraftPlanFactory(agency=unit_b, locality=commune, title="Kế hoạch của UBND huyện")
    submit(item=plan, by=officer_b)

    client.force_login(commune_approver)
    assert client.get(reverse("admin:plans_plan_change", args=[plan.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        publish(item=plan, by=commune_approver)


def test_district_approver_still_publishes_the_district_plan_naming_a_commune(officer_b, approver, unit_b, commune):
    plan = DraftPlanFactory(agency=unit_b, locality=commune)
    submit(item=plan, by=officer_b)

    publish(item=plan, by=approver)

    assert plan.is_published()


def test_article_goes_to_the_approver_of_its_authors_unit_not_of_its_locality(
    client, editor, commune, commune_approver
):
    article = DraftArticleFactory(title="Tin của huyện về xã", locality=commune, created_by=editor)
    submit(item=article, by=editor)

    client.force_login(commune_approver)
    assert client.get(reverse("admin:news_article_change", args=[article.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        publish(item=article, by=commune_approver)


def view_on_site(item):
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(item).pk, item.pk])


def test_view_on_site_gives_no_address_of_other_units_drafts(client, officer_a, unit_b):
    draft = DraftPlanFactory(agency=unit_b, number="77/KH-UBND", title="Bản nháp của huyện")
    client.force_login(officer_a)

    response = client.get(view_on_site(draft))

    assert response.status_code == 404
    assert draft.slug not in response.get("Location", "") + response.content.decode()


def test_view_on_site_still_opens_own_plan(client, officer_a, unit_a):
    plan = DraftPlanFactory(agency=unit_a)
    client.force_login(officer_a)

    response = client.get(view_on_site(plan))

    assert response.status_code == 302
    assert response["Location"].endswith(plan.get_absolute_url())


@pytest.mark.parametrize("field_name", ["assignments", "attachments", "articles", "implementing_plans", "title", "nope"])
def test_autocomplete_naming_no_forward_relation_is_a_bad_request(client, superuser, field_name):
    client.force_login(superuser)

    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "plans", "model_name": "plan", "field_name": field_name, "term": "a",
    })

    assert response.status_code == 400
