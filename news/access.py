"""The scope rule of articles (registered in ``NewsConfig.ready``): an editor or approver works
on the articles of their localities and every unit inside, and on their own."""

from django.db.models import Q

from plans.access import covering_user_localities


def article_scope(user):
    return Q(created_by=user.pk) | covering_user_localities(user, "locality")
