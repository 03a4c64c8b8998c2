"""Commune targets computed from the households' yearly review (targets.rollups)."""

from emulation.models import Household
from targets.models import Target
from targets.rollups import recompute, share_or_count, source

from .models import HouseholdReview, HouseholdVote


@source(Target.Rollup.HOUSEHOLDS)
def households_registered(target):
    """Households registered for Gia đình văn hóa in the target's year: a count, or with
    "%" their share of the commune's households (those listed in the hamlets' reviews,
    and the active households of a hamlet that has not opened its review yet). None
    until a hamlet records its registrations."""
    reviews = HouseholdReview.objects.filter(movement_id=target.movement_id)
    if not reviews.exists():
        return None
    lines = HouseholdVote.objects.filter(review__in=reviews)
    unreviewed = (
        Household.objects.filter(is_active=True).exclude(unit__in=reviews.values("unit")).count()
    )
    registered = lines.filter(registered=True).count()
    return share_or_count(registered, lines.count() + unreviewed, target.unit_of_measure)


def refresh_household_targets(movement, user=None) -> int:
    """Recompute the movement's targets that count registered households."""
    return recompute(
        Target.objects.filter(movement=movement, rollup=Target.Rollup.HOUSEHOLDS), user
    )


@source(Target.Rollup.HAMLETS)
def cultural_hamlets(target):
    """Hamlets meeting every criterion of the movement's Thôn văn hóa checklist: a
    count, or with "%" their share of the active hamlets. None without a checklist."""
    from .selectors import hamlet_standing

    if not target.movement.hamlet_criteria.exists():
        return None
    standings = hamlet_standing(target.movement)
    meeting = sum(1 for standing in standings if standing.meets)
    return share_or_count(meeting, len(standings), target.unit_of_measure)


def refresh_hamlet_targets(movement, user=None) -> int:
    """Recompute the movement's targets that count hamlets meeting the checklist."""
    return recompute(Target.objects.filter(movement=movement, rollup=Target.Rollup.HAMLETS), user)
