from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.dashboard import Output, Panel
from emulation.models import Unit
from emulation.roles import sees_every_unit
from emulation.scoping import scope_queryset

from .models import Pledge
from .selectors import unit_ranking


def _pledges(request, movement):
    pledges = (
        Pledge.objects.filter(movement=movement)
        .select_related("unit")
        .annotate(
            item_count=Count("items"),
            missing=Count(
                "items", filter=Q(items__result_value__isnull=True, items__achieved__isnull=True)
            ),
        )
    )
    return scope_queryset(pledges, request.user, "unit")


def pledges_panel(request, movement):
    pledges = list(_pledges(request, movement).order_by("unit__order", "unit__name"))
    changelist = reverse("admin:pledges_pledge_changelist")
    if not sees_every_unit(request.user):
        # A hamlet head: their own pledge, what is due, the office's note.
        return Panel("admin/dashboard/my_pledge.html", {"pledges": pledges}, order=5)
    by_unit = {p.unit_id: p for p in pledges}
    units = Unit.objects.filter(commune=movement.commune_id, is_active=True)
    rows = [{"unit": unit, "pledge": by_unit.get(unit.pk)} for unit in units]
    counts = {status: 0 for status in Pledge.Status.values}
    for pledge in pledges:
        counts[pledge.status] += 1
    return Panel(
        "admin/dashboard/pledges.html",
        {
            "rows": rows,
            "not_signed": sum(1 for row in rows if row["pledge"] is None),
            "counts": [(Pledge.Status(s).label, s, n) for s, n in counts.items()],
            "changelist": changelist,
            "movement": movement,
            "to_review_url": (
                f"{changelist}?movement__id__exact={movement.pk}&status__exact=submitted"
            ),
            "top_five": unit_ranking(movement)[:5],
            "ranking_url": reverse("admin:pledges_pledge_ranking", args=[movement.year]),
        },
        order=20,
    )


def pledges_outputs(request, movement):
    url = reverse("admin:pledges_pledge_ranking", args=[movement.year])
    return [
        Output(
            _("Pledges"),
            _("Unit ranking %(year)s") % {"year": movement.year},
            [(_("Page"), url)],
            order=20,
        )
    ]
