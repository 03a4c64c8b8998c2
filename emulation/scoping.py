"""Row-level scoping: who acts for which unit. The one place that decides it.

The commune office (clerk, leader, superuser) sees every unit's rows; anybody else only
the rows of the units whose ``users`` include them. Admin classes of unit-owned models
inherit ``UnitScopedAdminMixin`` and name the path from their model to the unit.
"""

from django.contrib import admin
from django.http import Http404

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


class UnitScopedAdminMixin:
    """A hamlet head never sees or changes another unit's rows, by any admin path."""

    unit_path = "unit"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.unit_path)

    def in_scope(self, request, obj):
        if obj is None or is_office(request.user):
            return True
        return acts_for(request.user, unit_id_of(obj, self.unit_path))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not is_office(request.user):
            # Out of scope and missing look the same: nothing is revealed.
            raise Http404
        return obj

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)


ScopedUnitFilter = admin.RelatedOnlyFieldListFilter
