"""A locality several units are named after: the archive asks which one, never guesses."""

import datetime

import pytest
from django.urls import reverse

from plans import unit_lookup
from tests.factories import AgencyFactory, LocalityFactory, PlanFactory

ARCHIVE = reverse("plans:list")


@pytest.fixture
def namesakes(db):
    """Xã Vĩnh Phúc in two provinces, and a former Tỉnh Vĩnh Phúc merged into Phú Thọ."""
    phu_tho = LocalityFactory(short_name="Phú Thọ", slug="phu-tho")
    ha_giang = LocalityFactory(short_name="Hà Giang", slug="ha-giang")
    former = LocalityFactory(
        short_name="Vĩnh Phúc", slug="vinh-phuc-truoc-2025", successor=phu_tho,
        valid_until=datetime.date(2025, 6, 30),
    )
    return {
        "phu_tho": phu_tho,
        "former": former,
        "in_phu_tho": LocalityFactory(short_name="Vĩnh Phúc", kind="xa", parent=phu_tho),
        "in_ha_giang": LocalityFactory(short_name="Vĩnh Phúc", kind="xa", parent=ha_giang),
        "plan": PlanFactory(agency=AgencyFactory(locality=former), number="7/KH-UBND"),
    }


def page(response):
    return response.content.decode()


@pytest.mark.parametrize("value", ["Xã Vĩnh Phúc", "xa vinh phuc", "xa-vinh-phuc"])
def test_a_name_two_communes_bear_gets_a_question_naming_both_provinces(client, namesakes, value):
    response = client.get(ARCHIVE, {"locality": value})

    html = page(response)
    assert response.status_code == 200
    assert "Bạn muốn tìm địa bàn nào?" in html
    assert "Xã Vĩnh Phúc, Tỉnh Phú Thọ" in html
    assert "Xã Vĩnh Phúc, Tỉnh Hà Giang" in html
    assert "Tỉnh Vĩnh Phúc" not in html.split("Bạn muốn tìm địa bàn nào?", 1)[1]  # a province is not a xã
    assert "page_obj" not in response.context
    assert "7/KH-UBND" not in html


def test_a_short_name_also_lists_the_former_province_marked(client, namesakes):
    response = client.get(ARCHIVE, {"locality": "Vĩnh Phúc", "year": "2024"})

    html = page(response)
    assert response.status_code == 200
    assert "Tỉnh Vĩnh Phúc (trước 2025)" in html
    assert f'href="{ARCHIVE}?year=2024&amp;locality=vinh-phuc-truoc-2025"' in html  # the other filters kept
    assert "7/KH-UBND" not in html
    assert getattr(response, "public_cache_seconds", 0) == 0  # the page cache never keeps a question


def test_each_choice_leads_to_its_unit(client, namesakes):
    commune = namesakes["in_ha_giang"]
    response = client.get(ARCHIVE, {"locality": commune.slug})

    assert response.status_code == 200
    assert response.context["locality"] == commune
    assert "<h1>Kế hoạch của Xã Vĩnh Phúc, Tỉnh Hà Giang</h1>" in page(response)


def test_a_slug_is_that_unit_and_the_page_offers_its_namesakes(client, namesakes):
    response = client.get(ARCHIVE, {"locality": "vinh-phuc-truoc-2025"})

    html = page(response)
    assert response.context["locality"] == namesakes["former"]
    assert "<h1>Kế hoạch của Tỉnh Vĩnh Phúc (trước 2025)</h1>" in html
    assert "7/KH-UBND" in html
    assert "Địa bàn khác cùng tên" in html
    assert f'href="{ARCHIVE}?locality={namesakes["in_phu_tho"].slug}"' in html


def test_a_unique_name_needs_no_question(client, namesakes):
    response = client.get(ARCHIVE, {"locality": "Tỉnh Vĩnh Phúc"})

    assert response.context["locality"] == namesakes["former"]
    assert "Bạn muốn tìm địa bàn nào?" not in page(response)


def test_landing_page_heading_names_the_unit(client, namesakes):
    response = client.get(reverse("plans:list-locality", args=["phu-tho"]))

    assert "<h1>Kế hoạch của Tỉnh Phú Thọ</h1>" in page(response)
    assert "7/KH-UBND" in page(response)  # today's province covers the former one


def test_province_dropdown_lists_former_provinces_after_todays_marked(client, namesakes):
    html = page(client.get(ARCHIVE))

    select = html.split('name="locality"', 1)[1].split("</select>", 1)[0]
    assert '<optgroup label="Tỉnh, thành phố trước 2025">' in select
    assert select.index("Tỉnh Phú Thọ") < select.index("Tỉnh Vĩnh Phúc (trước 2025)")
    assert '<option value="vinh-phuc-truoc-2025">Tỉnh Vĩnh Phúc (trước 2025)</option>' in select
    assert "Xã Vĩnh Phúc" not in select


def test_the_chosen_former_province_is_selected_in_the_dropdown(client, namesakes):
    html = page(client.get(ARCHIVE, {"locality": "vinh-phuc-truoc-2025"}))

    assert '<option value="vinh-phuc-truoc-2025" selected>' in html


def test_many_namesakes_are_cut_short_with_advice(client, db):
    for n in range(unit_lookup.NAMESAKES_SHOWN + 3):
        LocalityFactory(short_name="Tân Thành", kind="xa", parent=LocalityFactory(short_name=f"Tỉnh số {n}"))

    response = client.get(ARCHIVE, {"locality": "Tân Thành"})

    assert len(response.context["namesakes"]) == unit_lookup.NAMESAKES_SHOWN
    assert "… và 3 địa bàn khác" in page(response)


def test_news_list_dropdown_offers_former_provinces_too(client, namesakes):
    html = page(client.get(reverse("news:list")))

    assert "Tỉnh Vĩnh Phúc (trước 2025)" in html


@pytest.mark.parametrize("value", [
    "-", "xa-", "---", "vinh-phuc-truoc-", "Xã", "tinh", "%", "_", "Vĩnh Phúc" * 30, "xa-vinh-phuc\x00", "١٢٣",
])
def test_odd_values_get_an_answer_not_an_error(client, namesakes, value):
    response = client.get(ARCHIVE, {"locality": value})

    assert response.status_code in (200, 400)


def test_ambiguous_name_on_a_landing_page_asks_too(client, namesakes):
    response = client.get(reverse("plans:list-locality", args=["xa-vinh-phuc"]))

    assert response.status_code == 200
    assert "Bạn muốn tìm địa bàn nào?" in page(response)
