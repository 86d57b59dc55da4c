import datetime

import pytest
from django.utils import timezone

from news.models import Article
from plans.models import Plan
from tests.factories import DraftPlanFactory, PlanFactory
from tests.news.factories import ArticleFactory, DraftArticleFactory


def walk(client, url):
    """Every item of a list endpoint, following ``next`` from ``url``: (items, pages)."""
    items, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["results"]
        pages += 1
        url = body["next"]
    return items, pages


def slugs(client, url):
    return [item["slug"] for item in walk(client, url)[0]]


def page_slugs(client, url, params, shown):
    """Every item a public HTML list shows for ``params``, all its pages; ``shown(context)`` is a page's items."""
    found, page = [], 1
    while True:
        response = client.get(url, {**params, "page": page})
        assert response.status_code == 200
        found += [item.slug for item in shown(response.context)]
        if not response.context["page_obj"].has_next():
            return found
        page += 1


def page_errors(client, url, params):
    """(status, the messages per parameter) of a public HTML list given ``params``."""
    response = client.get(url, params)
    return response.status_code, {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.fixture
def hidden(demo, localities):
    """Beside the demo's public record: a draft and a scheduled plan and article, with words to find."""
    agency_locality = localities["O84/O844/"]
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    plan_agency = Plan.objects.get(number="11/KH-UBND").agency
    return {
        "draft_plan": DraftPlanFactory(agency=plan_agency, number="999/KH-NHAP", title="Dự thảo bí mật cải cách hành chính"),
        "scheduled_plan": PlanFactory(
            agency=plan_agency, number="998/KH-HEN", title="Kế hoạch hẹn giờ cải cách hành chính", published_at=tomorrow,
        ),
        "draft_article": DraftArticleFactory(title="Tin nháp bí mật", locality=agency_locality),
        "scheduled_article": ArticleFactory(
            title="Tin hẹn giờ bí mật", locality=agency_locality, published_at=tomorrow, status=Article.Status.PUBLISHED,
        ),
    }
