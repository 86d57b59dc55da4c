"""A page of plans as the cards of the archive and the home page show them.

A card is read as a row of values, not built as model instances: the twenty plans of an archive
page, each with its agency, unit and the unit's province, were eighty instances, which took
longer to make than the query took to answer (issue #20).
"""

from dataclasses import dataclass

from django.urls import reverse

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
    """``plans`` (a queryset of a page of plans, in order) as a list of ``PlanCard``, from one
    query: the plans' fields, their units' names and their channels' ids, named from the
    reference list in the channels' order."""
    rows = plans.with_channel_ids().values_list("pk", *CARD_FIELDS, "channel_ids")
    by_pk = {str(channel.pk): channel for channel in channels().values()}
    before, after = reverse("plans:detail", kwargs={"slug": SLUG_MARK}).split(SLUG_MARK)
    return [
        PlanCard(
            pk=pk, url=f"{before}{slug}{after}", title=title, number=number, agency=agency,
            unit=f"{unit}, {province}" if province else unit, issue_date=issue_date,
            period_label=period_label(start, end), channels=_named(channel_ids, by_pk),
        )
        for pk, slug, title, number, issue_date, start, end, agency, unit, province, channel_ids in rows
    ]


def _named(channel_ids, by_pk):
    """The names of the channels ``channel_ids`` ("3,7") lists, in the channels' order."""
    chosen = [by_pk[pk] for pk in channel_ids.split(",") if pk in by_pk] if channel_ids else []
    return tuple(channel.name for channel in sorted(chosen, key=lambda channel: (channel.position, channel.name)))
