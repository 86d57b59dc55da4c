"""A page of plans as the cards of the archive and the home page show them.

A card is read as a row of values, not built as model instances: the twenty plans of an archive
page, each with its agency, unit and the unit's province, were eighty instances, which took
longer to make than the query took to answer (issue #20).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from plans.models import Plan
from plans.models.plan import CARD_FIELDS, period_label
from plans.selectors import channels

SLUG_MARK = "card-slug"


@dataclass(frozen=True, slots=True)
class PlanCard:
    """What templates/jinja2/includes/plan_cards.html shows of one plan."""

    pk: int
    url: str
    title: str
    number: str
    agency: str
    unit: str
    issue_date: object
    period_label: str
    channels: tuple


def cards(plans):
    """``plans`` (a queryset of a page of plans, in order) as a list of ``PlanCard``: two queries,
    the plans' fields with their units' names, then their (plan, channel) pairs, named from the
    reference list in the channels' order."""
    rows = list(plans.values_list("pk", *CARD_FIELDS))
    if not rows:
        return []
    used = defaultdict(list)
    by_pk = {channel.pk: channel for channel in channels().values()}
    pairs = Plan.channels.through.objects.filter(plan_id__in=[row[0] for row in rows]).values_list("plan_id", "channel_id")
    for plan_id, channel_id in pairs:
        if channel_id in by_pk:
            used[plan_id].append(by_pk[channel_id])
    before, after = reverse("plans:detail", kwargs={"slug": SLUG_MARK}).split(SLUG_MARK)
    return [
        PlanCard(
            pk=pk, url=f"{before}{slug}{after}", title=title, number=number, agency=agency,
            unit=f"{unit}, {province}" if province else unit, issue_date=issue_date,
            period_label=period_label(start, end),
            channels=tuple(channel.name for channel in sorted(used[pk], key=lambda channel: (channel.position, channel.name))),
        )
        for pk, slug, title, number, issue_date, start, end, agency, unit, province in rows
    ]
