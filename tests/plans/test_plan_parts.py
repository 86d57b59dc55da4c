"""What a plan records beyond the vocabulary: units named as written, results, qualitative targets,
channels the list lacks, and the agencies an officer may add."""

import datetime
from decimal import Decimal

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from plans.models import Agency, Assignment, Channel, Plan, Result, Target
from plans.services import refresh_search_text
from portal.roles import ROLE_PERMISSIONS
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory
from tests.plans.test_admin_drafting import ADD_URL, plan_form

pytestmark = pytest.mark.django_db

AGENCY_ADD_URL = reverse("admin:plans_agency_add")


def read(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(page, anchor):
    """The public page's section whose heading has id ``anchor``."""
    start = page.index(f'aria-labelledby="{anchor}"')
    return page[start:page.index("</section>", start)]


# Assigned units


def test_an_officer_names_an_assigned_unit_nobody_registered(client, officer_b, unit_b, visitor):
    client.force_login(officer_b)
    data = plan_form(unit_b, assignments=[
        {"unit_name": "  UBND các xã,  thị trấn ", "agency": "", "responsibilities": "Lồng ghép vào kế hoạch của đơn vị."},
        {"unit_name": "", "agency": unit_b.pk, "is_lead": "on", "responsibilities": "Theo dõi, tổng hợp."},
    ])

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    plan = Plan.objects.get()
    assert [(a.unit_name, a.agency) for a in plan.assignments.all()] == [("UBND các xã, thị trấn", None), ("", unit_b)]
    plan.status, plan.published_at = Plan.Status.PUBLISHED, datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    plan.save()
    units = section(read(visitor, plan), "to-chuc-thuc-hien")
    assert "<dt>UBND các xã, thị trấn</dt>" in units
    assert "<dt>UBND huyện Càng Long <span" in units


def test_an_assignment_naming_no_unit_is_a_vietnamese_form_error(client, officer_b, unit_b):
    client.force_login(officer_b)
    data = plan_form(unit_b, assignments=[{"unit_name": " ", "agency": "", "responsibilities": "Phối hợp."}])

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assignments = next(i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "assignments")
    assert "hoặc chọn một cơ quan trên cổng" in str(assignments.formset.errors)
    assert not Plan.objects.exists()


def test_the_migration_names_existing_assignments_by_their_agency(unit_b):
    plan = PlanFactory(agency=unit_b)
    assignment = Assignment.objects.create(plan=plan, agency=unit_b, responsibilities="Theo dõi.")
    written = Assignment.objects.create(plan=plan, unit_name="Đoàn Thanh niên xã", responsibilities="Phối hợp.")
    migration = __import__("plans.migrations.0008_assignment_unit_names", fromlist=["name_units_by_agency"])

    migration.name_units_by_agency(apps, None)

    assignment.refresh_from_db()
    written.refresh_from_db()
    assert (assignment.unit_name, written.unit_name) == ("UBND huyện Càng Long", "Đoàn Thanh niên xã")


# Agencies an officer adds


def test_an_officer_adds_an_agency_inside_their_locality_from_the_plan_form(client, officer_b, unit_b):
    client.force_login(officer_b)

    form_page = client.get(ADD_URL).content.decode()
    response = client.post(AGENCY_ADD_URL + "?_to_field=id&_popup=1", {
        "name": "Đài Truyền thanh huyện Càng Long", "kind": Agency.Kind.CENTER, "locality": unit_b.locality.pk,
        "parent": "", "_to_field": "id", "_popup": "1",
    })

    # The "+" beside an assignment's unit; none beside the issuer, which must be one's own unit.
    assert 'id="add_id_assignments-__prefix__-agency"' in form_page
    assert 'id="add_id_agency"' not in form_page
    assert response.status_code == 200  # the popup closes itself and fills the field
    agency = Agency.objects.get(name="Đài Truyền thanh huyện Càng Long")
    assert agency.locality == unit_b.locality


def test_an_officer_cannot_add_an_agency_outside_their_localities(client, officer_a, unit_a, unit_b):
    elsewhere = LocalityFactory(short_name="Tiểu Cần", kind="huyen", parent=unit_b.locality.parent)
    client.force_login(officer_a)

    for locality in (elsewhere, unit_b.locality):  # another district; officer A's commune is inside unit B's
        response = client.post(AGENCY_ADD_URL, {"name": "Đoàn Thanh niên", "kind": Agency.Kind.MASS_ORGANISATION,
                                                "locality": locality.pk, "parent": ""})
        assert response.status_code == 200
        assert "locality" in response.context["adminform"].form.errors
    assert not Agency.objects.filter(name="Đoàn Thanh niên").exists()
    found = client.get(reverse("admin:autocomplete"), {
        "app_label": "plans", "model_name": "agency", "field_name": "locality", "term": "",
    }).json()["results"]
    assert [row["id"] for row in found] == [str(unit_a.locality.pk)]


def test_an_editor_adds_no_agency(client, editor):
    client.force_login(editor)

    assert client.get(AGENCY_ADD_URL).status_code == 403


def test_the_role_groups_hold_exactly_the_permissions_of_portal_roles(db):
    for name, by_app in ROLE_PERMISSIONS.items():
        held = set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))
        assert held == {(app, code) for app, codes in by_app.items() for code in codes}, name


