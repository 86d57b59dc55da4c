"""The scope rule of articles (registered in ``NewsConfig.ready``).

An article belongs to its author's unit: an editor or approver works on the articles
written by members of the units of their localities (and of every unit inside them),
and on their own. The article's "địa bàn" is what the author typed: it never routes an
article to an approver. Only an article without an author (loaded in bulk, or written
before authors were recorded) falls back to its "địa bàn".
"""

from django.db.models import Q

from plans.access import covering_user_localities
from plans.models import Membership


def article_scope(user):
    authors = Membership.objects.filter(covering_user_localities(user, "agency__locality")).values("user")
    authorless = Q(created_by__isnull=True) & covering_user_localities(user, "locality")
    return Q(created_by=user.pk) | Q(created_by__in=authors) | authorless
