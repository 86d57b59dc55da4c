"""The editorial workflow for plans and articles: draft → submitted → published (→ withdrawn).

Every step goes through ``perform``, which checks the state and the user's
right, records a ``Transition`` and saves a revision in the history. Nothing
else changes ``status``: the admin form shows it read-only.
"""

from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from portal.access import can_publish, in_scope
from portal.models import Status, Transition


class WorkflowError(Exception):
    """A step that the item's state does not allow, or that lacks its comment."""


@dataclass(frozen=True)
class Action:
    label: str
    sources: tuple
    target: str
    approver_only: bool
    comment_label: str = ""
    comment_required: bool = False


ACTIONS = {
    "submit": Action("Gửi duyệt", (Status.DRAFT,), Status.SUBMITTED, approver_only=False,
                     comment_label="Ghi chú cho người duyệt"),
    "return": Action("Trả lại để sửa", (Status.SUBMITTED,), Status.DRAFT, approver_only=True,
                     comment_label="Nội dung cần sửa", comment_required=True),
    "publish": Action("Duyệt và công bố", (Status.SUBMITTED,), Status.PUBLISHED, approver_only=True,
                      comment_label="Ghi chú"),
    "withdraw": Action("Thu hồi", (Status.PUBLISHED,), Status.WITHDRAWN, approver_only=True,
                       comment_label="Lý do thu hồi (hiện công khai)", comment_required=True),
}


def may(user, item, action):
    """Whether ``user`` may take ``action`` on ``item`` now (state, permission and scope)."""
    spec = ACTIONS[action]
    if item.status not in spec.sources:
        return False
    model = type(item)
    if spec.approver_only:
        allowed = can_publish(user, model)
    else:
        allowed = user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    return allowed and in_scope(item, user)


def available_actions(user, item):
    return [name for name in ACTIONS if may(user, item, name)]


def perform(item, action, *, by, comment="", publish_at=None):
    """Take one workflow step on ``item`` as user ``by``; return the recorded Transition.

    ``publish_at`` (publish only) schedules the item: it becomes public by itself at
    that time. Raises PermissionDenied or WorkflowError, changing nothing.
    """
    spec = ACTIONS[action]
    comment = (comment or "").strip()
    if item.status not in spec.sources:
        raise WorkflowError(f"Không thể “{spec.label}” khi đang ở trạng thái “{item.get_status_display()}”.")
    if not may(by, item, action):
        raise PermissionDenied(f"Bạn không có quyền “{spec.label}” mục này.")
    if spec.comment_required and not comment:
        raise WorkflowError(f"Cần nhập “{spec.comment_label}”.")

    now = timezone.now()
    previous = item.status
    item.status = spec.target
    fields = ["status"]
    if action == "publish":
        item.published_at = publish_at or now
        fields.append("published_at")
    elif action == "withdraw":
        item.withdrawn_at, item.withdrawn_reason = now, comment
        fields += ["withdrawn_at", "withdrawn_reason"]
    with transaction.atomic(), reversion.create_revision():
        item.save(update_fields=[*fields, "updated_at"])
        reversion.set_user(by)
        reversion.set_comment(f"{spec.label}{': ' + comment if comment else ''}")
        return Transition.objects.create(
            item=item, from_status=previous, to_status=spec.target, action=action, comment=comment, user=by, at=now,
        )
