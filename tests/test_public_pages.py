"""Checks every public page type shares: one h1, landmarks, a label for each field."""

import re

import pytest
from django.urls import reverse

from tests.factories import PlanFactory
from tests.news.factories import ArticleFactory


@pytest.fixture
def pages(unit_a):
    plan = PlanFactory(agency=unit_a)
    return {
        "home": reverse("home"),
        "archive": reverse("plans:list") + "?year=abc",
        "year": reverse("plans:list-year", args=[2024]),
        "plan": plan.get_absolute_url(),
        "not found": "/khong-co-trang-nay/",
        "news": reverse("news:list"),
        "news with an error": reverse("news:list") + "?category=khong-co",
        "article": ArticleFactory(plans=[plan]).get_absolute_url(),
        "month": reverse("news:month", args=[2024, 2]),
        "open data": reverse("open-data"),
    }


@pytest.mark.parametrize("name", ["home", "archive", "year", "plan", "not found", "news", "news with an error", "article", "month",
                                  "open data"])
def test_page_has_one_h1_landmarks_and_labelled_fields(client, pages, name):
    html = client.get(pages[name]).content.decode()

    assert len(re.findall(r"<h1[ >]", html)) == 1
    for landmark in ("<header", "<nav", "<main", "<footer", 'class="skip-link" href="#noi-dung"'):
        assert landmark in html
    fields = re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', html)
    hidden = set(re.findall(r'<input type="hidden"[^>]*\bid="([^"]+)"', html))
    assert fields
    for field_id in set(fields) - hidden:
        assert f'for="{field_id}"' in html, field_id
