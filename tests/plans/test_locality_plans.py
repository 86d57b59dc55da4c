import pytest

from plans.models import Locality, Plan
from tests.factories import AgencyFactory, LocalityFactory, PlanFactory


def province_plans(province):
    return list(Plan.objects.published().in_locality(province).with_listing_relations())


def fresh(locality):
    return Locality.objects.get(pk=locality.pk)


def test_province_includes_a_commune_plan_two_levels_down(province, district, commune, unit_a):
    commune_plan = PlanFactory(agency=unit_a)
    elsewhere = PlanFactory(agency=AgencyFactory(locality=LocalityFactory(short_name="Kon Tum")))

    plans = province_plans(province)

    assert commune_plan in plans
    assert elsewhere not in plans
    assert Plan.objects.in_locality(district).get() == commune_plan
    assert Plan.objects.in_locality(commune).get() == commune_plan


def test_province_query_count_does_not_grow_with_plans(province, district, commune, unit_a, django_assert_num_queries):
    PlanFactory(agency=unit_a)
    # Plans list: lineage paths, the plans with their relations, then their channels.
    province = fresh(province)
    with django_assert_num_queries(3):
        assert len(province_plans(province)) == 1

    PlanFactory.create_batch(20, agency=unit_a)
    PlanFactory.create_batch(5, agency=AgencyFactory(locality=district))
    province = fresh(province)
    with django_assert_num_queries(3):
        plans = province_plans(province)
        assert len(plans) == 26
        assert all(plan.locality.parent for plan in plans[:5])


def test_todays_province_includes_plans_of_the_former_province_merged_into_it(db):
    quang_ngai = LocalityFactory(short_name="Quảng Ngãi")
    kon_tum = LocalityFactory(short_name="Kon Tum", successor=quang_ngai)
    kon_tum_district = LocalityFactory(short_name="Đắk Hà", kind="huyen", parent=kon_tum)
    former_plan = PlanFactory(agency=AgencyFactory(locality=kon_tum_district))

    assert list(Plan.objects.in_locality(quang_ngai)) == [former_plan]


def test_two_year_plan_counts_for_both_years(unit_a):
    plan = PlanFactory(agency=unit_a, period_start=2019, period_end=2020)

    assert list(Plan.objects.for_year(2019)) == [plan]
    assert list(Plan.objects.for_year(2020)) == [plan]
    assert not Plan.objects.for_year(2021).exists()


@pytest.mark.parametrize("number, key", [
    ("11/KH-UBND", "11/KH-UBND"),
    (" 132 - KH/ubnd ", "132-KH/UBND"),
    ("01/KH-BCĐ", "01/KH-BCĐ"),
])
def test_number_key_ignores_case_and_spaces(unit_a, number, key):
    assert PlanFactory(agency=unit_a, number=number).number_key == key
