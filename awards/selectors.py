"""Reads of commendations: counts, totals, the register and the report section."""

from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.formatting import format_count, format_money
from emulation.text import fold

from .models import Commendation, Decision, RecipientType

# The attached list's groups in order (DOMAIN.md): collectives, individuals, households.
GROUP_ORDER = {
    RecipientType.COLLECTIVE: 0,
    RecipientType.INDIVIDUAL: 1,
    RecipientType.HOUSEHOLD: 2,
}


def list_order(line):
    """Collectives, then individuals, then households by hamlet; each in its order."""
    group = GROUP_ORDER[line.recipient_type]
    if line.recipient_type == RecipientType.HOUSEHOLD and line.unit_id:
        return (group, line.unit.order, line.unit.name, line.order, line.pk)
    return (group, 0, "", line.order, line.pk)


def decision_lines(decision):
    """The attached list's order (``list_order``)."""
    lines = list(decision.commendations.select_related("award_kind", "unit", "decision"))
    lines.sort(key=list_order)
    return lines


class Tally(NamedTuple):
    collectives: int
    individuals: int
    households: int
    total: int

    @property
    def recipients(self):
        return self.collectives + self.individuals + self.households

    @property
    def phrase(self):
        return count_phrase(self.collectives, self.individuals, self.households)


def tally(commendations) -> Tally:
    """Recipients of each kind and the total bonus over a queryset of commendations."""
    row = commendations.aggregate(
        collectives=Count("pk", filter=Q(recipient_type=RecipientType.COLLECTIVE)),
        individuals=Count("pk", filter=Q(recipient_type=RecipientType.INDIVIDUAL)),
        households=Count("pk", filter=Q(recipient_type=RecipientType.HOUSEHOLD)),
        total=Sum("bonus_amount"),
    )
    return Tally(row["collectives"], row["individuals"], row["households"], row["total"] or 0)


def count_phrase(collectives, individuals, households=0):
    """ "03 tập thể, 09 cá nhân và 412 hộ gia đình" (administrative counts take a leading
    zero); households are named on their own, never as collectives or individuals."""
    parts = []
    if collectives:
        parts.append(f"{format_count(collectives)} tập thể")
    if individuals:
        parts.append(f"{format_count(individuals)} cá nhân")
    if households:
        parts.append(f"{format_count(households)} hộ gia đình")
    if len(parts) > 2:
        return ", ".join(parts[:-1]) + " và " + parts[-1]
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
        counted = tally(decision.commendations.all())
        rows.append(
            [
                decision.number,
                decision.signed_on.strftime("%d/%m/%Y"),
                counted.phrase,
                format_money(counted.total),
            ]
        )
    counted = tally(movement_commendations(movement))
    if rows:
        rows.append([_("Total"), "", counted.phrase, format_money(counted.total)])
    return Section(
        title=_("Commendations"),
        headers=[_("Decision"), _("Date"), _("Recipients"), _("Bonus")],
        rows=rows,
        empty_text=_("No commendation decision has been issued for this movement."),
    )


