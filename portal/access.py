"""Who may see and change what: every scoping rule of the admin, in one place.

A user belongs to agencies (``plans.Membership``). An officer works on the plans
of those agencies; an approver on the plans and articles of their agencies'
localities and of every unit inside them; an editor on the articles of their
localities (and their own). Superusers see everything.
"""

from django.db.models import Q

from news.models import Article
from plans.models import Agency, Locality, Plan

NOTHING = Q(pk__in=[])


def agencies_of(user):
    """The user's agencies with their localities, read once per request."""
    if not hasattr(user, "_portal_agencies"):
        user._portal_agencies = list(Agency.objects.filter(memberships__user=user).select_related("locality"))
    return user._portal_agencies


def _covering(user, field):
    condition = NOTHING
    for agency in agencies_of(user):
        condition |= agency.locality.covering(field)
    return condition


def can_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


def plan_scope(user):
    if user.is_superuser:
        return Q()
    if not user.has_perm("plans.change_plan"):
        # Editors may view plans only to link published ones to articles (see PlanAdmin.get_search_results).
        return NOTHING
    condition = Q(agency__in=[agency.pk for agency in agencies_of(user)])
    if can_publish(user, Plan):
        condition |= _covering(user, "locality")
    return condition


def article_scope(user):
    if user.is_superuser:
        return Q()
    return Q(created_by=user.pk) | _covering(user, "locality")


def agency_scope(user):
    """The agencies a user may name as a plan's issuer."""
    if user.is_superuser:
        return Q()
    condition = Q(pk__in=[agency.pk for agency in agencies_of(user)])
    if can_publish(user, Plan):
        condition |= _covering(user, "locality")
    return condition


def locality_scope(user):
    """The localities a user may file an article under: theirs and every unit inside."""
    if user.is_superuser:
        return Q()
    condition = NOTHING
    for agency in agencies_of(user):
        for path in agency.locality.lineage_paths:
            condition |= Q(path__startswith=path)
    return condition


SCOPES = {Plan: plan_scope, Article: article_scope, Agency: agency_scope, Locality: locality_scope}


def scoped(queryset, user):
    """``queryset`` narrowed to what ``user`` may work on."""
    return queryset.filter(SCOPES[queryset.model](user))


def in_scope(obj, user):
    return scoped(type(obj).objects.filter(pk=obj.pk), user).exists()
