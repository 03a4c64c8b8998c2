from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.dashboard import Output, Panel
from emulation.roles import sees_every_unit

from .models import Decision
from .selectors import fund_standing, movement_commendations, tally


def register_url(year: int, commune_id: int) -> str:
    """The commune's register of ``year`` (Excel)."""
    return f"{reverse('admin:awards_register', args=[year])}?commune={commune_id}"


def _fund_years(movement) -> list[int]:
    """The budget years the movement's awards are paid from: those its decisions are
    signed in (a year's summary awards are signed early the next year), else the next."""
    years = set(
        Decision.objects.filter(movement=movement)
        .exclude(signed_on=None)
        .values_list("signed_on__year", flat=True)
    )
    return sorted(years) or [movement.year + 1]


def awards_panel(request, movement):
    if not sees_every_unit(request.user):
        return None
    counted = tally(movement_commendations(movement))
    drafts = list(
        Decision.objects.filter(movement=movement, status=Decision.Status.DRAFT).select_related(
            "movement"
        )
    )
    return Panel(
        "admin/dashboard/awards.html",
        {
            "collectives": counted.collectives,
            "individuals": counted.individuals,
            "households": counted.households,
            "total": counted.total,
            "phrase": counted.phrase,
            "drafts": drafts,
            "funds": [
                {
                    "year": year,
                    "standing": fund_standing(year, movement.commune),
                    "url": reverse("admin:awards_fund_changelist"),
                }
                for year in _fund_years(movement)
            ],
            "list_url": reverse("admin:awards_decision_changelist")
            + f"?movement__id__exact={movement.pk}",
        },
        order=30,
    )


def awards_outputs(request, movement):
    outputs = []
    decisions = (
        Decision.objects.filter(movement=movement)
        .exclude(signed_on=None)
        .order_by("signed_on", "pk")
    )
    for decision in decisions:
        outputs.append(
            Output(
                _("Commendations"),
                _("Decision %(decision)s (%(status)s)")
                % {"decision": decision, "status": decision.get_status_display()},
                [
                    (
                        _("Certificates (PDF)"),
                        reverse("admin:awards_decision_certificates", args=[decision.pk]),
                    ),
                    (_("Decision (PDF)"), reverse("admin:awards_decision_pdf", args=[decision.pk])),
                ],
                order=30,
            )
        )
    for year in sorted({d.signed_on.year for d in decisions}):
        outputs.append(
            Output(
                _("Commendations"),
                _("Register %(year)s") % {"year": year},
                [("Excel", register_url(year, movement.commune_id))],
                order=31,
            )
        )
    return outputs
