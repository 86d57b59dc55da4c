"""Writes that touch a plan together with its parts."""

import html

from django.utils.html import strip_tags

from plans.models import Plan
from publishing.cache import invalidate, shown_publicly
from publishing.text import fold


def plain_text(rich_text):
    """The text of a rich-text (HTML) value: tags stripped, entities unescaped; "" for None."""
    return html.unescape(strip_tags(rich_text or ""))


def refresh_search_text(plan):
    """Store the folded text the archive search matches: call after the plan's parts are saved.

    It covers the number, title, issuer, advising unit, locality, purposes and
    requirements, audiences, content groups, the channels with their other spellings
    (so a search for ``pano`` or ``trang ttdt`` finds plans that use those channels) and
    the channels the officer wrote out ("hình thức khác").
    """
    plan = Plan.objects.select_related("agency", "locality__parent").get(pk=plan.pk)
    pieces = [
        plan.number,
        plan.title,
        plan.agency.name,
        plan.advising_unit,
        plan.locality.name,
        plan.locality.parent.name if plan.locality.parent else "",
        plain_text(plan.purposes),
        plain_text(plan.requirements),
        plan.audiences,
        plan.legal_basis_notes,
    ]
    for group in plan.content_groups.all():
        pieces += [group.title, plain_text(group.body)]
    for channel in plan.channels.all():
        pieces += [channel.name, *channel.synonym_list]
    pieces += plan.other_channel_list
    text = " ".join(fold(" ".join(pieces)).split())
    if Plan.objects.filter(pk=plan.pk).exclude(search_text=text).update(search_text=text) and shown_publicly(plan):
        invalidate(*plan.written_scopes())  # an update() sends no signal; cached searches must see the new text
    return text
