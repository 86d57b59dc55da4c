"""``manage.py load_demo``: what someone exploring the demo portal would notice."""

import datetime
import hashlib
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from reversion.models import Version

from news.models import Article
from plans.demo import DEMO_ATTACHMENT_TITLE
from plans.demo import loader as demo
from plans.demo.content import PLANS
from plans.models import (
    Agency,
    Assignment,
    Attachment,
    Channel,
    ContentGroup,
    Locality,
    Membership,
    Plan,
    Target,
)
from publishing.models import Transition

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Demo PDFs go to a throw-away folder, not the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Seven accounts per run: a fast hasher keeps the suite quick; hashes still compare.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(**kwargs):
    out = StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


def plan_of(agency_name, **filters):
    return Plan.objects.get(agency__name=agency_name, **filters)


def test_loads_six_published_plans(localities):
    load()

    assert Plan.objects.count() == 6
    assert Plan.objects.published().count() == 6
    assert set(Plan.objects.values_list("agency__name", flat=True)) == {
        "UBND thành phố Hội An", "Sở Ngoại vụ tỉnh Tây Ninh", "UBND tỉnh Kon Tum", "UBND Quận 9",
        "UBND phường Phú Hữu", "UBND huyện Càng Long",
    }


def test_demo_plans_are_submitted_by_their_officer_and_published_by_the_approver(localities):
    load()

    for spec in PLANS:
        plan = Plan.objects.get(title=spec["title"])
        steps = list(plan.transitions.order_by("at", "id").values_list("action", "user__username", "to_status"))
        assert steps == [("submit", spec["officer"], "submitted"), ("publish", "lanhdao", "published")]
        assert plan.published_at == spec["published_at"]
        assert plan.created_by.username == spec["officer"]
        # The published revision holds the plan with its parts.
        published = Version.objects.get_for_object(plan).first()
        assert published.field_dict["status"] == "published"
        assert any(v.content_type.model != "plan" for v in published.revision.version_set.all())


def test_demo_articles_are_submitted_by_the_editor_and_published_by_the_approver(localities):
    load()

    assert Article.objects.published().count() == 5
    for article in Article.objects.all():
        steps = list(article.transitions.order_by("at", "id").values_list("action", "user__username"))
        assert steps == [("submit", "bientap"), ("publish", "lanhdao")]
        assert article.created_by.username == "bientap"


def test_kon_tum_plan_has_its_five_content_groups_in_order(localities):
    load()

    plan = plan_of("UBND tỉnh Kon Tum", number="100/KH-UBND")
    assert plan.topic == Plan.Topic.PROCEDURE_CONTROL
    assert plan.get_topic_display() == "Truyền thông về kiểm soát thủ tục hành chính"
    assert plan.issue_date == datetime.date(2020, 1, 9)
    assert plan.period_label == "2020"
    groups = list(plan.content_groups.all())
    assert [group.position for group in groups] == [1, 2, 3, 4, 5]
    assert "Chủ trương" in groups[0].title
    assert "phê phán" in groups[4].title
    assert {"phat-thanh-truyen-hinh", "truyen-thanh-co-so", "to-roi-to-gap"} <= set(
        plan.channels.values_list("slug", flat=True)
    )


def test_phu_huu_plan_has_its_targets_and_sits_under_quan_9(localities):
    load()

    plan = plan_of("UBND phường Phú Hữu")
    assert plan.locality.path == "O79/H-quan-9/H-phu-huu/"
    assert plan.locality.parent.name == "Quận 9"
    assert plan in Plan.objects.in_locality(localities["O79/"])
    assert plan.number == "" and plan.issue_date is None
    assert plan.published_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).date() == datetime.date(
        2020, 4, 23
    )

    online = plan.targets.get(description__contains="so với tổng số hồ sơ")
    assert (online.comparator, online.value, online.unit) == (Target.Comparator.ABOVE, Decimal("30"), "percent")
    assert online.value_label == "trên 30%"
    assert plan.targets.count() == 9
    assert plan.targets.get(description__contains="bưu chính").value == Decimal("15")

    assert plan.legal_basis_notes.splitlines()[0].startswith("Kế hoạch số 137/KH-UBND ngày 10/04/2020 của UBND Quận 9")
    assert "45/KH-UBND" in plan.legal_basis_notes.splitlines()[1]
    assert "<li>" in plan.purposes
    assert plan.audiences.splitlines() == [
        "Cán bộ, công chức trong các cơ quan hành chính nhà nước", "Các tổ chức chính trị - xã hội",
    ]
    assigned = plan.assignments.select_related("agency")
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam phường Phú Hữu" in [a.agency.name for a in assigned]
    culture = assigned.get(agency__name="Công chức Văn hóa - Thông tin phường Phú Hữu")
    assert culture.agency.kind == Agency.Kind.CIVIL_SERVANT
    assert "Phòng Văn hóa và Thông tin" in culture.responsibilities


def test_cang_long_plan_is_dated_and_led_by_phong_noi_vu(localities):
    load()

    plan = plan_of("UBND huyện Càng Long", number="11/KH-UBND")
    assert plan.issue_date == datetime.date(2024, 2, 19)
    assert plan.period_label == "2024"
    assert plan.locality.path == "O84/O844/"
    lead = plan.assignments.get(is_lead=True)
    assert lead.agency.name == "Phòng Nội vụ huyện Càng Long"
    assert lead.agency.parent.name == "UBND huyện Càng Long"
    assert plan.assignments.count() == 7
    assert {"tuyen-dung", "hop-dinh-ky"} <= set(plan.channels.values_list("slug", flat=True))


