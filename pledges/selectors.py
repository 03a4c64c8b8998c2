"""Reads of pledges: unit ranking, the buttons a user is offered, the report section."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from emulation.achievement import Status as Achieved
from emulation.formatting import format_count, format_percent

from .models import Pledge, PledgeItem


@dataclass
class RankRow:
    rank: int
    pledge: Pledge
    total: int
    met: int
    exceeded: int

    @property
    def unit(self):
        return self.pledge.unit

    @property
    def share(self):
        """Percent of items met or exceeded."""
        return Decimal(self.met * 100) / self.total if self.total else Decimal(0)


def unit_ranking(movement):
    """Units with approved pledges, best first.

    Ordered by the share of items met or exceeded, ties by the number exceeded, then by
    the unit's name. Only approved results count: they are the office's reviewed figures.
    """
    pledges = (
        Pledge.objects.filter(movement=movement, status=Pledge.Status.APPROVED)
        .select_related("unit", "movement")
        .prefetch_related(Prefetch("items", queryset=PledgeItem.objects.order_by()))
    )
    rows = []
    for pledge in pledges:
        achievements = [item.achievement() for item in pledge.items.all()]
        rows.append(
            RankRow(
                rank=0,
                pledge=pledge,
                total=len(achievements),
                met=sum(1 for a in achievements if a.is_met),
                exceeded=sum(1 for a in achievements if a.status == Achieved.EXCEEDED),
            )
        )
    rows.sort(key=lambda r: (-r.share, -r.exceeded, r.unit.name))
    for position, row in enumerate(rows, 1):
        row.rank = position
    return rows


def ranking_section(movement):
    """The ranking as a section of the year summary report."""
    from targets.reports import Section

    rows = [
        [
            str(row.rank),
            row.unit.name,
            f"{format_count(row.met)}/{format_count(row.total)}",
            format_count(row.exceeded),
            format_percent(row.share),
        ]
        for row in unit_ranking(movement)
    ]
    return Section(
        title=_("Pledge results by unit"),
        headers=[_("Rank"), _("Unit"), _("Items met or exceeded"), _("Exceeded"), _("Share met")],
        rows=rows,
        empty_text=_("No pledge results have been approved yet."),
    )
