from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.dashboard import Output, Panel
from emulation.roles import is_office

from .models import Decision
from .selectors import movement_commendations, tally


def awards_panel(request, movement):
    if not is_office(request.user):
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
                [("Excel", reverse("admin:awards_register", args=[year]))],
                order=31,
            )
        )
    return outputs