def test_plans_without_a_stated_number_or_date_keep_them_blank(localities):
    load()

    for name in ("UBND thành phố Hội An", "Sở Ngoại vụ tỉnh Tây Ninh"):
        plan = plan_of(name)
        assert (plan.number, plan.issue_date, plan.signer_name) == ("", None, "")
    assert plan_of("UBND thành phố Hội An").period_label == "2019"


def test_each_plan_has_a_demo_summary_pdf(localities):
    load()

    for plan in Plan.objects.all():
        attachment = plan.attachments.get()
        assert attachment.title == DEMO_ATTACHMENT_TITLE
        assert attachment.kind == Attachment.Kind.OTHER
        assert attachment.content_type == "application/pdf"
        with attachment.file.open("rb") as handle:
            content = handle.read()
        assert content.startswith(b"%PDF-")
        assert content.rstrip().endswith(b"%%EOF")
        assert b"Ban tom tat du lieu demo" in content
        assert attachment.size == len(content)
        assert attachment.sha256 == hashlib.sha256(content).hexdigest()


def test_officer_of_cang_long_is_a_member_of_its_peoples_committee(localities):
    load()

    officer = get_user_model().objects.get(username="canbo.canglong")
    assert officer.is_staff and not officer.is_superuser
    assert list(Membership.objects.filter(user=officer).values_list("agency__name", flat=True)) == [
        "UBND huyện Càng Long"
    ]
    assert officer.groups.filter(name="Cán bộ truyền thông").exists()
    assert officer.has_perm("plans.change_plan") and officer.has_perm("plans.add_attachment")
    assert not officer.has_perm("plans.publish_plan")
    assert officer.has_perm("plans.view_locality")

    editor = get_user_model().objects.get(username="bientap")
    assert editor.groups.filter(name="Biên tập viên").exists()
    assert editor.has_perm("plans.view_plan") and not editor.has_perm("plans.change_plan")
    assert get_user_model().objects.get(username="admin").is_superuser


def test_new_accounts_are_printed_once_with_a_working_password(localities):
    output = load()

    User = get_user_model()
    printed = dict(re.findall(r"^\s+(admin|canbo\.\w+|bientap)\s.*?(\S+)$", output, re.MULTILINE))
    assert set(printed) == {
        "admin", "canbo.hoian", "canbo.tayninh", "canbo.kontum", "canbo.quan9", "canbo.phuhuu", "canbo.canglong",
        "bientap",
    }
    for username, password in printed.items():
        assert User.objects.get(username=username).check_password(password)

    again = load()
    assert not any(password in again for password in printed.values())
    assert "Tài khoản canbo.canglong đã có: giữ nguyên mật khẩu." in again


def test_running_twice_changes_nothing(localities):
    def snapshot():
        User = get_user_model()
        return {
            "counts": [model.objects.count() for model in (
                Plan, Agency, ContentGroup, Assignment, Target, Attachment, Membership, Group, User, Article,
                Transition, Version,
            )],
            "users": sorted(User.objects.values_list("username", "password")),
            "plans": sorted(Plan.objects.values_list("pk", "slug", "updated_at")),
            "files": sorted(Attachment.objects.values_list("pk", "file", "sha256")),
            "parts": sorted(ContentGroup.objects.values_list("pk", "title")),
        }

    load()
    first = snapshot()
    output = load()

    assert snapshot() == first
    assert first["counts"][0] == 6
    assert "Kế hoạch: 6 giữ nguyên." in output
    assert "tạo mới" not in output


def test_a_changed_demo_plan_is_put_back_on_the_next_run(localities):
    load()
    plan = plan_of("UBND tỉnh Kon Tum")
    plan.title = "Sửa tay"
    plan.save()
    plan.content_groups.first().delete()

    load()

    # Matched by number, not by title: still one Kon Tum plan, restored.
    plan = plan_of("UBND tỉnh Kon Tum")
    assert plan.title.startswith("Kế hoạch truyền thông về hoạt động kiểm soát")
    assert plan.content_groups.count() == 5


def test_an_existing_account_keeps_its_password(localities):
    User = get_user_model()
    User.objects.create_user("canbo.kontum", password="mat-khau-rieng-cua-toi")

    output = load()

    officer = User.objects.get(username="canbo.kontum")
    assert officer.check_password("mat-khau-rieng-cua-toi")
    assert officer.is_staff
    assert officer.memberships.get().agency.name == "UBND tỉnh Kon Tum"
    assert "Tài khoản canbo.kontum đã có: giữ nguyên mật khẩu." in output


def test_without_localities_it_asks_for_import_localities_and_loads_nothing():
    with pytest.raises(CommandError, match="import_localities") as raised:
        load()

    assert "O79/H-quan-9/H-phu-huu/" in str(raised.value)
    assert Plan.objects.count() == Agency.objects.count() == get_user_model().objects.count() == 0


def test_a_single_missing_locality_is_named(localities):
    Locality.objects.filter(path="O84/O844/").delete()

    with pytest.raises(CommandError) as raised:
        load()

    assert "O84/O844/" in str(raised.value)
    assert "O49/O503/" not in str(raised.value)


def test_a_missing_channel_points_to_migrate(localities):
    Channel.objects.filter(slug="tuyen-dung").delete()

    with pytest.raises(CommandError, match="migrate"):
        load()

    assert Plan.objects.count() == 0


def test_a_failed_run_leaves_neither_rows_nor_files(localities, settings, monkeypatch):
    # A broken last entry fails after the five PDFs are written: all of it must go.
    monkeypatch.setattr(demo, "PLANS", [*demo.PLANS, {**demo.PLANS[0], "agency": "khong-co"}])

    with pytest.raises(KeyError):
        load()

    assert Plan.objects.count() == Attachment.objects.count() == 0
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
