import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import UNKNOWN_YEAR, Channel, Locality, Plan
from plans.selectors import ArchiveQuery
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory

ARCHIVE = reverse("plans:list")


def results(response):
    return list(response.context["page_obj"].object_list)


def count(response):
    return response.context["page_obj"].paginator.count


@pytest.fixture
def tree(db):
    """Two provinces; Trà Vinh has a district with a commune; Kon Tum was merged into Quảng Ngãi."""
    quang_ngai = LocalityFactory(short_name="Quảng Ngãi", slug="quang-ngai")
    tra_vinh = LocalityFactory(short_name="Trà Vinh", slug="tra-vinh")
    cang_long = LocalityFactory(short_name="Càng Long", kind="huyen", parent=tra_vinh, slug="cang-long")
    an_truong = LocalityFactory(short_name="An Trường", kind="xa", parent=cang_long, slug="xa-an-truong")
    kon_tum = LocalityFactory(
        short_name="Kon Tum", slug="kon-tum-truoc-2025", successor=quang_ngai,
        valid_until=datetime.date(2025, 6, 30),
    )
    return {
        "quang_ngai": quang_ngai, "tra_vinh": tra_vinh, "cang_long": cang_long,
        "an_truong": an_truong, "kon_tum": kon_tum,
    }


@pytest.fixture
def plans(tree):
    press = Channel.objects.get(slug="bao-chi")
    posters = Channel.objects.get(slug="pa-no-ap-phich")
    return {
        "commune": PlanFactory(
            agency=AgencyFactory(locality=tree["an_truong"], name="UBND xã An Trường"), number="05/KH-UBND",
            title="Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024", channels=[press, posters],
        ),
        "district": PlanFactory(
            agency=AgencyFactory(locality=tree["cang_long"], name="UBND huyện Càng Long"), number="11/KH-UBND",
            title="Kế hoạch tuyên truyền CẢI CÁCH HÀNH CHÍNH huyện năm 2024", channels=[press],
        ),
        "kon_tum": PlanFactory(
            agency=AgencyFactory(locality=tree["kon_tum"], name="UBND tỉnh Kon Tum"), number="100/KH-UBND",
            issue_date=datetime.date(2020, 1, 9), period_start=2019, period_end=2020,
            title="Kế hoạch truyền thông về kiểm soát thủ tục hành chính", topic=Plan.Topic.PROCEDURE_CONTROL,
        ),
        "draft": DraftPlanFactory(
            agency=AgencyFactory(locality=tree["an_truong"], name="Công an xã An Trường"),
            title="Dự thảo bí mật về cải cách hành chính", channels=[posters],
        ),
    }


def test_province_filter_includes_a_commune_plan_inside_it(client, tree, plans):
    response = client.get(ARCHIVE, {"locality": "tra-vinh"})

    assert response.status_code == 200
    assert set(results(response)) == {plans["commune"], plans["district"]}


def test_todays_province_includes_the_former_province_merged_into_it(client, tree, plans):
    response = client.get(ARCHIVE, {"locality": "quang-ngai"})

    assert results(response) == [plans["kon_tum"]]


@pytest.mark.parametrize("value", ["cang-long", "Càng Long", "CANG LONG"])
def test_locality_can_be_given_by_slug_or_name(client, tree, plans, value):
    assert set(results(client.get(ARCHIVE, {"locality": value}))) == {plans["commune"], plans["district"]}


def test_locality_can_be_given_by_official_code(client, tree, plans):
    response = client.get(ARCHIVE, {"locality": tree["an_truong"].code})

    assert results(response) == [plans["commune"]]


def test_a_two_year_plan_appears_under_both_years(client, plans):
    assert results(client.get(ARCHIVE, {"year": "2019"})) == [plans["kon_tum"]]
    assert plans["kon_tum"] in results(client.get(ARCHIVE, {"year": "2020"}))
    assert plans["kon_tum"] not in results(client.get(ARCHIVE, {"year": "2024"}))


@pytest.mark.parametrize("query", ["cai cach hanh chinh", "CẢI CÁCH", "cải cách", "Cai Cach  Hanh   Chinh"])
def test_search_ignores_accents_and_case(client, plans, query):
    assert set(results(client.get(ARCHIVE, {"q": query}))) == {plans["commune"], plans["district"]}


@pytest.mark.parametrize("query, expected", [
    ("11/kh-ubnd", "district"),
    ("an truong", "commune"),
    ("kiểm soát thủ tục", "kon_tum"),
    ("panô", "commune"),  # a channel's other spelling
])
def test_search_covers_number_issuer_content_and_channels(client, plans, query, expected):
    assert results(client.get(ARCHIVE, {"q": query})) == [plans[expected]]


