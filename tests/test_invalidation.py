"""What a write invalidates: only what readers can see moves the content version (issue #20)."""

from plans.models import Channel, ContentGroup, Target
from publishing.cache import content_version
from publishing.workflow import publish, return_for_changes, submit, withdraw
from tests.factories import DraftPlanFactory, PlanFactory
from tests.news.factories import DraftArticleFactory


def test_drafting_submitting_and_returning_keep_every_cached_page(officer_b, approver, unit_b):
    published = PlanFactory(agency=unit_b)
    before = content_version()
    plan = DraftPlanFactory(agency=unit_b)
    plan.title = "Kế hoạch sửa lần hai"
    plan.save()
    ContentGroup.objects.create(plan=plan, title="Nhóm nội dung", body="<p>Nội dung.</p>")
    plan.channels.set(Channel.objects.all()[:2])
    plan.legal_basis_plans.add(published)  # the published plan's page lists no draft
    submit(item=plan, by=officer_b)
    return_for_changes(item=plan, by=approver, comment="Sửa lại trích yếu")
    assert content_version() == before


def test_publishing_editing_and_withdrawing_a_public_plan_each_move_the_version_once(officer_b, approver, unit_b):
    plan = DraftPlanFactory(agency=unit_b)
    submit(item=plan, by=officer_b)
    version = content_version()
    publish(item=plan, by=approver)
    assert content_version() == version + 1

    Target.objects.create(plan=plan, description="Số tin bài đăng trên cổng", value=12)
    assert content_version() == version + 2
    plan.channels.set(Channel.objects.all()[:1])
    assert content_version() == version + 3  # one change of the list, not one per signal

    withdraw(item=plan, by=approver, comment="Ban hành nhầm")
    assert content_version() == version + 4


def test_an_article_draft_moves_nothing_and_reference_data_always_does(editor, unit_b):
    version = content_version()
    article = DraftArticleFactory(created_by=editor)
    article.summary = "Tóm tắt mới"
    article.save()
    assert content_version() == version

    channel = Channel.objects.first()
    channel.name = channel.name + " "
    channel.save()
    assert content_version() == version + 1
