"""Row-level scoping: who acts for which unit. The one place that decides it.

The commune office (clerk, leader, superuser) sees every unit's rows; anybody else only
the rows of the units whose ``users`` include them. Each model's policy
(``emulation.policy``) names the path from its rows to the unit.
"""

from django.contrib import admin

from .roles import is_office


def unit_ids_of(user):
    """Ids of the units the user acts for (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_thidua_unit_ids", None)
    if cached is None:
        cached = frozenset(user.units.values_list("pk", flat=True))
        user._thidua_unit_ids = cached
    return cached


def acts_for(user, unit_id):
    return unit_id in unit_ids_of(user)


def scope_queryset(queryset, user, unit_path):
    """Limit ``queryset`` to the rows the user may see; ``unit_path`` leads to the unit."""
    if is_office(user):
        return queryset
    return queryset.filter(**{f"{unit_path}__in": unit_ids_of(user)})


def unit_id_of(obj, unit_path):
    value = obj
    for part in unit_path.split("__"):
        value = getattr(value, part)
        if value is None:
            return None
    return value.pk


ScopedUnitFilter = admin.RelatedOnlyFieldListFilter