def test_drafts_never_appear_in_results_facets_or_search(client, tree, plans):
    everything = client.get(ARCHIVE)
    search = client.get(ARCHIVE, {"q": "bí mật"})
    commune = client.get(ARCHIVE, {"locality": "xa-an-truong"})

    assert plans["draft"] not in results(everything)
    assert count(search) == 0
    assert results(commune) == [plans["commune"]]
    posters = next(item for item in everything.context["facets"]["channels"] if item.label.startswith("Pa nô"))
    assert posters.count == 1
    assert "Dự thảo bí mật" not in everything.content.decode()


def test_every_facet_count_equals_the_results_behind_its_link(client, tree, plans):
    pages = [client.get(ARCHIVE), client.get(ARCHIVE, {"locality": "tra-vinh"}), client.get(ARCHIVE, {"year": "2024"})]
    checked = 0
    for page in pages:
        for facet in page.context["facets"].values():
            for item in facet:
                assert count(client.get(item.url)) == item.count, item
                checked += 1
    assert checked >= 10


def test_citizen_drills_down_from_province_to_commune(client, tree, plans):
    top = client.get(ARCHIVE).context["facets"]["localities"]
    tra_vinh = next(item for item in top if item.label == tree["tra_vinh"].name)
    assert tra_vinh.count == 2

    districts = client.get(tra_vinh.url).context["facets"]["localities"]
    assert [(item.label, item.count) for item in districts] == [(tree["cang_long"].name, 2)]

    communes = client.get(districts[0].url).context["facets"]["localities"]
    assert [(item.label, item.count) for item in communes] == [(tree["an_truong"].name, 1)]
    assert results(client.get(communes[0].url)) == [plans["commune"]]


def test_todays_province_lists_the_former_province_as_a_facet(client, tree, plans):
    top = client.get(ARCHIVE).context["facets"]["localities"]
    assert ("Tỉnh Quảng Ngãi", 1) in [(item.label, item.count) for item in top]

    below = client.get(ARCHIVE, {"locality": "quang-ngai"}).context["facets"]["localities"]
    assert [(item.label, item.count) for item in below] == [("Tỉnh Kon Tum (đến 30/06/2025)", 1)]


def test_facet_links_keep_the_other_filters(client, tree, plans):
    response = client.get(ARCHIVE, {"year": "2024", "q": "cai cach"})

    for item in response.context["facets"]["localities"] + response.context["facets"]["channels"]:
        assert "year=2024" in item.url and "q=cai+cach" in item.url


def test_facet_links_spell_the_parameters_as_every_other_link_does(client, tree, plans):
    """One address per page, so a facet link finds the page the filters' links cached."""
    channel = Channel.objects.get(slug="bao-chi")
    query = ArchiveQuery(q="cai cach", year=2024, locality=tree["tra_vinh"], channel=channel, withdrawn=True, sort="oldest")

    for name, values in {"year": [2023, UNKNOWN_YEAR], "locality": ["cang-long"], "channel": ["xe-loa"]}.items():
        for value in values:
            assert query.links(name)(value) == query.url(**{name: value})
    assert ArchiveQuery().links("year")(2024) == ARCHIVE + "?year=2024"
    assert query.links("sort")("newest") == query.url(sort=None)  # the default is left out
    assert query.links("locality")("cang-long") == (
        ARCHIVE + "?q=cai+cach&year=2024&locality=cang-long&channel=bao-chi&withdrawn=on&sort=oldest"
    )


def test_results_show_what_a_citizen_needs(client, plans):
    page = client.get(ARCHIVE, {"locality": "cang-long", "sort": "number"}).content.decode()

    for text in ("11/KH-UBND", "UBND huyện Càng Long", "19/02/2024", "2024", "Báo chí", "2 kế hoạch"):
        assert text in page


def test_sorting_oldest_first(client, plans):
    assert results(client.get(ARCHIVE, {"sort": "oldest"}))[0] == plans["kon_tum"]
    assert results(client.get(ARCHIVE))[-1] == plans["kon_tum"]


def test_page_two_keeps_the_filter(client, tree):
    agency = AgencyFactory(locality=tree["cang_long"])
    PlanFactory.create_batch(25, agency=agency)
    PlanFactory(agency=AgencyFactory(locality=tree["quang_ngai"]))

    first = client.get(ARCHIVE, {"locality": "cang-long"})
    assert "?locality=cang-long&amp;page=2" in first.content.decode()
    second = client.get(ARCHIVE, {"locality": "cang-long", "page": "2"})

    assert second.context["page_obj"].number == 2
    assert len(results(second)) == 5
    assert count(second) == 25


