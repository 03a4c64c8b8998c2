"""Reads of commendations: counts, totals, the register and the report section."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.formatting import format_count, format_money
from emulation.text import fold

from .models import Commendation, Decision, RecipientType


def decision_lines(decision):
    """Collectives first, then individuals, in their order: the attached list's order."""
    lines = list(decision.commendations.select_related("award_kind", "unit", "decision"))
    lines.sort(key=lambda c: (not c.is_collective, c.order, c.pk))
    return lines


def totals(commendations):
    """(collectives, individuals, total bonus) over a queryset of commendations."""
    row = commendations.aggregate(
        collectives=Count("pk", filter=Q(recipient_type=RecipientType.COLLECTIVE)),
        individuals=Count("pk", filter=Q(recipient_type=RecipientType.INDIVIDUAL)),
        total=Sum("bonus_amount"),
    )
    return row["collectives"], row["individuals"], row["total"] or 0


def count_phrase(collectives, individuals):
    """ "03 tập thể và 09 cá nhân" (administrative counts take a leading zero)."""
    parts = []
    if collectives:
        parts.append(f"{format_count(collectives)} tập thể")
    if individuals:
        parts.append(f"{format_count(individuals)} cá nhân")
    return " và ".join(parts)


def movement_commendations(movement):
    """Commendations of issued decisions for a movement (revoked ones no longer count)."""
    return Commendation.objects.filter(
        decision__movement=movement, decision__status=Decision.Status.ISSUED
    )


def awards_section(movement):
    from targets.reports import Section

    decisions = Decision.objects.filter(movement=movement, status=Decision.Status.ISSUED)
    rows = []
    for decision in decisions.order_by("signed_on", "pk"):
        collectives, individuals, total = totals(decision.commendations.all())
        rows.append(
            [
                decision.number,
                decision.signed_on.strftime("%d/%m/%Y"),
                count_phrase(collectives, individuals),
                format_money(total),
            ]
        )
    collectives, individuals, total = totals(movement_commendations(movement))
    if rows:
        rows.append([_("Total"), "", count_phrase(collectives, individuals), format_money(total)])
    return Section(
        title=_("Commendations"),
        headers=[_("Decision"), _("Date"), _("Recipients"), _("Bonus")],
        rows=rows,
        empty_text=_("No commendation decision has been issued for this movement."),
    )


def register(year):
    """The year's commendation register (sổ theo dõi), in register order."""
    return (
        Commendation.objects.filter(register_year=year)
        .select_related("decision", "award_kind", "unit")
        .order_by("register_number")
    )


LINE_FILTERS = {
    "registered": gettext_lazy("Registered"),
    "unregistered": gettext_lazy("Not registered"),
    "passing": gettext_lazy("Passing"),
    "failing": gettext_lazy("Registered, not passing"),
}


def household_lines(review, search: str = "", show: str = ""):
    """A review's lines for the hamlet's household page: ``search`` in the head's name or
    the address (with or without diacritics), ``show`` one of ``LINE_FILTERS``."""
    lines = review.votes.select_related("household").order_by(
        "household__head_name", "household__address", "pk"
    )
    for word in fold(search).split():
        lines = lines.filter(household__search_key__contains=word)
    needed = review.votes_needed
    passing = Q(registered=True, votes_for__gte=needed) if needed else Q(pk=None)
    if show == "registered":
        lines = lines.filter(registered=True)
    elif show == "unregistered":
        lines = lines.filter(registered=False)
    elif show == "passing":
        lines = lines.filter(passing)
    elif show == "failing":
        lines = lines.filter(registered=True).exclude(passing)
    return lines


def review_counts(review) -> dict:
    """Households of the review: lines, registered, passing (the same 60 % rule)."""
    needed = review.votes_needed
    row = review.votes.aggregate(
        lines=Count("pk"),
        ticked=Count("pk", filter=Q(registered=True)),
        passed=Count("pk", filter=Q(registered=True, votes_for__gte=needed or 0)),
    )
    return {
        "total": row["lines"],
        "registered": row["ticked"],
        # No meeting recorded yet: nobody passes.
        "passing": row["passed"] if needed else 0,
    }
