"""The scope rule of articles (registered in ``NewsConfig.ready``).

An article belongs to its author's unit: an editor or approver works on the articles
written by members of the units of their localities (and of every unit inside them),
and on their own. The article's "địa bàn" is what the author typed: it never routes an
article to an approver. Only an article without an author (loaded in bulk, or written
before authors were recorded) falls back to its "địa bàn".
"""

from django.db.models import Q

from plans.access import covering_user_localities, localities_covering, members_with_permission
from plans.models import Locality, Membership


def article_scope(user):
    authors = Membership.objects.filter(covering_user_localities(user, "agency__locality")).values("user")
    authorless = Q(created_by__isnull=True) & covering_user_localities(user, "locality")
    return Q(created_by=user.pk) | Q(created_by__in=authors) | authorless


def approvers_of_article(article):
    """Who may publish ``article``: the approvers above its author's units (above its "địa bàn"
    when it has no author), as ``article_scope`` grants them."""
    if article.created_by_id:
        units = Locality.objects.filter(agencies__memberships__user=article.created_by_id)
        localities = Locality.objects.none()
        for unit in units:
            localities |= localities_covering(unit)
    else:
        localities = localities_covering(article.locality)
    return members_with_permission(localities, "news.publish_article")