def test_landing_pages_are_the_same_filters(client, tree, plans):
    by_year = client.get(reverse("plans:list-year", args=[2024]))
    by_locality = client.get(reverse("plans:list-locality", args=["tra-vinh"]))

    assert set(results(by_year)) == set(results(client.get(ARCHIVE, {"year": "2024"})))
    assert set(results(by_locality)) == {plans["commune"], plans["district"]}
    assert client.get(reverse("plans:list-locality", args=["khong-co-dia-ban"])).status_code == 404
    assert client.get(reverse("plans:list-year", args=[99999])).status_code == 404


@pytest.mark.parametrize("params, status, message", [
    ({"locality": "khong-co-dia-ban"}, 400, "Không tìm thấy địa bàn"),
    ({"year": "abc"}, 400, "Năm phải là một số"),
    ({"year": "99999"}, 400, "Năm phải trước"),
    ({"page": "0"}, 200, None),
    ({"page": "-1"}, 200, None),
    ({"page": "999999"}, 200, None),
    ({"page": "abc"}, 200, None),
    ({"sort": "drop"}, 400, "Không có cách sắp xếp này"),
    ({"q": "x" * 5000}, 400, "Từ khóa quá dài"),
    ({"q": "cai\x00cach"}, 400, "ký tự null"),
    ({"locality": "tra\x00vinh"}, 400, "ký tự null"),
    ({"channel": "khong-co"}, 400, "Không có hình thức"),
    ({"topic": "drop table"}, 400, "Không có chủ đề này"),
    ({"year": ["2019", "2024"]}, 200, None),
    ({"utm_source": "zalo", "foo[]": "1"}, 200, None),
    ({"agency": "khong-co"}, 400, "Không tìm thấy cơ quan"),
    ({"agency": "ubnd\x00"}, 400, "ký tự null"),
])
def test_bad_input_gets_an_answer_not_an_error(client, plans, params, status, message):
    response = client.get(ARCHIVE, params)

    assert response.status_code == status
    assert "kế hoạch" in response.content.decode()
    assert "\x00" not in response.content.decode()  # no HTML may carry a null character
    if message:
        assert message in response.content.decode()


def test_page_past_the_end_shows_the_last_page(client, tree):
    PlanFactory.create_batch(21, agency=AgencyFactory(locality=tree["cang_long"]))

    assert client.get(ARCHIVE, {"page": "999999"}).context["page_obj"].number == 2
    assert client.get(ARCHIVE, {"page": "-1"}).context["page_obj"].number == 1


def queries_for(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ARCHIVE, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [
    {},
    {"locality": "tra-vinh", "year": "2024"},
    {"locality": "quang-ngai", "q": "cai cach", "channel": "bao-chi", "sort": "oldest"},
])
def test_query_count_is_the_same_with_3_and_300_plans(client, tree, params):
    press = Channel.objects.get(slug="bao-chi")
    agencies = [AgencyFactory(locality=tree[key]) for key in ("an_truong", "cang_long", "kon_tum")]
    for agency in agencies:
        PlanFactory(agency=agency, channels=[press])
    few = queries_for(client, params)

    for agency in agencies:
        PlanFactory.create_batch(99, agency=agency, channels=[press])
    assert Plan.objects.count() == 300
    assert queries_for(client, params) == few


def test_unknown_locality_shows_the_archive_with_the_error(client, plans):
    page = client.get(ARCHIVE, {"locality": "atlantis"}).content.decode()

    assert "Không tìm thấy địa bàn “atlantis”" in page
    assert Locality.objects.filter(slug="atlantis").count() == 0


def test_archive_page_with_20_results_weighs_under_60_kb(client, tree):
    from django.contrib.staticfiles import finders

    PlanFactory.create_batch(
        25, agency=AgencyFactory(locality=tree["an_truong"]), channels=list(Channel.objects.all()[:4]),
        title="Kế hoạch thông tin, tuyên truyền cải cách hành chính trên địa bàn xã năm 2024 " * 2,
    )
    response = client.get(ARCHIVE)
    assert len(results(response)) == 20

    html = response.content.decode()
    assets = [path for path in ("css/site.css", "js/text-size.js") if f"/static/{path}" in html]
    weight = len(response.content) + sum(len(open(finders.find(path), "rb").read()) for path in assets)
    assert len(assets) == 2
    assert weight < 60 * 1024, weight


def test_deep_pages_are_capped_with_advice(client, tree, monkeypatch):
    from publishing import pagination as archive

    monkeypatch.setattr(archive, "MAX_PAGES", 2)
    PlanFactory.create_batch(45, agency=AgencyFactory(locality=tree["cang_long"]))

    response = client.get(ARCHIVE, {"page": "3"})

    assert response.context["page_obj"].number == 2
    assert count(response) == 45
    assert "Hãy thu hẹp điều kiện lọc" in response.content.decode()
