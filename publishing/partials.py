"""Partials a page draws many times (a card per plan or article, a link per facet item) are Jinja2
templates, under ``templates/jinja2/``, placed in the Django templates of the pages with
``{% load partials %}{% partial "includes/plan_cards.html" plans=plans %}``.

The Django template engine renders each variable and tag of a loop through several layers of
nodes and lookups; Jinja2 compiles a template to Python. A page of twenty plan cards took 4 ms to
draw with the first and 1 ms with the second (issue #20). The pages around them stay Django
templates, with everything Django's own tags and context processors give.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from jinja2 import Environment


def local_date(moment, pattern="%d/%m/%Y"):
    """A date, or a moment seen in the portal's time zone, as ``pattern`` writes it (day first, as
    the Django templates' ``date`` filter does with the Vietnamese formats)."""
    if moment is None:
        return ""
    if hasattr(moment, "tzinfo") and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime(pattern)


def environment(**options):
    """The Jinja2 environment of the partials (settings.TEMPLATES): autoescaping, as Django's backend
    sets it, plus ``url()`` and the ``local_date`` and ``truncatechars`` (Django's) filters."""
    env = Environment(**options)
    env.globals["url"] = reverse
    env.filters["local_date"] = local_date
    env.filters["truncatechars"] = lambda value, length: Truncator(value).chars(length)
    return env
