"""The coverage tracker (/thong-ke/bao-phu/): who was expected to publish a plan for a year, and who did."""

import csv
import datetime
import io

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans.coverage import coverage
from plans.models import Agency, Locality, Plan
from plans.unit_lookup import find_locality
from publishing.models import Status
from publishing.workflow import withdraw
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory


def covered_names(year, area=None):
    return {unit.name for unit in coverage(year, area).units if unit.covered}


def expected_names(year, area=None):
    return {unit.name for unit in coverage(year, area).units}


def coverage_page(client, **params):
    return client.get(reverse("coverage"), params)


def row_of(page, name):
    html = page.content.decode()
    start = html.index(f'<th scope="row">{name}</th>')
    return html[start:html.index("</tr>", start)]


def test_a_published_plan_covers_its_unit_at_once_and_a_withdrawn_one_no_longer(
    visitor, approver, province, district, commune, unit_a,
):
    assert "chưa có" in row_of(coverage_page(visitor, year=2024, locality=province.slug), commune.name)

    plan = PlanFactory(agency=unit_a, number="12/KH-UBND", issue_date=datetime.date(2024, 2, 1))

    page = coverage_page(visitor, year=2024, locality=province.slug)
    assert "Số 12/KH-UBND" in row_of(page, commune.name) and "01/02/2024" in row_of(page, commune.name)
    assert "chưa có" in row_of(page, district.name)

    withdraw(item=plan, by=approver, comment="Ban hành nhầm số")
    assert "chưa có" in row_of(coverage_page(visitor, year=2024, locality=province.slug), commune.name)


def test_a_two_year_plan_covers_both_years_and_no_other(commune, unit_a):
    PlanFactory(agency=unit_a, period_start=2019, period_end=2020)
    assert commune.name in covered_names(2019, commune)
    assert commune.name in covered_names(2020, commune)
    assert commune.name not in covered_names(2021, commune)


def test_drafts_scheduled_plans_and_other_topics_cover_nothing(commune, unit_a):
    DraftPlanFactory(agency=unit_a)
    PlanFactory(agency=unit_a, published_at=timezone.now() + datetime.timedelta(days=2))
    PlanFactory(agency=unit_a, topic=Plan.Topic.PROCEDURE_CONTROL)
    assert commune.name not in covered_names(2024, commune)


def test_a_departments_plan_covers_the_department_not_the_province(province):
    department = AgencyFactory(locality=province, name="Sở Nội vụ tỉnh Trà Vinh", kind=Agency.Kind.DEPARTMENT,
                               expected_plan=True)
    AgencyFactory(locality=province, name="Sở Y tế tỉnh Trà Vinh", kind=Agency.Kind.DEPARTMENT)  # not marked
    assert expected_names(2024, province) == {province.name, department.name}

    PlanFactory(agency=department)
    assert covered_names(2024, province) == {department.name}


def test_units_of_a_years_tree_are_expected_and_former_units_only_in_their_years(db):
    old = LocalityFactory(short_name="Kon Tum", valid_until=datetime.date(2025, 6, 30))
    merged = LocalityFactory(short_name="Quảng Ngãi", valid_from=datetime.date(2025, 7, 1))
    old.successor = merged
    old.save()
    old_commune = LocalityFactory(short_name="Ia Chim", kind="xa", parent=old, valid_until=datetime.date(2025, 6, 30))
    new_commune = LocalityFactory(short_name="Ngọk Bay", kind="xa", parent=merged, valid_from=datetime.date(2025, 7, 1))

    assert expected_names(2024, merged) == {old.name, old_commune.name}  # today's province, read through its lineage
    assert expected_names(2026, merged) == {merged.name, new_commune.name}
    # The whole country: one row per province of the year's tree.
    assert [row.name for row in coverage(2024).by_province()] == [old.name]
    assert [row.name for row in coverage(2026).by_province()] == [merged.name]


