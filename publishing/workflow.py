"""The editorial workflow for plans and articles: draft → submitted → published (→ withdrawn).

Four services, one per step, keyword-only: ``submit``, ``return_for_changes``,
``publish`` and ``withdraw``. Each checks the item's state once and the user's right
(permission and scope) once, records a ``Transition`` and saves a revision in the
history, and sends its e-mail notices once saved (``publishing.notices``). Nothing else changes ``status``: the admin form shows it read-only, and the
demo loaders go through these services too.
"""

from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from publishing.access import can_publish, in_scope
from publishing.models import Status, Transition
from publishing.notices import notify


class WorkflowError(Exception):
    """A step that the item's state does not allow, or that lacks its comment."""


@dataclass(frozen=True)
class Step:
    label: str
    sources: tuple
    target: str
    approver_only: bool
    comment_label: str = ""
    comment_required: bool = False


# By the name the admin's URLs use (…/quy-trinh/<name>/).
STEPS = {
    "submit": Step("Gửi duyệt", (Status.DRAFT,), Status.SUBMITTED, approver_only=False,
                   comment_label="Ghi chú cho người duyệt"),
    "return": Step("Trả lại để sửa", (Status.SUBMITTED,), Status.DRAFT, approver_only=True,
                   comment_label="Nội dung cần sửa", comment_required=True),
    "publish": Step("Duyệt và công bố", (Status.SUBMITTED,), Status.PUBLISHED, approver_only=True,
                    comment_label="Ghi chú"),
    "withdraw": Step("Thu hồi", (Status.PUBLISHED,), Status.WITHDRAWN, approver_only=True,
                     comment_label="Lý do thu hồi (hiện công khai)", comment_required=True),
}


def _allowed(user, item, step):
    """The user's permission for the step on this kind of item, and the item in their scope."""
    model = type(item)
    if step.approver_only:
        permitted = can_publish(user, model)
    else:
        permitted = user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    return permitted and in_scope(item, user)


def may(user, item, name):
    """Whether ``user`` may take step ``name`` on ``item`` now (state, permission and scope)."""
    step = STEPS[name]
    return item.status in step.sources and _allowed(user, item, step)


def available_steps(user, item):
    return [name for name in STEPS if may(user, item, name)]


def submit(*, item, by, comment=""):
    """Send a draft to the approvers of its unit."""
    return _take("submit", item, by, comment)


def return_for_changes(*, item, by, comment):
    """Send a submitted item back to draft; ``comment`` says what to change."""
    return _take("return", item, by, comment)


def publish(*, item, by, comment="", at=None):
    """Publish a submitted item now, or at ``at``: it becomes public by itself at that time."""
    return _take("publish", item, by, comment, published_at=at or timezone.now())


def withdraw(*, item, by, comment):
    """Take a published item off the listings; ``comment`` is the reason shown on its page."""
    now = timezone.now()
    return _take("withdraw", item, by, comment, withdrawn_at=now, withdrawn_reason=(comment or "").strip())


SERVICES = {"submit": submit, "return": return_for_changes, "publish": publish, "withdraw": withdraw}


def _take(name, item, by, comment, **changes):
    """Check, change, log and version one step; raises PermissionDenied or WorkflowError, changing nothing."""
    step = STEPS[name]
    comment = (comment or "").strip()
    if item.status not in step.sources:
        raise WorkflowError(f"Không thể “{step.label}” khi đang ở trạng thái “{item.get_status_display()}”.")
    if not _allowed(by, item, step):
        raise PermissionDenied(f"Bạn không có quyền “{step.label}” mục này.")
    if step.comment_required and not comment:
        raise WorkflowError(f"Cần nhập “{step.comment_label}”.")

    previous, now = item.status, timezone.now()
    item.status = step.target
    for field, value in changes.items():
        setattr(item, field, value)
    with transaction.atomic(), reversion.create_revision():
        item.save(update_fields=["status", *changes, "updated_at"])
        reversion.set_user(by)
        reversion.set_comment(f"{step.label}{': ' + comment if comment else ''}")
        transition = Transition.objects.create(
            item=item, from_status=previous, to_status=step.target, action=name, comment=comment, user=by, at=now,
        )
        notify(transition)
        return transition
