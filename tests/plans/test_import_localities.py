"""``manage.py import_localities``: today's units, the pre-2025 units and Quận 9.

The full import (about 14,000 rows) runs twice for the whole module, in a
module-scoped fixture; the tests only read what it left behind.
"""

import datetime
import io

import pytest
from django.core.management import call_command

from plans.filters import province_choices
from plans.localities import all_units, assign_slugs
from plans.models import Locality

REFORM_DAY = datetime.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = datetime.date(2025, 6, 30)
ROW_FIELDS = ("pk", "path", "slug", "name", "short_name", "kind", "level", "code",
              "parent_id", "successor_id", "valid_from", "valid_until")


def run_import():
    out = io.StringIO()
    call_command("import_localities", stdout=out)
    return out.getvalue()


def snapshot():
    return sorted(Locality.objects.values_list(*ROW_FIELDS))


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Import twice into the test database; remove the rows after the module."""
    with django_db_blocker.unblock():
        first_output = run_import()
        after_first = snapshot()
        second_output = run_import()
        yield {"first": first_output, "second": second_output, "after_first": after_first, "after_second": snapshot()}
        # parent is PROTECT: delete the deepest units first.
        for level in (3, 2, 1):
            Locality.objects.filter(level=level).delete()


def former(name):
    return Locality.objects.get(name=name, valid_until=LAST_DAY_BEFORE_REFORM, level=1)


def today(name):
    return Locality.objects.get(name=name, valid_from=REFORM_DAY, level=1)


@pytest.mark.django_db
def test_today_and_pre2025_units_have_the_official_counts(imported):
    now = Locality.objects.current(on=REFORM_DAY)
    assert now.filter(level=Locality.Level.PROVINCE).count() == 34
    assert now.filter(level=Locality.Level.DISTRICT).count() == 0
    assert now.filter(level=Locality.Level.COMMUNE).count() == 3321

    before = Locality.objects.current(on=LAST_DAY_BEFORE_REFORM)
    assert before.filter(level=Locality.Level.PROVINCE).count() == 63
    assert before.filter(level=Locality.Level.DISTRICT).count() == 696
    assert before.filter(level=Locality.Level.COMMUNE).count() == 10051


@pytest.mark.django_db
def test_names_kinds_and_codes(imported):
    cao_bang = today("Tỉnh Cao Bằng")
    assert (cao_bang.short_name, cao_bang.kind, cao_bang.code) == ("Cao Bằng", "tinh", "04")
    ha_noi = today("Thành phố Hà Nội")
    assert (ha_noi.short_name, ha_noi.kind, ha_noi.code, ha_noi.path) == ("Hà Nội", "thanh-pho-tw", "01", "N01/")

    kon_tum = former("Tỉnh Kon Tum")
    city = Locality.objects.get(name="Thành phố Kon Tum", parent=kon_tum)
    assert (city.kind, city.level, city.short_name, city.slug) == (
        "thanh-pho-thuoc-tinh", Locality.Level.DISTRICT, "Kon Tum", "thanh-pho-kon-tum",
    )
    assert len(city.code) == 3
    commune = city.children.first()
    assert commune.level == Locality.Level.COMMUNE and len(commune.code) == 5
    assert commune.path.startswith(city.path) and commune.path.startswith("O62/")

    # Doubled spaces in the source ("Xã  Phú Hữu") do not reach the portal.
    assert not Locality.objects.filter(name__contains="  ").exists()
    assert Locality.objects.filter(kind="dac-khu", valid_from=REFORM_DAY).count() == 13
    assert Locality.objects.filter(kind="thi-tran", valid_from=REFORM_DAY).count() == 0


@pytest.mark.django_db
def test_former_provinces_point_at_todays_province(imported):
    assert former("Tỉnh Kon Tum").successor == today("Tỉnh Quảng Ngãi")
    assert former("Tỉnh Trà Vinh").successor == today("Tỉnh Vĩnh Long")
    assert former("Tỉnh Quảng Nam").successor == today("Thành phố Đà Nẵng")
    assert former("Tỉnh Hoà Bình").successor == today("Tỉnh Phú Thọ")
    assert former("Thành phố Huế").successor == today("Thành phố Huế")

    formers = Locality.objects.filter(level=1, valid_until=LAST_DAY_BEFORE_REFORM)
    assert not formers.filter(successor__isnull=True).exists()
    # Every province of today took over at least one former province.
    assert Locality.objects.filter(level=1, valid_from=REFORM_DAY, predecessors__isnull=True).count() == 0
    assert "O62/" in today("Tỉnh Quảng Ngãi").lineage_paths


@pytest.mark.django_db
def test_quan_9_and_phu_huu_before_thu_duc(imported):
    quan_9 = Locality.objects.get(slug="quan-9")
    assert (quan_9.name, quan_9.short_name, quan_9.kind, quan_9.level) == ("Quận 9", "9", "quan", 2)
    assert quan_9.valid_until == datetime.date(2020, 12, 31)
    assert quan_9.parent == former("Thành phố Hồ Chí Minh")
    assert quan_9.successor.name == "Thành phố Thủ Đức"
    assert str(quan_9) == "Quận 9, Thành phố Hồ Chí Minh (đến 31/12/2020)"

    phu_huu = Locality.objects.get(name="Phường Phú Hữu", parent=quan_9)
    assert phu_huu.path.startswith(quan_9.path)
    assert phu_huu.valid_until == datetime.date(2020, 12, 31)
    assert phu_huu.successor.parent == quan_9.successor
    assert phu_huu.successor.name == "Phường Phú Hữu"
    assert phu_huu.display_name == "Phường Phú Hữu, Quận 9, Thành phố Hồ Chí Minh"
    # Choosing the former city (or today's, through its lineage) reaches Quận 9's ward.
    assert phu_huu in former("Thành phố Hồ Chí Minh").descendants()

    on_plan_day = Locality.objects.current(on=datetime.date(2020, 6, 1))
    assert on_plan_day.filter(pk=phu_huu.pk).exists()
    assert not Locality.objects.current(on=datetime.date(2021, 1, 1)).filter(pk=quan_9.pk).exists()


@pytest.mark.django_db
def test_slugs_are_unique_and_today_comes_first(imported):
    slugs = list(Locality.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 14167
    assert today("Thành phố Đà Nẵng").slug == "da-nang"
    assert today("Tỉnh Quảng Ngãi").slug == "quang-ngai"
    assert former("Thành phố Đà Nẵng").slug == "da-nang-truoc-2025"
    assert former("Tỉnh Quảng Ngãi").slug == "quang-ngai-truoc-2025"
    assert former("Tỉnh Quảng Nam").slug == "quang-nam"
    assert Locality.objects.get(name="Huyện Càng Long").slug == "huyen-cang-long"
    # A bare number never becomes a slug on its own.
    assert not Locality.objects.filter(slug__regex=r"^[0-9-]+$").exists()


@pytest.mark.django_db
def test_former_province_includes_its_districts_and_communes(imported):
    tra_vinh = former("Tỉnh Trà Vinh")
    cang_long = Locality.objects.get(name="Huyện Càng Long")
    assert cang_long.parent == tra_vinh

    inside = set(tra_vinh.descendants())
    assert cang_long in inside
    communes = list(cang_long.children.all())
    assert communes and set(communes) <= inside
    assert {c.kind for c in communes} <= {"xa", "thi-tran"}
    assert today("Tỉnh Vĩnh Long") not in inside


@pytest.mark.django_db
def test_second_run_changes_nothing(imported):
    assert "14167 tạo mới, 0 cập nhật, 0 không đổi" in imported["first"]
    assert "0 tạo mới, 0 cập nhật, 14167 không đổi" in imported["second"]
    assert imported["after_first"] == imported["after_second"]


@pytest.mark.django_db
def test_import_repairs_edited_rows_and_keeps_extra_ones(imported):
    before = snapshot()
    da_nang, hue = today("Thành phố Đà Nẵng"), today("Thành phố Huế")
    Locality.objects.filter(pk=da_nang.pk).update(name="Đà Nẵng (sửa tay)")
    # Exchanging two slugs must not trip the unique index during the repair.
    Locality.objects.filter(pk=da_nang.pk).update(slug="tam")
    Locality.objects.filter(pk=hue.pk).update(slug="da-nang")
    Locality.objects.filter(pk=da_nang.pk).update(slug="hue")
    Locality.objects.filter(name="Tỉnh Kon Tum").update(successor=None)
    extra = Locality.objects.create(
        name="Thôn Thử", short_name="Thử", kind="xa", level=3, path="X1/", slug="thon-thu",
    )

    output = run_import()

    assert "0 tạo mới, 3 cập nhật, 14164 không đổi" in output
    assert Locality.objects.filter(pk=extra.pk).exists()
    assert [row for row in snapshot() if row[0] != extra.pk] == before


@pytest.mark.django_db
def test_cached_lookups_and_province_choices_show_the_units_just_imported(imported):
    # The units as an older import left them (update() sends no signal, like the import's bulk writes).
    da_nang = today("Thành phố Đà Nẵng")
    Locality.objects.filter(pk=da_nang.pk).update(name="Thành phố Đà Nẵng (cũ)", slug="da-nang-cu")
    assert Locality.objects.remembered_lookup("da-nang") is None
    assert Locality.objects.remembered_lookup("da-nang-cu") == da_nang
    assert ("da-nang-cu", "Thành phố Đà Nẵng (cũ)") in province_choices(None)

    run_import()

    assert Locality.objects.remembered_lookup("da-nang") == da_nang
    assert Locality.objects.remembered_lookup("da-nang-cu") is None
    provinces = province_choices(None)
    assert ("da-nang", "Thành phố Đà Nẵng") in provinces
    assert "da-nang-cu" not in dict(provinces)


def test_slug_held_by_a_hand_made_row_is_avoided():
    units = {unit.path: unit for unit in assign_slugs(all_units(), reserved={"da-nang"})}
    assert units["N48/"].slug == "thanh-pho-da-nang"
    assert units["O79/H-quan-9/"].slug == "quan-9"
