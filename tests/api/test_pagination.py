"""Cursor pagination: every item once, in order, forwards and back, whatever shares a timestamp."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from api.pagination import KeysetCursorPagination
from plans.models import Plan
from tests.api.conftest import walk
from tests.factories import PlanFactory

PLANS = reverse("api:plan-list")


@pytest.fixture
def many_plans(unit_b, monkeypatch):
    """25 plans, ten of them published at the very same moment (a bulk import), three to a page."""
    monkeypatch.setattr(KeysetCursorPagination, "page_size", 3)
    moment = timezone.now() - datetime.timedelta(hours=1)
    plans = PlanFactory.create_batch(10, agency=unit_b, published_at=moment)
    plans += [PlanFactory(agency=unit_b, published_at=moment - datetime.timedelta(minutes=n)) for n in range(1, 16)]
    return plans


def test_walking_next_links_gives_every_plan_once_in_order(visitor, many_plans):
    items, pages = walk(visitor, PLANS)

    expected = Plan.objects.published().order_by("-published_at", "-id").values_list("slug", flat=True)
    assert [item["slug"] for item in items] == list(expected)
    assert pages == 9  # 25 plans, 3 a page


def test_walking_previous_links_gives_the_same_pages_back(visitor, many_plans):
    url, forward = PLANS, []
    while url:
        body = visitor.get(url).json()
        forward.append([item["slug"] for item in body["results"]])
        last, url = body, body["next"]

    backward, url = [], last["previous"]
    while url:
        body = visitor.get(url).json()
        backward.append([item["slug"] for item in body["results"]])
        url = body["previous"]

    assert backward == forward[-2::-1]


def test_a_plan_published_while_walking_does_not_shift_the_pages(visitor, many_plans, unit_b):
    first = visitor.get(PLANS).json()
    PlanFactory(agency=unit_b, published_at=timezone.now() - datetime.timedelta(seconds=1))

    rest, _ = walk(visitor, first["next"])

    seen = [item["slug"] for item in first["results"] + rest]
    assert len(seen) == len(set(seen)) == 25


def test_the_filters_survive_in_the_links(visitor, many_plans):
    body = visitor.get(PLANS, {"year": 2024}).json()

    assert "year=2024" in body["next"] and body["previous"] is None


@pytest.mark.parametrize("cursor", ["nonsense", "cD1bIngiXQ==", "bz0z"])
def test_a_made_up_cursor_is_a_404_not_an_error(visitor, many_plans, cursor):
    response = visitor.get(PLANS, {"cursor": cursor})

    assert response.status_code == 404
    assert "Con trỏ phân trang không hợp lệ" in response.json()["detail"]
