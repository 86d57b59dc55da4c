"""The checks every public page passes (one h1, landmarks, labelled fields), on the news pages."""

import re

import pytest
from django.urls import reverse

from tests.news.factories import ArticleFactory


@pytest.fixture
def pages(db):
    article = ArticleFactory()
    return {
        "list": reverse("news:list"),
        "list with an error": reverse("news:list") + "?category=khong-co",
        "month": reverse("news:month", kwargs={"year": article.published_at.year, "month": article.published_at.month}),
        "article": article.get_absolute_url(),
    }


@pytest.mark.parametrize("name", ["list", "list with an error", "month", "article"])
def test_page_has_one_h1_landmarks_and_labelled_fields(client, pages, name):
    html = client.get(pages[name]).content.decode()

    assert len(re.findall(r"<h1[ >]", html)) == 1
    for landmark in ("<header", "<nav", "<main", "<footer", 'class="skip-link" href="#noi-dung"'):
        assert landmark in html
    fields = set(re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', html))
    assert fields
    for field_id in fields:
        assert f'for="{field_id}"' in html, field_id
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate id"