def register(year, commune):
    """The commune's commendation register (sổ theo dõi) of ``year``, in register order."""
    return (
        Commendation.objects.filter(register_commune=commune, register_year=year)
        .select_related("decision", "award_kind", "unit", "nomination__unit")
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


class AwardCandidate(NamedTuple):
    household: object
    vote: object
    share: Decimal
    chosen: bool


def recognised_households(commune, year: int):
    """Households recognised a title (Gia đình văn hóa) in an issued decision of the
    commune's movement of ``year``; revoked decisions do not count."""
    return Commendation.objects.filter(
        recipient_type=RecipientType.HOUSEHOLD,
        household__isnull=False,
        award_kind__is_title=True,
        decision__status=Decision.Status.ISSUED,
        decision__movement__commune=commune,
        decision__movement__year=year,
    ).values_list("household_id", flat=True)


def household_award_candidates(movement) -> list[AwardCandidate]:
    """Households recognised the movement's ``household_award_years`` years running up to
    its year, by this year's votes (share of those present) from the highest; the first
    ``household_award_share`` % of them (rounded down) are chosen for the Giấy khen."""
    from .models import HouseholdVote

    years = range(movement.year - movement.household_award_years + 1, movement.year + 1)
    eligible = None
    for year in years:
        ids = set(recognised_households(movement.commune_id, year))
        eligible = ids if eligible is None else eligible & ids
    votes = (
        HouseholdVote.objects.filter(
            review__movement=movement, household_id__in=eligible or [], registered=True
        )
        .select_related("household", "review__unit")
        .order_by("household__head_name", "pk")
    )
    ranked = []
    for vote in votes:
        present = vote.review.present_count or 0
        share = Decimal(vote.votes_for or 0) * 100 / present if present else Decimal(0)
        ranked.append((vote, share))
    ranked.sort(key=lambda pair: (-pair[1], -(pair[0].votes_for or 0)))
    limit = len(ranked) * movement.household_award_share // 100
    return [
        AwardCandidate(vote.household, vote, share, number < limit)
        for number, (vote, share) in enumerate(ranked)
    ]


class CriterionResult(NamedTuple):
    criterion: object
    met: bool | None
    detail: str
    check: object  # the office's HamletCheck, None for a computed criterion


class HamletStanding(NamedTuple):
    unit: object
    results: list
    meets: bool


def hamlet_household_shares(movement) -> dict[int, tuple[int, int]]:
    """Per hamlet: (households recognised in an issued decision of the movement, its
    households: those listed in its review, or its active households without one)."""
    from emulation.models import Household

    from .models import HouseholdVote

    recognised = dict(
        Commendation.objects.filter(
            recipient_type=RecipientType.HOUSEHOLD,
            award_kind__is_title=True,
            decision__status=Decision.Status.ISSUED,
            decision__movement=movement,
        )
        .values_list("unit")
        .annotate(n=Count("pk"))
    )
    listed = dict(
        HouseholdVote.objects.filter(review__movement=movement)
        .values_list("review__unit")
        .annotate(n=Count("pk"))
    )
    active = dict(
        Household.objects.filter(unit__commune=movement.commune_id, is_active=True)
        .values_list("unit")
        .annotate(n=Count("pk"))
    )
    units = set(recognised) | set(listed) | set(active)
    return {u: (recognised.get(u, 0), listed.get(u) or active.get(u, 0)) for u in units}


def hamlet_standing(movement) -> list[HamletStanding]:
    """Each active hamlet against the movement's Thôn văn hóa checklist: the computed
    share and the office's checks; it meets the title when every criterion is met."""
    from emulation.formatting import format_percent
    from emulation.models import Unit

    from .models import HamletCheck, HamletCriterion

    criteria = list(movement.hamlet_criteria.order_by("order", "pk"))
    checks = {
        (check.criterion_id, check.unit_id): check
        for check in HamletCheck.objects.filter(criterion__movement=movement)
    }
    shares = hamlet_household_shares(movement)
    standings = []
    hamlets = Unit.objects.filter(
        commune=movement.commune_id, kind=Unit.Kind.HAMLET, is_active=True
    ).order_by("order", "name")
    for unit in hamlets:
        results = []
        for criterion in criteria:
            if criterion.kind == HamletCriterion.Kind.HOUSEHOLD_SHARE:
                recognised, total = shares.get(unit.pk, (0, 0))
                share = Decimal(recognised * 100) / total if total else Decimal(0)
                met = bool(total) and share >= criterion.threshold_percent
                detail = f"{recognised}/{total} hộ ({format_percent(share)})"
                results.append(CriterionResult(criterion, met, detail, None))
            else:
                check = checks.get((criterion.pk, unit.pk))
                met = check.met if check else None
                results.append(CriterionResult(criterion, met, check.note if check else "", check))
        meets = bool(results) and all(result.met is True for result in results)
        standings.append(HamletStanding(unit, results, meets))
    return standings


# --- the commune's fund --------------------------------------------------------------------

# A revoked award is repaid within this many working days (Nghị định 152/2025 Điều 58 k2).
REFUND_WORKING_DAYS = 15


def add_working_days(day, count: int):
    """``day`` plus ``count`` working days, Saturdays and Sundays left out (public holidays
    are not known to the product: the office adds them when one falls in between)."""
    import datetime

    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


class RefundDue(NamedTuple):
    decision: Decision
    paid: int
    refunded: int
    due_on: object  # datetime.date

    @property
    def outstanding(self):
        return max(self.paid - self.refunded, 0)


class FundStanding(NamedTuple):
    """Where a year's fund stands: what came in, the share for organising, what the
    decisions signed that year paid, what was refunded, and what is left for awards."""

    year: int
    fund: object  # Fund or None (not recorded)
    allocation: int
    donations: int
    organising_share: int
    organising_spent: int
    paid: int
    refunded: int
    refunds_due: list

    @property
    def income(self):
        return self.allocation + self.donations

    @property
    def for_awards(self):
        return self.income - self.organising_share

    @property
    def balance(self):
        """Left to pay awards from."""
        return self.for_awards - self.paid + self.refunded

    @property
    def organising_left(self):
        return self.organising_share - self.organising_spent


def fund_standing(year: int, commune) -> FundStanding:
    """The commune's fund of ``year``: its decisions signed that year pay from it (issued
    ones, and revoked ones whose awards were paid, until refunded)."""
    from .models import Fund, FundEntry

    fund = Fund.objects.filter(commune=commune, year=year).first()
    entries = FundEntry.objects.filter(fund__commune=commune)
    sums = {
        row["kind"]: row["total"]
        for row in entries.filter(fund__year=year).values("kind").annotate(total=Sum("amount"))
    }
    paying = Decision.objects.filter(
        movement__commune=commune,
        signed_on__year=year,
        status__in=[Decision.Status.ISSUED, Decision.Status.REVOKED],
    )
    paid = (
        Commendation.objects.filter(decision__in=paying).aggregate(total=Sum("bonus_amount"))[
            "total"
        ]
        or 0
    )
    income = sums.get(FundEntry.Kind.ALLOCATION, 0) + sums.get(FundEntry.Kind.DONATION, 0)
    percent = fund.organising_percent if fund else Decimal(0)
    organising = int(Decimal(income) * percent / 100)
    refunded_by = {
        row["decision"]: row["total"]
        for row in entries.filter(kind=FundEntry.Kind.REFUND, decision__isnull=False)
        .values("decision")
        .annotate(total=Sum("amount"))
    }
    due = []
    for decision in paying.filter(status=Decision.Status.REVOKED).order_by("revoked_at"):
        amount = tally(decision.commendations.all()).total
        if not amount:
            continue
        from django.utils import timezone

        revoked_on = timezone.localtime(decision.revoked_at).date()
        due.append(
            RefundDue(
                decision,
                amount,
                refunded_by.get(decision.pk, 0),
                add_working_days(revoked_on, REFUND_WORKING_DAYS),
            )
        )
    return FundStanding(
        year=year,
        fund=fund,
        allocation=sums.get(FundEntry.Kind.ALLOCATION, 0),
        donations=sums.get(FundEntry.Kind.DONATION, 0),
        organising_share=organising,
        organising_spent=sums.get(FundEntry.Kind.ORGANISING, 0),
        paid=paid,
        refunded=sums.get(FundEntry.Kind.REFUND, 0),
        refunds_due=due,
    )


def fund_warning(decision) -> str | None:
    """Before issuing: whether the fund of the signing year covers the decision."""
    if not decision.signed_on:
        return None
    total = tally(decision.commendations.all()).total
    if not total:
        return None
    standing = fund_standing(decision.signed_on.year, decision.movement.commune)
    if standing.fund is None:
        return _(
            "No commendation fund is recorded for %(year)s: whether it covers the "
            "%(amount)s of this decision cannot be checked."
        ) % {"year": standing.year, "amount": format_money(total)}
    if total > standing.balance:
        return _(
            "The commendation fund of %(year)s has %(balance)s left for awards; this decision "
            "pays %(amount)s: %(missing)s short."
        ) % {
            "year": standing.year,
            "balance": format_money(standing.balance),
            "amount": format_money(total),
            "missing": format_money(total - standing.balance),
        }
    return None


# --- registration and the award's criteria -------------------------------------------------


class AwardCheckResult(NamedTuple):
    criterion: object  # AwardCriterion
    met: bool | None  # None: for the office to check

    @property
    def warns(self):
        return self.met is False


def criteria_in_force(award_kind, day):
    from .models import AwardCriterion

    return (
        AwardCriterion.objects.filter(award_kind=award_kind, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("title")
        .order_by("order", "pk")
    )


def nomination_checklist(nomination) -> list[AwardCheckResult]:
    """The award's criteria in force when the nomination was handed in (today, before),
    each met, not met, or for the office to check."""
    from django.utils import timezone

    from .models import Nomination, Registration

    day = timezone.localdate(nomination.submitted_at) if nomination.submitted_at else None
    day = day or timezone.localdate()
    subject = nomination.subject_key()
    results = []
    for criterion in criteria_in_force(nomination.award_kind, day):
        met = None
        if criterion.judged_by == criterion.Check.REGISTERED:
            registrations = Registration.objects.filter(
                movement_id=nomination.movement_id,
                unit_id=nomination.unit_id,
                award_kind_id=nomination.award_kind_id,
                recipient_type=nomination.recipient_type,
            ).select_related("unit")
            met = any(r.subject_key() == subject for r in registrations)
        elif criterion.judged_by == criterion.Check.HOLDS_TITLE:
            others = Nomination.objects.filter(
                movement_id=nomination.movement_id,
                award_kind=criterion.title,
                status__in=[Nomination.Status.APPROVED, Nomination.Status.DECIDED],
            ).select_related("unit", "household")
            met = any(other.subject_key() == subject for other in others)
        results.append(AwardCheckResult(criterion, met))
    return results


def units_not_registered(movement):
    """The active units with nothing registered for ``movement``: the office reminds them."""
    from emulation.models import Unit

    return (
        Unit.objects.filter(commune=movement.commune_id, is_active=True)
        .exclude(registrations__movement=movement)
        .order_by("order", "name")
    )
