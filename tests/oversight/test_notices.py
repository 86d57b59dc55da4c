"""E-mail notices of the workflow, and the monthly reminders (``manage.py send_reminders``)."""

import datetime
import io
import logging

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan
from publishing.models import NoticePreference, Status
from publishing.notices import wait_for_notices
from publishing.roles import APPROVER
from publishing.workflow import publish, return_for_changes, submit
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory, member


class BrokenMailServer(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def addresses(officer_a, approver):
    officer_a.email, approver.email = "canbo.a@xa.example.vn", "lanhdao@huyen.example.vn"
    officer_a.save()
    approver.save()


@pytest.fixture(autouse=True)
def in_the_foreground(settings):
    settings.NOTICES_IN_BACKGROUND = False


def test_submitting_tells_the_approvers_of_the_area_and_nobody_else(
    django_capture_on_commit_callbacks, addresses, officer_a, approver, unit_a,
):
    elsewhere = AgencyFactory(locality=LocalityFactory(short_name="Bến Tre"))
    member("lanhdao.bentre", APPROVER, elsewhere, email="lanhdao@bentre.example.vn")
    plan = DraftPlanFactory(agency=unit_a, title="Kế hoạch tuyên truyền năm 2024 của xã")

    with django_capture_on_commit_callbacks(execute=True):
        submit(item=plan, by=officer_a, comment="Kính trình duyệt")

    assert [message.to for message in mail.outbox] == [["lanhdao@huyen.example.vn"]]
    message = mail.outbox[0]
    assert "Chờ duyệt" in message.subject and "Kế hoạch tuyên truyền năm 2024 của xã" in message.subject
    assert "Kính trình duyệt" in message.body
    assert reverse("admin:plans_plan_change", args=[plan.pk]) in message.body


def test_returning_sends_the_comment_and_publishing_the_link_to_the_officer(
    django_capture_on_commit_callbacks, addresses, officer_a, approver, unit_a,
):
    plan = DraftPlanFactory(agency=unit_a)
    submit(item=plan, by=officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        return_for_changes(item=plan, by=approver, comment="Ghi rõ ngày ban hành.")
    assert mail.outbox[-1].to == ["canbo.a@xa.example.vn"]
    assert "Bị trả lại" in mail.outbox[-1].subject and "Ghi rõ ngày ban hành." in mail.outbox[-1].body

    submit(item=plan, by=officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        publish(item=plan, by=approver)
    assert mail.outbox[-1].to == ["canbo.a@xa.example.vn"]
    assert "Đã công bố" in mail.outbox[-1].subject and plan.get_absolute_url() in mail.outbox[-1].body


def test_a_user_who_turned_notices_off_gets_none(
    client, django_capture_on_commit_callbacks, addresses, officer_a, approver, unit_a,
):
    client.force_login(approver)
    response = client.post(reverse("admin:notice-settings"), {})  # the box left unticked
    assert response.status_code == 302
    assert NoticePreference.objects.get(user=approver).email_notices is False

    with django_capture_on_commit_callbacks(execute=True):
        submit(item=DraftPlanFactory(agency=unit_a), by=officer_a)
    assert mail.outbox == []


def test_a_failing_mail_server_is_logged_and_the_step_still_happens(
    settings, caplog, django_capture_on_commit_callbacks, addresses, officer_a, approver, unit_a,
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    plan = DraftPlanFactory(agency=unit_a)
    with caplog.at_level(logging.ERROR, logger="publishing.notices"):
        with django_capture_on_commit_callbacks(execute=True):
            submit(item=plan, by=officer_a)
    assert Plan.objects.get(pk=plan.pk).status == Status.SUBMITTED
    assert "Could not send 1 notice(s) to lanhdao@huyen.example.vn" in caplog.text


def test_in_the_background_a_slow_or_broken_server_does_not_hold_the_step(
    settings, caplog, client, django_capture_on_commit_callbacks, addresses, officer_a, approver, unit_a,
):
    settings.NOTICES_IN_BACKGROUND = True
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    plan = DraftPlanFactory(agency=unit_a)
    client.force_login(officer_a)
    url = reverse("admin:plans_plan_workflow", args=[plan.pk, "submit"])
    with caplog.at_level(logging.ERROR, logger="publishing.notices"):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"comment": ""}).status_code == 302
        wait_for_notices()
    assert Plan.objects.get(pk=plan.pk).status == Status.SUBMITTED
    assert "Could not send" in caplog.text


def test_reminders_list_exactly_the_units_without_a_plan(addresses, approver, province, district, commune, unit_a):
    PlanFactory(agency=unit_a, period_start=2024)
    missing_commune = LocalityFactory(short_name="Tân An", kind="xa", parent=district)
    PlanFactory(agency=AgencyFactory(locality=missing_commune), period_start=2023)  # another year's plan

    out = io.StringIO()
    call_command("send_reminders", "--year", "2024", stdout=out)

    assert "Đã gửi 1/1 thư nhắc" in out.getvalue()
    [message] = mail.outbox
    assert message.to == ["lanhdao@huyen.example.vn"]
    listed = [line[2:].split(" (")[0] for line in message.body.splitlines() if line.startswith("- ")]
    assert sorted(listed) == sorted([district.name, missing_commune.name])
    assert commune.name not in listed and province.name not in listed  # covered, or above the approver


def test_reminders_skip_approvers_with_nothing_missing_and_a_dry_run_sends_nothing(addresses, approver, district, commune, unit_a):
    PlanFactory(agency=unit_a)
    PlanFactory(agency=AgencyFactory(locality=district))
    out = io.StringIO()
    call_command("send_reminders", "--year", "2024", "--dry-run", stdout=out)
    assert mail.outbox == [] and "0 thư" in out.getvalue()


def test_a_scheduled_publication_says_when_it_will_appear(
    django_capture_on_commit_callbacks, addresses, officer_a, approver, unit_a,
):
    plan = DraftPlanFactory(agency=unit_a)
    submit(item=plan, by=officer_a)
    at = timezone.now() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        publish(item=plan, by=approver, at=at)
    assert "hẹn công bố" in mail.outbox[-1].subject
    assert f"{timezone.localtime(at):%d/%m/%Y}" in mail.outbox[-1].body