def test_the_real_tree_gives_quan_9_in_2019_thu_duc_in_2022_and_the_merged_provinces_in_2026(db):
    call_command("import_localities", stdout=io.StringIO())
    old_city = Locality.objects.get(code="79", valid_until__isnull=False)
    in_2019, in_2022 = expected_names(2019, old_city), expected_names(2022, old_city)
    assert "Quận 9" in in_2019 and "Thành phố Thủ Đức" not in in_2019
    assert "Thành phố Thủ Đức" in in_2022 and "Quận 9" not in in_2022

    vinh_long = find_locality("vinh-long")
    units_2026 = coverage(2026, vinh_long).units
    assert {unit.level for unit in units_2026} == {Locality.Level.PROVINCE, Locality.Level.COMMUNE}
    assert "Tỉnh Trà Vinh" not in {unit.name for unit in units_2026}
    units_2024 = {unit.name for unit in coverage(2024, vinh_long).units}
    assert {"Tỉnh Trà Vinh", "Tỉnh Bến Tre", "Tỉnh Vĩnh Long", "Huyện Càng Long"} <= units_2024
    assert len(coverage(2026).by_province()) == 34
    assert len(coverage(2024).by_province()) == 63


def test_the_table_filters_by_level_and_missing_and_its_csv_matches(visitor, province, district, commune, unit_a):
    other = LocalityFactory(short_name="Tân An", kind="xa", parent=district)
    PlanFactory(agency=unit_a)

    page = coverage_page(visitor, year=2024, locality=province.slug, level=3, missing="on")
    html = page.content.decode()
    assert other.name in html and f'<th scope="row">{commune.name}</th>' not in html
    assert f'<th scope="row">{district.name}</th>' not in html

    response = coverage_page(visitor, year=2024, locality=province.slug, format="csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Đơn vị", "Cấp", "Thuộc", "Số kế hoạch", "Ngày ban hành"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {province.name, district.name, commune.name, other.name}
    assert by_name[other.name][3] == "chưa có" and by_name[commune.name][4] == "19/02/2024"


def test_the_country_table_sums_each_province(visitor, province, district, commune, unit_a):
    PlanFactory(agency=unit_a)
    response = coverage_page(visitor, year=2024, format="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[1] == [province.name, "3", "1", "33,3%"]


def test_bad_parameters_get_a_clear_400_not_a_500(visitor, province):
    for params, message in [
        ({"year": "abc"}, "Năm phải là một số"),
        ({"year": "1800"}, "Năm phải từ 2000"),
        ({"locality": "khong-co-noi-nay"}, "Không tìm thấy địa bàn"),
        ({"level": "9"}, "Không có cấp này"),
        ({"sort": "x"}, "Không có cách sắp xếp này"),
        ({"format": "xls"}, "Chỉ có định dạng csv"),
    ]:
        page = coverage_page(visitor, **params)
        assert page.status_code == 400, params
        assert message in page.content.decode(), params
    assert coverage_page(visitor, year=2024, locality=province.slug, page=999).status_code == 200


def test_a_publication_counts_its_province_again_and_keeps_the_others_parts_of_the_country(db):
    ours = LocalityFactory(short_name="Sóc Trăng", kind="tinh")
    theirs = LocalityFactory(short_name="Cà Mau", kind="tinh")
    their_commune = LocalityFactory(short_name="Khánh Bình", kind="xa", parent=theirs)
    our_unit = AgencyFactory(locality=ours)  # a new agency, like any unit, changes every figure
    their_plan = DraftPlanFactory(agency=AgencyFactory(locality=their_commune))

    def country(year=2024):
        return {row.name: (row.covered, row.expected) for row in coverage(year).by_province()}

    assert country() == {ours.name: (0, 1), theirs.name: (0, 2)}
    # Published behind the cache's back (``update()`` sends no signal): only counting Cà Mau again shows it.
    Plan.objects.filter(pk=their_plan.pk).update(status=Status.PUBLISHED, published_at=timezone.now())

    PlanFactory(agency=our_unit)

    assert country() == {ours.name: (1, 1), theirs.name: (0, 2)}
    assert coverage(2024).covered == 1
    cache.clear()
    assert country() == {ours.name: (1, 1), theirs.name: (1, 2)}
