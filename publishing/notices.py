"""E-mail notices of the workflow, and who gets them.

- submitted → the approvers of the item's area (the app says who: ``register_approvers``);
- returned → the officer who submitted it, with the approver's comment;
- published → that officer.

Notices leave after the step's transaction commits, on a thread of their own: a mail server
that is slow or down never holds up or undoes the step; its failure is logged. A user who
turned notices off (``NoticePreference``), has no address or is inactive gets none.
"""

import logging
import threading

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from publishing.links import absolute_url
from publishing.models import Status, Transition

logger = logging.getLogger(__name__)

_APPROVERS = {}
_sending = []  # threads still sending, so tests and shutdown can wait for them


def register_approvers(model, approvers):
    """``approvers(item)`` gives the users who may publish ``item`` (a queryset of users)."""
    _APPROVERS[model] = approvers


def reachable(users):
    """``users`` (a queryset) narrowed to those a notice may be sent to."""
    return users.filter(is_active=True).exclude(email="").exclude(notice_preference__email_notices=False)


def approvers_of(item):
    rule = _APPROVERS.get(type(item))
    if rule is None:
        return get_user_model().objects.none()
    return rule(item)


def officer_of(item):
    """Who sent ``item`` for approval last (its author if nobody did), or None."""
    submitted = item.transitions.filter(action="submit").select_related("user").order_by("-at", "-id").first()
    return submitted.user if submitted is not None and submitted.user is not None else item.created_by


def admin_url(item):
    meta = item._meta
    return absolute_url(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk]))


def kind_of(item):
    return item._meta.verbose_name


def messages_for(transition: Transition):
    """The e-mails one workflow step sends (none for a step nobody needs to hear about)."""
    item, action = transition.item, transition.action
    if action == "submit":
        recipients = [user.email for user in reachable(approvers_of(item))]
        subject = f"Chờ duyệt: {kind_of(item)} “{item}”"
        body = (
            f"{kind_of(item).capitalize()} “{item}” vừa được gửi duyệt"
            f"{' bởi ' + _name(transition.user) if transition.user else ''}.\n"
            + (f"Ghi chú: {transition.comment}\n" if transition.comment else "")
            + f"\nXem và duyệt: {admin_url(item)}\n"
        )
    elif action in ("return", "publish"):
        officer = officer_of(item)
        recipients = [officer.email] if officer is not None and reachable(
            get_user_model().objects.filter(pk=officer.pk)).exists() else []
        if action == "return":
            subject = f"Bị trả lại: {kind_of(item)} “{item}”"
            body = (
                f"Người duyệt đã trả lại {kind_of(item)} “{item}” để sửa.\n\n"
                f"Nội dung cần sửa:\n{transition.comment}\n\nSửa tại: {admin_url(item)}\n"
            )
        else:
            public = absolute_url(item.get_absolute_url()) if hasattr(item, "get_absolute_url") else ""
            if item.is_scheduled:
                when = timezone.localtime(item.published_at)
                subject = f"Đã duyệt, hẹn công bố {when:%H:%M %d/%m/%Y}: {kind_of(item)} “{item}”"
                body = f"{kind_of(item).capitalize()} “{item}” đã được duyệt và sẽ tự công bố lúc {when:%H:%M ngày %d/%m/%Y}.\n"
            else:
                subject = f"Đã công bố: {kind_of(item)} “{item}”"
                body = f"{kind_of(item).capitalize()} “{item}” đã được duyệt và công bố.\n"
            body += f"Trang công khai: {public}\n" if public and item.status == Status.PUBLISHED else ""
    else:
        return []
    footer = f"\n--\nTắt thư thông báo: {absolute_url(reverse('admin:notice-settings'))}\n"
    return [EmailMessage(subject, body + footer, to=[address]) for address in dict.fromkeys(recipients)]


def _name(user):
    return user.get_full_name() or user.get_username()


def notify(transition):
    """Send the notices of ``transition`` once its transaction has committed."""
    try:
        messages = messages_for(transition)
    except Exception:  # a notice must never undo the step it reports
        logger.exception("Could not prepare the notices of step %s", transition.pk)
        return
    if messages:
        transaction.on_commit(lambda: _dispatch(messages))


def _dispatch(messages):
    if not settings.NOTICES_IN_BACKGROUND:
        send(messages)
        return
    thread = threading.Thread(target=send, args=(messages,), name="notices", daemon=True)
    _sending.append(thread)
    thread.start()


def send(messages):
    """Send ``messages``; a failure is logged, never raised. Returns how many were sent."""
    try:
        with get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT) as connection:
            return connection.send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send %d notice(s) to %s", len(messages),
                         ", ".join(address for message in messages for address in message.to))
        return 0
    finally:
        current = threading.current_thread()
        if current in _sending:
            _sending.remove(current)


def wait_for_notices(timeout=30):
    """Wait for the notices still being sent (tests; a command that ends the process)."""
    for thread in list(_sending):
        thread.join(timeout)
