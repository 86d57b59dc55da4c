"""A province or district plan's page lists the units below it and the plans that implement it."""

import datetime

from plans.models import Plan
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory


def section_of(page):
    html = page.content.decode()
    start = html.index('id="ke-hoach-trien-khai"')
    return html[start:html.index("</section>", start)]


def row_of(section, name):
    start = section.index(f'<th scope="row">{name}</th>')
    return section[start:section.index("</tr>", start)]


def test_the_district_plan_lists_its_communes_with_timeliness(visitor, district, commune):
    late_commune = LocalityFactory(short_name="Tân An", kind="xa", parent=district)
    silent_commune = LocalityFactory(short_name="Mỹ Cẩm", kind="xa", parent=district)
    parent = PlanFactory(agency=AgencyFactory(locality=district), implementation_deadline=datetime.date(2024, 3, 1))
    on_time = PlanFactory(agency=AgencyFactory(locality=commune), number="5/KH-UBND", issue_date=datetime.date(2024, 2, 20))
    late = PlanFactory(agency=AgencyFactory(locality=late_commune), number="9/KH-UBND", issue_date=datetime.date(2024, 3, 9))
    draft = DraftPlanFactory(agency=AgencyFactory(locality=silent_commune), number="1/KH-UBND")
    for plan in (on_time, late, draft):
        plan.legal_basis_plans.add(parent)

    section = section_of(visitor.get(parent.get_absolute_url()))
    assert "trước ngày" in section and "01/03/2024" in section
    assert "Số 5/KH-UBND" in row_of(section, commune.name) and "Đúng hạn" in row_of(section, commune.name)
    assert "Số 9/KH-UBND" in row_of(section, late_commune.name) and "Trễ hạn" in row_of(section, late_commune.name)
    # A draft that names the plan is nobody's business yet: the commune has none.
    assert "1/KH-UBND" not in section and "Chưa có" in row_of(section, silent_commune.name)


def test_a_commune_plan_has_no_such_section(visitor, commune):
    page = visitor.get(PlanFactory(agency=AgencyFactory(locality=commune)).get_absolute_url())
    assert 'id="ke-hoach-trien-khai"' not in page.content.decode()


def test_a_plan_without_deadline_says_only_issued_or_not(visitor, province, district):
    parent = PlanFactory(agency=AgencyFactory(locality=province))
    child = PlanFactory(agency=AgencyFactory(locality=district), issue_date=datetime.date(2024, 6, 1))
    child.legal_basis_plans.add(parent)
    section = section_of(visitor.get(parent.get_absolute_url()))
    assert "trước ngày" not in section
    assert "Đã ban hành" in row_of(section, district.name)
    assert Plan.objects.get(pk=parent.pk).implementation_deadline is None
