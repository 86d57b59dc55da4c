"""Who may see and change what in the admin: one registry of scope rules, filled by the apps.

Each app registers, in its ``ready()``, a rule per model: a function of the user
giving the ``Q`` condition of the rows that user may work on (see ``plans.access``
and ``news.access``). Everything here asks the registry; superusers see everything.
"""

from django.db.models import Q

NOTHING = Q(pk__in=[])
_RULES = {}


def register_scope(model, rule):
    """``rule(user)`` gives the condition on ``model`` of what ``user`` may work on."""
    _RULES[model] = rule


def is_scoped(model):
    """Whether an app registered a scope rule for ``model``."""
    return model in _RULES


def can_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


def scope(user, model):
    """The condition on ``model`` of the rows ``user`` may work on."""
    if user.is_superuser:
        return Q()
    return _RULES[model](user)


def scoped(queryset, user):
    """``queryset`` narrowed to what ``user`` may work on."""
    return queryset.filter(scope(user, queryset.model))


def in_scope(obj, user):
    return user.is_superuser or scoped(type(obj)._default_manager.filter(pk=obj.pk), user).exists()
