"""Revision history of plans and articles: recorded on every admin save, listed, compared,
restored with the plan's parts, scoped like the rest of the admin, and summarised on the
public plan page."""

import datetime

import pytest
import reversion
from django.core.files import File
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from reversion.models import Version

from news.models import Article
from plans.models import Channel, ContentGroup, Plan
from publishing.workflow import publish, submit, withdraw
from tests.factories import PlanFactory
from tests.news.factories import ArticleFactory
from tests.plans.test_admin_drafting import plan_form
from tests.plans.test_plan_page import count_queries

GROUPS = [
    {"title": "Vai trò của cải cách hành chính", "body": "<p>Giới thiệu mục tiêu cải cách.</p>"},
    {"title": "Dịch vụ công trực tuyến", "body": "<p>Hướng dẫn nộp hồ sơ trên Cổng dịch vụ công.</p>"},
]


def url(view, item, *args):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_{view}", args=[item.pk, *args])


def shown_value(bound):
    """What a browser posts for a field as the form shows it (None: nothing)."""
    value = bound.value()
    if value is None or value is False or isinstance(value, File):
        return None
    if value is True:
        return "on"
    shown = bound.field.widget.format_value(value)
    return [str(item) for item in value] if isinstance(value, (list, tuple)) else shown


def form_as_shown(response):
    """The data a browser posts back from an admin change form it was shown, untouched."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = shown_value(form[name])
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


def drafted_plan(client, officer, agency, channels=("bao-chi",)):
    """A plan an officer has just added in the admin, with two content groups."""
    client.force_login(officer)
    data = plan_form(agency, content_groups=GROUPS)
    data["channels"] = [channel.pk for channel in Channel.objects.filter(slug__in=channels)]
    response = client.post(reverse("admin:plans_plan_add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return Plan.objects.get()


def edit(client, item, change):
    """Open the item's change form, let ``change`` alter the data, post it back."""
    data = form_as_shown(client.get(url("change", item)))
    change(data)
    response = client.post(url("change", item), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


def versions_of(item):
    return Version.objects.get_for_object(item).select_related("revision__user")


def group_titles(plan):
    return list(ContentGroup.objects.filter(plan=plan).values_list("title", flat=True))


def rename_first_group(title):
    def change(data):
        data["content_groups-0-title"] = title
    return change


def delete_second_group(data):
    data["content_groups-1-DELETE"] = "on"


# Recording


def test_adding_and_changing_a_plan_records_revisions_with_user_comment_parts_and_channels(client, officer_b, unit_b):
    plan = drafted_plan(client, officer_b, unit_b)
    press, radio = Channel.objects.get(slug="bao-chi"), Channel.objects.exclude(slug="bao-chi").first()

    def change(data):
        rename_first_group("Vai trò, ý nghĩa của cải cách hành chính")(data)
        data["channels"] = [str(press.pk), str(radio.pk)]

    edit(client, plan, change)

    changed, added = versions_of(plan)
    assert (added.revision.user, changed.revision.user) == (officer_b, officer_b)
    assert added.revision.comment and "Vai trò, ý nghĩa của cải cách hành chính" in changed.revision.comment
    assert added.field_dict["channels"] == [press.pk]
    assert sorted(changed.field_dict["channels"]) == sorted([press.pk, radio.pk])
    groups_then = {v.field_dict["title"] for v in added.revision.version_set.all() if v._model is ContentGroup}
    groups_now = {v.field_dict["title"] for v in changed.revision.version_set.all() if v._model is ContentGroup}
    assert groups_then == {group["title"] for group in GROUPS}
    assert groups_now == {"Vai trò, ý nghĩa của cải cách hành chính", GROUPS[1]["title"]}


def test_a_workflow_step_is_a_revision_too(client, officer_b, unit_b):
    plan = drafted_plan(client, officer_b, unit_b)

    submit(item=plan, by=officer_b, comment="Kính trình lãnh đạo")

    latest = versions_of(plan).first()
    assert latest.revision.user == officer_b
    assert latest.revision.comment == "Gửi duyệt: Kính trình lãnh đạo"
    assert latest.field_dict["status"] == Plan.Status.SUBMITTED


def test_adding_and_changing_an_article_records_revisions_with_user_and_comment(client, editor, district):
    from tests.news.test_admin import article_form

    client.force_login(editor)
    response = client.post(reverse("admin:news_article_add"), article_form(locality=district.pk))
    assert response.status_code == 302
    article = Article.objects.get()

    edit(client, article, lambda data: data.update(summary="Tóm tắt đã sửa sau góp ý của phòng."))

    changed, added = versions_of(article)
    assert (added.revision.user, changed.revision.user) == (editor, editor)
    assert added.revision.comment and changed.revision.comment
    assert changed.field_dict["summary"] == "Tóm tắt đã sửa sau góp ý của phòng."


def test_restoring_an_article_brings_back_its_text_but_not_its_state_or_view_count(
    client, editor, approver, district,
):
    from tests.news.test_admin import article_form

    client.force_login(editor)
    client.post(reverse("admin:news_article_add"), article_form(locality=district.pk))
    article = Article.objects.get()
    submit(item=article, by=editor)
    publish(item=article, by=approver)
    client.force_login(approver)
    edit(client, article, lambda data: data.update(summary="Tóm tắt sửa sau khi đăng."))
    Article.objects.filter(pk=article.pk).update(view_count=42)
    draft_version = versions_of(article).last()

    shown = client.get(url("revision", article, draft_version.pk))
    response = client.post(url("revision", article, draft_version.pk), form_as_shown(shown))

    assert response.status_code == 302
    restored = Article.objects.get(pk=article.pk)
    assert restored.summary == article_form()["summary"]
    assert (restored.status, restored.view_count) == (Article.Status.PUBLISHED, 42)
    assert Article.objects.published().filter(pk=article.pk).exists()


# History list and comparison


def test_history_lists_revisions_and_compare_shows_the_changed_group_text(client, officer_b, unit_b):
    plan = drafted_plan(client, officer_b, unit_b)
    edit(client, plan, rename_first_group("Ý nghĩa của cải cách hành chính đối với người dân"))
    newer, older = versions_of(plan)

    history = client.get(url("history", plan))
    compare = client.get(url("compare", plan), {"version_id1": older.pk, "version_id2": newer.pk})

    assert history.status_code == 200
    page = history.content.decode().split('id="change-history"')[1]
    assert page.count(officer_b.username) == 2
    assert timezone.localtime(newer.revision.date_created).strftime("%d/%m/%Y %H:%M") in page
    assert url("revision", plan, older.pk) in page
    assert compare.status_code == 200
    diff = compare.content.decode()
    assert "<h3>Nội dung tuyên truyền</h3>" in diff
    assert "<del>Vai trò</del><ins>Ý nghĩa</ins> của cải cách hành chính<ins> đối với người dân</ins>" in diff
    assert "<h3>Cơ quan ban hành</h3>" not in diff  # unchanged fields are not listed


def test_compare_shows_channels_added_and_removed(client, officer_b, unit_b):
    plan = drafted_plan(client, officer_b, unit_b)
    radio = Channel.objects.exclude(slug="bao-chi").first()
    edit(client, plan, lambda data: data.update(channels=[str(radio.pk)]))
    newer, older = versions_of(plan)

    page = client.get(url("compare", plan), {"version_id1": older.pk, "version_id2": newer.pk}).content.decode()

    assert f"<ins>+ {radio.name}</ins>" in page
    assert f"<del>- {Channel.objects.get(slug='bao-chi').name}</del>" in page


# Restoring


def test_restoring_an_earlier_revision_brings_back_a_deleted_group_and_the_channels(client, officer_b, unit_b):
    plan = drafted_plan(client, officer_b, unit_b)
    first = versions_of(plan).get()
    edit(client, plan, lambda data: (delete_second_group(data), data.update(channels=[])))
    assert group_titles(plan) == [GROUPS[0]["title"]]
    assert not plan.channels.exists()

    shown = client.get(url("revision", plan, first.pk))
    assert shown.status_code == 200
    assert GROUPS[1]["title"] in shown.content.decode()
    assert group_titles(plan) == [GROUPS[0]["title"]]  # looking changes nothing
    response = client.post(url("revision", plan, first.pk), form_as_shown(shown))

    assert response.status_code == 302
    assert group_titles(plan) == [group["title"] for group in GROUPS]
    restored = ContentGroup.objects.get(plan=plan, title=GROUPS[1]["title"])
    assert restored.body == GROUPS[1]["body"]
    assert list(plan.channels.values_list("slug", flat=True)) == ["bao-chi"]
    latest = versions_of(plan).first()
    assert latest.revision.user == officer_b
    assert latest.revision.comment.startswith("Khôi phục phiên bản lưu lúc ")
    assert Plan.objects.get(pk=plan.pk).search_text.count("dich vu cong truc tuyen") == 1


@pytest.fixture
def published_plan(client, officer_b, approver, unit_b):
    """Drafted by the officer, published by the approver, then corrected by the approver."""
    plan = drafted_plan(client, officer_b, unit_b)
    submit(item=plan, by=officer_b)
    publish(item=plan, by=approver)
    client.force_login(approver)
    edit(client, plan, lambda data: (rename_first_group("Nhóm đã sửa sau khi công bố")(data), delete_second_group(data)))
    return Plan.objects.get(pk=plan.pk)


def test_restoring_a_draft_revision_of_a_published_plan_keeps_it_published(client, approver, published_plan):
    plan = published_plan
    draft_version = versions_of(plan).last()
    assert draft_version.field_dict["status"] == Plan.Status.DRAFT

    shown = client.get(url("revision", plan, draft_version.pk))
    assert "Đã công bố" in shown.content.decode()
    response = client.post(url("revision", plan, draft_version.pk), form_as_shown(shown))

    assert response.status_code == 302
    restored = Plan.objects.get(pk=plan.pk)
    assert group_titles(restored) == [group["title"] for group in GROUPS]
    assert (restored.status, restored.published_at) == (Plan.Status.PUBLISHED, plan.published_at)
    assert Plan.objects.published().filter(pk=plan.pk).exists()
    assert versions_of(plan).first().field_dict["status"] == Plan.Status.PUBLISHED


def test_restoring_a_revision_from_before_withdrawal_keeps_the_withdrawal(client, approver, published_plan):
    withdraw(item=published_plan, by=approver, comment="Ban hành nhầm số ký hiệu")
    withdrawn = Plan.objects.get(pk=published_plan.pk)
    before = versions_of(withdrawn).filter(serialized_data__contains='"status": "published"').first()

    shown = client.get(url("revision", withdrawn, before.pk))
    client.post(url("revision", withdrawn, before.pk), form_as_shown(shown))

    after = Plan.objects.get(pk=withdrawn.pk)
    assert after.status == Plan.Status.WITHDRAWN
    assert (after.withdrawn_at, after.withdrawn_reason) == (withdrawn.withdrawn_at, "Ban hành nhầm số ký hiệu")


def test_an_officer_cannot_restore_a_published_plan(client, officer_b, published_plan):
    draft_version = versions_of(published_plan).last()
    client.force_login(officer_b)

    shown = client.get(url("revision", published_plan, draft_version.pk))
    posted = client.post(url("revision", published_plan, draft_version.pk), {})

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert group_titles(published_plan) == ["Nhóm đã sửa sau khi công bố"]
    assert Plan.objects.get(pk=published_plan.pk).status == Plan.Status.PUBLISHED


def test_save_as_new_from_a_revision_is_refused(client, officer_b, unit_b):
    plan = drafted_plan(client, officer_b, unit_b)
    first = versions_of(plan).get()

    data = form_as_shown(client.get(url("revision", plan, first.pk))) | {"_saveasnew": "Lưu thành bản mới"}
    response = client.post(url("revision", plan, first.pk), data)

    assert response.status_code == 403
    assert Plan.objects.count() == 1


# Scoping


def test_another_units_history_revisions_and_comparison_are_not_found(client, officer_a, officer_b, unit_b):
    plan = drafted_plan(client, officer_b, unit_b)
    edit(client, plan, rename_first_group("Nhóm đổi tên"))
    newer, older = versions_of(plan)
    client.force_login(officer_a)

    assert client.get(url("history", plan)).status_code == 404
    assert client.get(url("revision", plan, older.pk)).status_code == 404
    assert client.post(url("revision", plan, older.pk), {}).status_code == 404
    assert client.get(url("compare", plan), {"version_id1": older.pk, "version_id2": newer.pk}).status_code == 404
    assert group_titles(plan) == ["Nhóm đổi tên", GROUPS[1]["title"]]


def test_a_version_of_another_item_cannot_be_restored_through_a_plan(client, officer_b, unit_b, superuser):
    plan = drafted_plan(client, officer_b, unit_b)
    with reversion.create_revision():
        article = ArticleFactory()
    foreign = Version.objects.get_for_object(article).get()
    client.force_login(superuser)

    assert client.get(url("revision", plan, foreign.pk)).status_code == 404


def test_there_is_no_recover_deleted_list(client, superuser):
    client.force_login(superuser)

    with pytest.raises(NoReverseMatch):
        reverse("admin:plans_plan_recoverlist")
    with pytest.raises(NoReverseMatch):
        reverse("admin:news_article_recoverlist")
    assert "recover" not in client.get(reverse("admin:plans_plan_changelist")).content.decode()
    assert "recover" not in client.get(reverse("admin:news_article_changelist")).content.decode()


# The public plan page


def save_revision(plan, at, **changes):
    for name, value in changes.items():
        setattr(plan, name, value)
    with reversion.create_revision():
        plan.save()
        reversion.set_date_created(at)


def test_plan_page_shows_the_last_update_and_the_dates_of_its_published_revisions(client, unit_b):
    published_at = timezone.make_aware(datetime.datetime(2024, 3, 1, 8, 0))
    plan = PlanFactory(agency=unit_b, status=Plan.Status.DRAFT, published_at=None)
    save_revision(plan, published_at - datetime.timedelta(days=3))  # a draft
    save_revision(plan, published_at, status=Plan.Status.PUBLISHED, published_at=published_at)
    for day in range(1, 7):
        save_revision(plan, published_at + datetime.timedelta(days=day, hours=1), signer_name=f"Người ký {day}")

    page = client.get(plan.get_absolute_url()).content.decode()

    updated = timezone.localtime(Plan.objects.get(pk=plan.pk).updated_at)
    assert f"Cập nhật lần cuối</dt><dd><time datetime=\"{updated:%Y-%m-%dT%H:%M%z}\">{updated:%d/%m/%Y %H:%M}</time>" in page
    listed = page.split('id="lich-su-cap-nhat"')[1].split("</ul>")[0]
    assert [line.split(">")[-1] for line in listed.split("</time>")[:-1]] == [
        "07/03/2024 09:00", "06/03/2024 09:00", "05/03/2024 09:00", "04/03/2024 09:00", "03/03/2024 09:00",
    ]


def test_edits_while_scheduled_or_in_draft_are_not_listed(client, unit_b):
    plan = PlanFactory(agency=unit_b, status=Plan.Status.DRAFT, published_at=None)
    save_revision(plan, timezone.now() - datetime.timedelta(days=5))
    publish_at = timezone.now() - datetime.timedelta(days=1)
    save_revision(plan, timezone.now() - datetime.timedelta(days=3), status=Plan.Status.PUBLISHED, published_at=publish_at)

    page = client.get(plan.get_absolute_url()).content.decode()

    assert "Cập nhật lần cuối" in page
    assert 'id="lich-su-cap-nhat"' not in page


def test_plan_page_query_count_does_not_grow_with_its_revisions(client, unit_b):
    plan = PlanFactory(agency=unit_b)
    save_revision(plan, timezone.now())
    baseline = count_queries(client, plan.get_absolute_url())

    for _ in range(8):
        save_revision(plan, timezone.now(), signer_name="Nguyễn Văn A")

    assert count_queries(client, plan.get_absolute_url()) == baseline
