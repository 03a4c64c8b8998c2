from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.achievement import bar_fraction
from emulation.dashboard import Output, Panel
from emulation.formatting import format_percent
from emulation.roles import sees_every_unit

from .selectors import year_summary


def targets_panel(request, movement):
    if not sees_every_unit(request.user):
        return None
    summary = year_summary(movement)
    met, total = summary.key_met
    bars = [
        {
            "target": row.target,
            "status": row.achievement.status,
            "label": row.status_label,
            "width": round(
                bar_fraction(
                    row.target.direction,
                    row.target.plan_value,
                    row.target.actual_value,
                    row.target.achieved,
                )
                * 100
            ),
            "percent": format_percent(row.percent),
        }
        # Key targets only: they are what "X/Y" counts, and a commune has a dozen of them.
        for row in summary.key_rows
    ]
    return Panel(
        "admin/dashboard/targets.html",
        {
            "summary": summary,
            "key_met": met,
            "key_total": total,
            "bars": bars,
            "report_url": reverse("admin:targets_target_report", args=[movement.year]),
            "list_url": reverse("admin:targets_target_changelist")
            + f"?movement__id__exact={movement.pk}",
        },
        order=10,
    )


def targets_outputs(request, movement):
    url = reverse("admin:targets_target_report", args=[movement.year])
    return [
        Output(
            _("Targets"),
            _("Summary report %(year)s") % {"year": movement.year},
            [(_("Page"), url), ("PDF", url + "?format=pdf"), ("Excel", url + "?format=xlsx")],
            order=10,
        )
    ]
