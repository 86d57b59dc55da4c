"""/du-lieu-mo/: what the data is, its licence, each address with an example that works."""

import re

import pytest
from django.urls import reverse

from tests.opendata.conftest import streamed


@pytest.fixture
def page(visitor, archive, articles):
    response = visitor.get(reverse("open-data"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_states_the_licence_and_how_often_data_changes(page):
    assert "CC BY 4.0" in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.vi"' in page
    assert "Dữ liệu thay đổi khi nào" in page
    assert len(re.findall(r"<h1[ >]", page)) == 1


def test_the_licence_is_configurable(visitor, archive, settings):
    settings.DATA_LICENCE = "CC0 1.0"
    assert "CC0 1.0" in visitor.get(reverse("open-data")).content.decode()


def test_every_example_link_of_the_portal_answers(visitor, page):
    examples = set(re.findall(r'href="(/(?:ke-hoach|tin-tuc|sitemap|du-lieu-mo)[^"]*)"', page))
    assert {reverse("plans:data-csv"), reverse("plans:data-json"), reverse("plans:feed"), reverse("news:feed")} <= {
        url.split("?")[0] for url in examples
    }
    for url in examples:
        response = visitor.get(url.replace("&amp;", "&"))
        assert response.status_code == 200, url
        assert streamed(response)


def test_the_api_addresses_are_listed(page):
    assert 'href="/api/v1/"' in page and 'href="/api/v1/schema/"' in page


def test_the_schemas_are_served_as_kept_in_the_repository(visitor):
    response = visitor.get(reverse("open-data-schema", kwargs={"name": "plans-download"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert visitor.get("/du-lieu-mo/khong-co.schema.json").status_code == 404


def test_the_archive_offers_its_filtered_data_beside_the_result_count(visitor, archive):
    html = visitor.get(reverse("plans:list"), {"locality": "ho-chi-minh", "sort": "oldest"}).content.decode()

    assert "Tải dữ liệu (" in html
    assert f'href="{reverse("plans:data-csv")}?locality=ho-chi-minh&amp;sort=oldest"' in html
    assert f'href="{reverse("plans:data-json")}?locality=ho-chi-minh&amp;sort=oldest"' in html
