"""Targets whose actual the product computes from its own records (``Target.Rollup``).

Each source is a function of the target, registered by the app that keeps the records
(pledges: the sum of approved results; awards: the households registered for Gia đình
văn hóa). ``Target.save`` asks here, so a target's actual follows its source whichever
way it is saved, and the services that change the records call ``recompute``.
"""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

_sources: dict[str, Callable] = {}


def source(rollup: str):
    """Decorator: ``@source(Target.Rollup.SUM) def approved_results(target): …``."""

    def decorate(function):
        _sources[rollup] = function
        return function

    return decorate


def computed_actual(target) -> Decimal | None:
    """The actual of a target with a source; None while the records give none."""
    return _sources[target.rollup](target)


def is_computed(target) -> bool:
    return target.rollup in _sources


def share_or_count(part: int, whole: int, unit_of_measure: str) -> Decimal | None:
    """A count, or with "%" as the unit its share of ``whole`` to two decimals."""
    if unit_of_measure.strip() != "%":
        return Decimal(part)
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def recompute(targets, user=None) -> int:
    """Bring the computed targets among ``targets`` up to date; returns how many changed."""
    changed = 0
    for target in targets.filter(rollup__in=list(_sources)):
        value = computed_actual(target)
        if target.actual_value != value:
            target._history_user = user  # the history says whose action changed it
            target.save(update_fields=["actual_value"])
            changed += 1
    return changed