# Results


def test_results_are_shown_in_their_own_section_apart_from_the_targets(client, officer_b, unit_b, visitor):
    plan = DraftPlanFactory(agency=unit_b)
    target = Target.objects.create(plan=plan, description="Tin, bài về cải cách hành chính",
                                   comparator=Target.Comparator.AT_LEAST, value=20, unit=Target.Unit.COUNT,
                                   unit_label="bài viết")
    client.force_login(officer_b)
    data = plan_form(unit_b, results=[
        {"reported_on": "30/06/2024", "description": "Đăng tin, bài trên trang thông tin điện tử của huyện.",
         "quantity": "30", "unit_label": "bài viết", "target": target.pk},
        {"reported_on": "", "description": "Xe loa chạy các tuyến trong huyện.", "quantity": "", "unit_label": "",
         "target": ""},
    ])
    data.update({"targets-TOTAL_FORMS": "0"})

    response = client.post(reverse("admin:plans_plan_change", args=[plan.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [(r.quantity, r.amount_label, r.target) for r in plan.results.all()] == [
        (30, "30 bài viết", target), (None, "", None),
    ]
    plan.status, plan.published_at = Plan.Status.PUBLISHED, datetime.datetime(2024, 7, 1, tzinfo=datetime.UTC)
    plan.save()
    page = read(visitor, plan)
    results = section(page, "ket-qua-thuc-hien")
    assert "<h2 id=\"ket-qua-thuc-hien\">Kết quả thực hiện</h2>" in results
    assert "<dd>30 bài viết</dd>" in results
    assert '<time datetime="2024-06-30">30/06/2024</time>' in results
    assert "Tin, bài về cải cách hành chính (từ 20 bài viết trở lên)" in results
    assert "Xe loa chạy các tuyến trong huyện." in results
    assert "Xe loa" not in section(page, "chi-tieu")


def test_a_result_cannot_answer_another_plans_target(unit_b):
    plan, other = PlanFactory(agency=unit_b), PlanFactory(agency=unit_b)
    foreign = Target.objects.create(plan=other, description="Chỉ tiêu khác")
    result = Result(plan=plan, description="Treo băng rôn.", target=foreign)

    with pytest.raises(Exception, match="kế hoạch khác"):
        result.full_clean()


def test_a_drafts_results_stay_hidden(visitor, unit_b):
    plan = DraftPlanFactory(agency=unit_b)
    Result.objects.create(plan=plan, description="Phát tờ rơi.", quantity=500, unit_label="tờ")

    assert visitor.get(plan.get_absolute_url()).status_code == 404


def test_results_add_no_query_to_the_plan_page(client, unit_b):
    plan = PlanFactory(agency=unit_b)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(plan.get_absolute_url()).status_code == 200
        return len(captured)

    Result.objects.create(plan=plan, description="Hội nghị.", quantity=1, unit_label="hội nghị")
    one = queries()
    target = Target.objects.create(plan=plan, description="Tin bài")
    for n in range(5):
        Result.objects.create(plan=plan, description=f"Đợt {n}", quantity=n, unit_label="lượt", target=target)
    assert queries() == one


# Targets


def test_a_qualitative_target_keeps_no_comparator_and_no_unit(client, officer_b, unit_b, visitor):
    client.force_login(officer_b)
    data = plan_form(unit_b, targets=[
        {"description": "Nâng cao Chỉ số PAR Index, SIPAS của huyện", "comparator": "gte", "value": "",
         "unit": "percent", "unit_label": "", "deadline": ""},
        {"description": "Tin, bài tuyên truyền", "comparator": "eq", "value": "11", "unit": "count",
         "unit_label": "bài viết", "deadline": ""},
    ])

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    plan = Plan.objects.get()
    qualitative, counted = plan.targets.all()
    assert (qualitative.comparator, qualitative.unit, qualitative.value_label) == ("", "", "")
    assert counted.value_label == "đạt 11 bài viết"
    change_page = client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()
    assert 'name="targets-1-value" value="11"' in change_page
    assert "11.00" not in change_page


def test_a_value_without_a_comparator_is_a_vietnamese_form_error(client, officer_b, unit_b):
    client.force_login(officer_b)
    data = plan_form(unit_b, targets=[
        {"description": "Hồ sơ trực tuyến", "comparator": "", "value": "30", "unit": "", "deadline": ""},
    ])

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    targets = next(i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "targets")
    errors = str(targets.formset.errors)
    assert "Chọn mức cần đạt" in errors and "Chọn đơn vị" in errors


@pytest.mark.parametrize(("comparator", "value", "unit", "noun", "label"), [
    ("gt", "30.00", "percent", "", "trên 30%"),
    ("gte", "12.50", "percent", "", "từ 12,5% trở lên"),
    ("eq", "11.00", "count", "cụm pa nô", "đạt 11 cụm pa nô"),
    ("lte", "2", "other", "", "không quá 2"),
])
def test_target_levels_read_without_trailing_zeros_and_with_their_noun(comparator, value, unit, noun, label):
    assert Target(comparator=comparator, value=Decimal(value), unit=unit, unit_label=noun).value_label == label


# Channels


def test_the_new_channels_are_in_the_vocabulary_with_their_spellings(db):
    slugs = set(Channel.objects.values_list("slug", flat=True))
    assert {
        "phuong-tien-thong-tin-dai-chung", "tap-chi-ban-tin", "phong-su-video", "chuyen-trang-chuyen-muc",
        "xe-loa", "khau-hieu", "thi-truc-tuyen",
    } <= slugs
    found = {c.slug for c in Channel.objects.found_in("Treo phướn, khẩu hiệu; xe loa lưu động; phóng sự trên đài")}
    assert found == {"pa-no-ap-phich", "khau-hieu", "xe-loa", "phong-su-video"}
    assert {c.slug for c in Channel.objects.found_in("bản tin và tạp chí")} == {"tap-chi-ban-tin"}


def test_channels_the_list_lacks_are_shown_and_found(client, unit_b):
    plan = PlanFactory(agency=unit_b, other_channels="Cổng chào điện tử ở trung tâm xã\n\n  Sân khấu hóa  ")
    plan.channels.set([Channel.objects.get(slug="xe-loa")])
    refresh_search_text(plan)

    channels = section(read(client, plan), "hinh-thuc")

    assert "<li>Xe loa lưu động</li><li>Cổng chào điện tử ở trung tâm xã</li><li>Sân khấu hóa</li>" in channels
    found = client.get(reverse("plans:list"), {"q": "san khau hoa"}).context["plans"]
    assert [card.pk for card in found] == [plan.pk]


# Advising unit and recipients


def test_the_advising_unit_and_recipients_are_shown_as_written(client, unit_b):
    plan = PlanFactory(agency=unit_b, advising_unit="Phòng Văn hóa và Thông tin",
                       recipients="Sở Nội vụ\nCác phòng, ban chuyên môn")

    page = read(client, plan)

    assert "<dt>Cơ quan tham mưu</dt><dd>Phòng Văn hóa và Thông tin</dd>" in page
    assert "<li>Sở Nội vụ</li><li>Các phòng, ban chuyên môn</li>" in section(page, "noi-nhan")


def test_an_outsider_officer_cannot_open_another_units_plan_with_its_results(client, officer_a, unit_b):
    plan = DraftPlanFactory(agency=unit_b)
    Result.objects.create(plan=plan, description="Phát tờ rơi.")
    client.force_login(officer_a)

    assert client.get(reverse("admin:plans_plan_change", args=[plan.pk])).status_code == 404


def test_an_agency_from_another_unit_is_not_hidden_from_assignments(unit_b):
    # Any registered agency may be named in an assignment, not only the officer's own.
    other = AgencyFactory(name="Đài Phát thanh và Truyền hình tỉnh")
    assert Assignment(plan=PlanFactory(agency=unit_b), agency=other, responsibilities="Đưa tin.").unit_label == other.name


def test_a_plans_revision_holds_its_results(unit_b):
    plan = DraftPlanFactory(agency=unit_b)
    result = Result.objects.create(plan=plan, description="Treo băng rôn.", quantity=12, unit_label="băng rôn")
    with reversion.create_revision():
        plan.save()

    revision = Version.objects.get_for_object(plan).first().revision
    assert Version.objects.get_for_object(result).get().revision == revision
