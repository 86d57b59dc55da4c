"""/thong-ke/: each figure equals what the archive shows for the same year and locality."""

import csv
import datetime
import io

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans.models import Channel, Locality, Plan
from publishing.models import Status
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory
from tests.news.factories import ArticleFactory, DraftArticleFactory


def csv_rows(client, **params):
    response = client.get(reverse("statistics"), {**params, "format": "csv"})
    assert response.status_code == 200 and response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))[1:]


def facet_counts(client, name, **params):
    context = client.get(reverse("plans:list"), params).context
    return {item.label: item.count for item in context["facets"][name]}


def plans_everywhere(province, district, commune):
    """Plans of three levels, two years, several channels; plus a draft and a plan elsewhere."""
    channels = list(Channel.objects.order_by("position")[:3])
    PlanFactory(agency=AgencyFactory(locality=province), period_start=2023, period_end=2024, channels=channels)
    PlanFactory(agency=AgencyFactory(locality=district), channels=channels[:2])
    PlanFactory(agency=AgencyFactory(locality=commune), channels=channels[:1])
    PlanFactory(agency=AgencyFactory(locality=commune, name="UBND xã khác tên"), channels=[])
    DraftPlanFactory(agency=AgencyFactory(locality=district, name="Phòng Nội vụ"), channels=channels)
    PlanFactory(agency=AgencyFactory(locality=LocalityFactory(short_name="Bến Tre")), channels=channels)
    return channels


def test_channel_use_equals_the_archive_facet_for_the_same_year_and_locality(visitor, province, district, commune):
    plans_everywhere(province, district, commune)
    for params in ({"year": 2024}, {"year": 2024, "locality": province.slug}, {"year": 2023, "locality": district.slug}):
        rows = csv_rows(visitor, chart="hinh-thuc", **params)
        assert {row[0]: int(row[1]) for row in rows} == facet_counts(visitor, "channels", **params), params


def test_plans_per_year_equal_the_year_facet_and_split_by_level(visitor, province, district, commune):
    plans_everywhere(province, district, commune)
    rows = csv_rows(visitor, chart="nam", locality=province.slug)
    assert {row[0]: int(row[1]) for row in rows} == facet_counts(visitor, "years", locality=province.slug)
    by_year = {row[0]: row for row in rows}
    assert by_year["2024"][1:] == ["4", "1", "1", "2"]  # total, province, district, commune
    assert by_year["2023"][1:] == ["1", "1", "0", "0"]


def test_channel_variety_counts_every_plan_once(visitor, province, district, commune):
    plans_everywhere(province, district, commune)
    rows = csv_rows(visitor, chart="so-hinh-thuc", year=2024, locality=province.slug)
    assert {row[0]: int(row[1]) for row in rows} == {
        "0 hình thức": 1, "1 hình thức": 1, "2 hình thức": 1, "3 hình thức": 1,
    }


def test_coverage_per_province_and_news_per_month(visitor, province, district, commune):
    PlanFactory(agency=AgencyFactory(locality=commune))
    ArticleFactory.create_batch(2)
    DraftArticleFactory()
    coverage = csv_rows(visitor, chart="bao-phu", year=2024)
    assert coverage == [[province.name, "3", "1", "33,3%"]]
    assert sum(int(row[1]) for row in csv_rows(visitor, chart="tin-bai")) == 2


def test_the_page_draws_each_chart_with_its_table_and_csv_link_and_hides_drafts(visitor, province, district, commune):
    DraftPlanFactory(agency=AgencyFactory(locality=commune), channels=list(Channel.objects.all()[:1]))
    PlanFactory(agency=AgencyFactory(locality=district), channels=list(Channel.objects.all()[1:2]))
    html = visitor.get(reverse("statistics"), {"year": 2024}).content.decode()
    assert html.count('<svg class="chart"') == 4 and "Chưa có số liệu." in html  # no news yet
    ArticleFactory(published_at=datetime.datetime(2024, 5, 6, 9, tzinfo=datetime.timezone.utc))
    html = visitor.get(reverse("statistics"), {"year": 2024}).content.decode()
    assert html.count('<svg class="chart"') == 5 and html.count('role="img"') >= 5
    assert html.count("Tải bảng số liệu (CSV)") == 5
    assert Channel.objects.all()[1].name in html and Channel.objects.all()[0].name not in html


def test_bad_parameters_get_the_archives_messages(db, visitor):
    for params, message in [
        ({"year": "hai-nghin"}, "Năm phải là một số"),
        ({"locality": "khong-co"}, "Không tìm thấy địa bàn"),
        ({"chart": "x", "format": "csv"}, "Không có biểu đồ này"),
    ]:
        response = visitor.get(reverse("statistics"), params)
        assert response.status_code == 400 and message in response.content.decode(), params


def test_a_level_that_is_not_there_is_not_drawn(visitor, province):
    html = visitor.get(reverse("statistics"), {"year": 2024, "locality": province.slug}).content.decode()
    assert Locality.Level.DISTRICT.label not in html.split("Mức độ bao phủ")[1].split("</section>")[0]


def test_the_countrys_figures_are_the_sums_of_its_provinces_and_a_publication_recounts_only_its_own(
    visitor, province, district, commune,
):
    channels = plans_everywhere(province, district, commune)
    elsewhere = Locality.objects.get(short_name="Bến Tre")
    ours = AgencyFactory(locality=commune, name="Ban Chỉ đạo cải cách hành chính xã")  # a new unit changes every figure: made first
    theirs = DraftPlanFactory(agency=AgencyFactory(locality=elsewhere, name="Văn phòng UBND tỉnh"), channels=channels[:2])

    def country():
        years = {row[0]: row[1:] for row in csv_rows(visitor, chart="nam")}
        variety = {row[0]: int(row[1]) for row in csv_rows(visitor, chart="so-hinh-thuc", year=2024)}
        return years, variety

    years, variety = country()
    assert {year: int(row[0]) for year, row in years.items()} == facet_counts(visitor, "years")
    assert years["2024"] == ["5", "2", "1", "2"]  # total, province, district, commune: Bến Tre is a province
    assert variety == {"0 hình thức": 1, "1 hình thức": 1, "2 hình thức": 1, "3 hình thức": 2}
    # Published behind the cache's back (``update()`` sends no signal): only counting Bến Tre again shows it.
    Plan.objects.filter(pk=theirs.pk).update(status=Status.PUBLISHED, published_at=timezone.now())

    PlanFactory(agency=ours, channels=channels[:1])

    years, variety = country()
    assert years["2024"] == ["6", "2", "1", "3"]
    assert variety == {"0 hình thức": 1, "1 hình thức": 2, "2 hình thức": 1, "3 hình thức": 2}
    cache.clear()
    call_command("recount_plan_tally")
    years, variety = country()
    assert years["2024"] == ["7", "3", "1", "3"]
    assert variety == {"0 hình thức": 1, "1 hình thức": 2, "2 hình thức": 2, "3 hình thức": 2}
