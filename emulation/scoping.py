"""Row-level scoping: which commune's rows a user sees, and who acts for which unit. The
one place that decides it.

A deployment may serve many communes: a commune office's accounts (``Commune.users``)
see their commune's rows, a hamlet head the communes of the units they act for, a
superuser (and the command line) every commune, the province every commune read-only.
Within a commune the office (clerk, leader) and the province see every unit's rows;
anybody else only the rows of the units whose ``users`` include them. Each model's
policy (``emulation.policy``) names the paths from its rows to the commune and the unit.
"""

from django.contrib import admin

from .roles import is_office, is_province, sees_every_unit


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


EVERY_COMMUNE = None


def commune_ids_of(user):
    """Ids of the communes whose rows the user may see, or ``EVERY_COMMUNE`` (a superuser,
    the command line, the province); cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if user.is_superuser or is_province(user):
        return EVERY_COMMUNE
    cached = getattr(user, "_thidua_commune_ids", None)
    if cached is None:
        from django.db.models import Q

        from .models import Commune

        cached = frozenset(
            Commune.objects.filter(Q(users=user) | Q(units__users=user)).values_list(
                "pk", flat=True
            )
        )
        if not cached and is_office(user):
            # An office account not yet given a commune, in a single-commune installation,
            # is that commune's; among several communes it sees none until it is given one.
            only = Commune.current()
            cached = frozenset([only.pk]) if only else frozenset()
        user._thidua_commune_ids = cached
    return cached


def own_commune(user):
    """The commune a new row of this user belongs to: their one commune; None when they
    have none or several (then they must say which)."""
    from .models import Commune

    communes = commune_ids_of(user)
    if communes is EVERY_COMMUNE:
        return Commune.current()
    return Commune.objects.get(pk=next(iter(communes))) if len(communes) == 1 else None


def requested_commune(request):
    """The commune a page is about: the one its ``?commune=`` names when the user may see
    it, else the user's own; None when neither (a missing page, not another's)."""
    from .models import Commune

    asked = request.GET.get("commune", "")
    if not asked:
        return own_commune(request.user)
    if not asked.isdigit() or not in_communes_of(request.user, int(asked)):
        return None
    return Commune.objects.filter(pk=int(asked)).first()


def visible_movements(user):
    """The movements of the user's communes, newest first."""
    from .models import Movement
    from .policy import policy_for

    movements = Movement.objects.order_by("-year", "commune__name", "pk")
    return policy_for(user, Movement).scope(movements)


def movements_shown(request):
    """The movements a page offers: the user's, or those of the commune ``?commune=``
    names (the province, or a superuser, opening one commune's pages)."""
    movements = visible_movements(request.user)
    if "commune" not in request.GET:
        return movements
    commune = requested_commune(request)
    return movements.filter(commune=commune) if commune else movements.none()


def movement_of_year(request, year):
    """The shown movement of ``year`` (the first commune's, for whoever sees several and
    names none); a missing page when there is none."""
    from django.http import Http404

    movement = movements_shown(request).filter(year=year).first()
    if movement is None:
        raise Http404
    return movement


def in_user_communes(queryset, user):
    """The rows of ``queryset`` in the user's communes, whichever of their units: the
    rows a natural key (a unit's name, a movement's year) may name."""
    from .policy import policy_class_for

    path = policy_class_for(queryset.model).commune_route()
    return scope_queryset(queryset, user, None, path)


def in_communes_of(user, commune_id) -> bool:
    communes = commune_ids_of(user)
    return communes is EVERY_COMMUNE or commune_id in communes


def scope_queryset(queryset, user, unit_path, commune_path=None):
    """Limit ``queryset`` to the rows the user may see: ``commune_path`` leads to the
    commune ("" for communes themselves, None for rows every commune shares), and
    ``unit_path`` to the unit (None: not a unit's row)."""
    communes = commune_ids_of(user)
    if communes is not EVERY_COMMUNE and commune_path is not None:
        key = f"{commune_path}__in" if commune_path else "pk__in"
        queryset = queryset.filter(**{key: communes})
    if unit_path is None or sees_every_unit(user):
        return queryset
    return queryset.filter(**{f"{unit_path}__in": unit_ids_of(user)})


def _follow(obj, path):
    """The row (or id) at the end of ``path`` from ``obj``; the last link is read as its
    id where the row holds one, so the row at the end is never fetched."""
    value = obj
    *through, last = path.split("__")
    for part in through:
        value = getattr(value, part, None)
        if value is None:
            return None
    if hasattr(value, f"{last}_id"):
        return getattr(value, f"{last}_id")
    value = getattr(value, last, None)
    return getattr(value, "pk", value)  # a row, or already an id (a history row's "id")


def unit_id_of(obj, unit_path):
    return _follow(obj, unit_path)


def commune_id_of(obj, commune_path):
    """The id of the commune ``obj`` belongs to (None while it has none)."""
    return obj.pk if commune_path == "" else _follow(obj, commune_path)


ScopedUnitFilter = admin.RelatedOnlyFieldListFilter
