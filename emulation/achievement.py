"""The achievement rule shared by commune targets and pledge items.

This is the only place that decides whether a figure met its plan and what percent it
reached; targets, pledge items, reports and the dashboard all call ``evaluate``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("At least (reach or exceed the plan)")
    AT_MOST = "at_most", _("At most (stay at or below the plan)")
    YES_NO = "yes_no", _("Yes / no")


class Status(models.TextChoices):
    EXCEEDED = "exceeded", _("Exceeded")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    PENDING = "pending", _("No data yet")


HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Achievement:
    status: str
    # Percent of plan, unrounded; only for "at least" figures with a non-zero plan.
    percent: Decimal | None = None

    @property
    def is_met(self):
        """Met or exceeded: what "đạt và vượt" counts."""
        return self.status in (Status.MET, Status.EXCEEDED)

    @property
    def label(self):
        return Status(self.status).label


def _decimal(value):
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def evaluate(direction, plan=None, actual=None, achieved=None):
    """Return the ``Achievement`` of one figure.

    ``at_least``: percent = actual / plan × 100; met when actual ≥ plan, exceeded when >.
    ``at_most``: met when actual ≤ plan, otherwise not met; no percent.
    ``yes_no``: met when ``achieved`` is true, not met when false, pending when unknown.
    An unknown actual (or plan) is pending; a plan of 0 never divides.
    """
    if direction == Direction.YES_NO:
        if achieved is None:
            return Achievement(Status.PENDING)
        return Achievement(Status.MET if achieved else Status.NOT_MET)

    plan, actual = _decimal(plan), _decimal(actual)
    if plan is None or actual is None:
        return Achievement(Status.PENDING)

    if direction == Direction.AT_MOST:
        return Achievement(Status.MET if actual <= plan else Status.NOT_MET)

    if direction != Direction.AT_LEAST:
        raise ValueError(f"unknown direction {direction!r}")
    percent = actual / plan * HUNDRED if plan != 0 else None
    if actual > plan:
        status = Status.EXCEEDED
    elif actual == plan:
        status = Status.MET
    else:
        status = Status.NOT_MET
    return Achievement(status, percent)


def count_met(achievements):
    """(met or exceeded, total) over an iterable of achievements: "đạt và vượt X/Y"."""
    achievements = list(achievements)
    return sum(1 for a in achievements if a.is_met), len(achievements)
