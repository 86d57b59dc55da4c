"""What waits for a user at the top of the admin: items to approve, items returned for changes.

An approver sees every submitted item of their area, oldest first, with its unit and the days
it has waited; an officer or editor sees their unit's drafts an approver sent back, with the
comment. Both go through the same scope rules as the admin lists, so nobody sees another
unit's items. A model names the relation that tells its unit in ``WORKFLOW_UNIT``.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from publishing.access import can_publish, scoped
from publishing.models import Status, Transition

SHOWN = 20


@dataclass(frozen=True)
class QueueItem:
    title: str
    unit: str
    since: object  # when it was submitted or returned
    comment: str
    url: str

    @property
    def days(self):
        return (timezone.now() - self.since).days if self.since else None


@dataclass(frozen=True)
class Queue:
    key: str  # "waiting" or "returned"
    title: str  # "Kế hoạch chờ duyệt"
    count: int
    items: list
    more_url: str  # the admin list with all of them


def _last(model, *, action=None, field="at"):
    transitions = Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"),
    )
    if action:
        transitions = transitions.filter(action=action)
    return Subquery(transitions.order_by("-at", "-id").values(field)[:1])


def _items(queryset, model, since_field, comment_field=None):
    unit = getattr(model, "WORKFLOW_UNIT", None)
    if unit:
        queryset = queryset.select_related(unit)
    info = model._meta
    return [
        QueueItem(
            title=str(item), unit=str(getattr(item, unit) or "") if unit else "",
            since=getattr(item, since_field), comment=getattr(item, comment_field) if comment_field else "",
            url=reverse(f"admin:{info.app_label}_{info.model_name}_change", args=[item.pk]),
        )
        for item in queryset[:SHOWN]
    ]


def waiting_for_approval(user, model):
    """Submitted items the user may publish, oldest submission first; None if they approve nothing."""
    if not can_publish(user, model):
        return None
    waiting = scoped(model._default_manager.filter(status=Status.SUBMITTED), user).annotate(
        submitted_on=_last(model, action="submit"),
    ).order_by("submitted_on", "pk")
    info = model._meta
    return Queue(
        "waiting", f"{info.verbose_name_plural.capitalize()} chờ duyệt", waiting.count(),
        _items(waiting, model, "submitted_on"),
        reverse(f"admin:{info.app_label}_{info.model_name}_changelist") + f"?status__exact={Status.SUBMITTED}",
    )


def returned_to(user, model):
    """Drafts of the user's unit that an approver sent back, newest first, with the comment.

    For an approver, only those they sent for approval themselves: the others' returns are
    their officers' to mend."""
    info = model._meta
    if not user.has_perm(f"{info.app_label}.change_{info.model_name}"):
        return None
    returned = scoped(model._default_manager.filter(status=Status.DRAFT), user).annotate(
        last_action=_last(model, field="action"),
        returned_on=_last(model, action="return"),
        return_comment=_last(model, action="return", field="comment"),
        submitted_by=_last(model, action="submit", field="user"),
    ).filter(last_action="return")
    if can_publish(user, model):
        returned = returned.filter(Q(submitted_by=user.pk))
    returned = returned.order_by("-returned_on", "-pk")
    return Queue(
        "returned", f"{info.verbose_name_plural.capitalize()} bị trả lại", returned.count(),
        _items(returned, model, "returned_on", "return_comment"),
        reverse(f"admin:{info.app_label}_{info.model_name}_changelist") + f"?status__exact={Status.DRAFT}",
    )


def queues_for(user, models):
    """The queues of ``user`` over ``models`` (each a Publishable): approvers have a "chờ duyệt" one
    per model, whoever drafts has a "bị trả lại" one; empty ones are shown too, as good news."""
    queues = []
    for model in models:
        queues += [queue for queue in (waiting_for_approval(user, model), returned_to(user, model)) if queue]
    return queues


def last_return(item):
    """The approver's return of ``item`` if that is the last thing that happened to it, else None."""
    if item.pk is None or item.status != Status.DRAFT:
        return None
    last = item.transitions.select_related("user").order_by("-at", "-id").first()
    return last if last is not None and last.action == "return" else None
