"""The scope rules of plans, agencies and localities (registered in ``PlansConfig.ready``).

A user belongs to agencies (``Membership``). An officer works on the plans of those
agencies; an approver on the plans *issued* by an agency of their localities or of a
unit inside them. The plan's own "địa bàn" is what the officer typed: it never routes a
plan to an approver (a district officer naming a commune does not make the commune's
leader its approver).
"""

from django.db.models import Q

from plans.models import Agency, Locality, Plan
from publishing.access import NOTHING, can_publish


def agencies_of(user):
    """The user's agencies with their localities, read once per request."""
    if not hasattr(user, "_portal_agencies"):
        user._portal_agencies = list(Agency.objects.filter(memberships__user=user).select_related("locality"))
    return user._portal_agencies


def covering_user_localities(user, field):
    """A condition on ``field`` (a foreign key to Locality): the user's localities and every unit inside."""
    condition = NOTHING
    for agency in agencies_of(user):
        condition |= agency.locality.covering(field)
    return condition


def plan_scope(user):
    if not user.has_perm("plans.change_plan"):
        # Editors may view plans only to link published ones to articles (see PlanAdmin.get_search_results).
        return NOTHING
    condition = Q(agency__in=[agency.pk for agency in agencies_of(user)])
    if can_publish(user, Plan):
        condition |= covering_user_localities(user, "agency__locality")
    return condition


def agency_scope(user):
    """The agencies a user may name as a plan's issuer."""
    condition = Q(pk__in=[agency.pk for agency in agencies_of(user)])
    if can_publish(user, Plan):
        condition |= covering_user_localities(user, "locality")
    return condition


def locality_scope(user):
    """The localities a user may file an article under: theirs and every unit inside."""
    condition = NOTHING
    for agency in agencies_of(user):
        for path in agency.locality.lineage_paths:
            condition |= Q(path__startswith=path)
    return condition


def localities_for_new_agency(user):
    """Where ``user`` may register an agency: anywhere for those who manage agencies (the
    system administrator); for an officer or approver adding a unit a plan assigns work
    to, only their own localities and every unit inside them."""
    if user.has_perm("plans.change_agency"):
        return Locality.objects.all()
    return Locality.objects.filter(locality_scope(user))


def localities_covering(locality):
    """The units whose area holds ``locality``: it, its ancestors, and the units that took over
    either (an approver of today's Quảng Ngãi covers former Kon Tum's communes)."""
    parts = locality.path.rstrip("/").split("/")
    prefixes = ["/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)]
    return Locality.objects.filter(Q(path__in=prefixes) | Q(predecessors__path__in=prefixes))


def members_with_permission(localities, permission):
    """Active users of the agencies of ``localities`` who hold ``permission`` (``app.codename``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return get_user_model().objects.filter(
        Q(groups__permissions__in=granted) | Q(user_permissions__in=granted),
        memberships__agency__locality__in=localities, is_active=True,
    ).distinct()


def approvers_of_plan(plan):
    """Who may publish ``plan``: the approvers of its issuing agency's locality or of a unit above it."""
    return members_with_permission(localities_covering(plan.agency.locality), "plans.publish_plan")
