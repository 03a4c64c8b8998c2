"""The achievement rule shared by commune targets and pledge items.

This is the only place that decides whether a figure met its plan and what percent it
reached; targets, pledge items, reports and the dashboard all call ``evaluate``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .formatting import format_quantity


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


def format_plan(direction, plan, unit_of_measure):
    """The plan as reports write it: "5.000 tấn", "dưới 6%", nothing for yes / no."""
    if direction == Direction.YES_NO:
        return ""
    prefix = "dưới " if direction == Direction.AT_MOST else ""
    return prefix + format_quantity(plan, unit_of_measure)


def count_met(achievements):
    """(met or exceeded, total) over an iterable of achievements: "đạt và vượt X/Y"."""
    achievements = list(achievements)
    return sum(1 for a in achievements if a.is_met), len(achievements)


# Units whose figures may fall below zero (a growth or change rate); counts, money,
# areas and tonnes cannot.
SIGNED_UNITS = {"%", "‰"}


def figure_errors(direction, plan, actual, achieved, unit_of_measure=""):
    """Vietnamese messages for an inconsistent figure, keyed "plan" / "actual" / "achieved".

    Shared by commune targets and pledge items, which map the keys to their own fields.
    """
    errors = {}
    numeric = direction != Direction.YES_NO
    if numeric:
        if plan is None:
            errors["plan"] = _("Enter the plan value (only a yes / no target has none).")
        if achieved is not None:
            errors["achieved"] = _(
                "“Achieved” is only for a yes / no target; enter the actual value instead."
            )
        negative = [
            key
            for key, value in (("plan", plan), ("actual", actual))
            if value is not None and value < 0
        ]
        if negative and (unit_of_measure or "").strip() not in SIGNED_UNITS:
            message = _("The value cannot be negative for the unit “%(unit)s”.") % {
                "unit": unit_of_measure or "—"
            }
            for key in negative:
                errors[key] = message
    else:
        if plan is not None:
            errors["plan"] = _("A yes / no target has no plan value; leave it empty.")
        if actual is not None:
            errors["actual"] = _("A yes / no target has no actual value; tick “Achieved” instead.")
    return errors


def figures_not_applying(direction):
    """Which of "plan" / "actual" / "achieved" a figure of ``direction`` has no use for: a
    yes / no target has no figures, a numeric one no "achieved" (as figure_errors says)."""
    if not direction:
        return frozenset()
    if direction == Direction.YES_NO:
        return frozenset({"plan", "actual"})
    return frozenset({"achieved"})


def bar_fraction(direction, plan=None, actual=None, achieved=None):
    """How full a progress bar of actual against plan is drawn, between 0 and 1."""
    if direction == Direction.YES_NO:
        return 1.0 if achieved else 0.0
    plan, actual = _decimal(plan), _decimal(actual)
    if plan is None or actual is None or actual <= 0:
        return 0.0
    if plan <= 0:
        return 1.0
    return float(min(actual / plan, Decimal(1)))
