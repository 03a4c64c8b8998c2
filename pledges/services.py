"""The pledge workflow. Each action checks who may do it, runs in one transaction and
raises ValidationError / PermissionDenied with a Vietnamese message.

draft --sign--> signed --submit--> submitted --approve--> approved
                  ^                    |                      |
                  |                 return                 reopen
                  +---- returned <-----+----------------------+
A returned pledge is open for results again and is submitted anew.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from emulation.achievement import Direction
from emulation.policy import policy_for
from emulation.reviews import record_review
from targets import rollups
from targets.models import Target

from .models import Pledge, PledgeItem

Status = Pledge.Status


def _lock(pledge: Pledge, user, action: str) -> Pledge:
    """Re-read the pledge under a row lock (two clicks cannot both move it) and ask the
    policy whether ``user`` may take ``action`` on it in its stored state."""
    locked = Pledge.objects.select_for_update().select_related("unit").get(pk=pledge.pk)
    policy_for(user, locked).require(action)
    return locked


def _require_office(user) -> None:
    if not policy_for(user, Pledge).is_office:
        raise PermissionDenied(_("Only the commune office (clerk or leader) may do this."))


@transaction.atomic
def sign_pledge(
    pledge: Pledge,
    user,
    signed_on: datetime.date | None = None,
    signatory_name: str | None = None,
) -> Pledge:
    """The unit has signed at the conference: the pledge opens for results."""
    locked = _lock(pledge, user, "sign")
    locked.signed_on = signed_on or locked.signed_on
    locked.signatory_name = signatory_name or locked.signatory_name
    problems = []
    if not locked.signed_on:
        problems.append(_("Enter the signing date."))
    if not locked.signatory_name:
        problems.append(_("Enter who signed for the unit."))
    if not locked.items.exists():
        problems.append(_("A pledge needs at least one item before it is signed."))
    # Results are measured against the commitment: an item without one cannot be signed.
    uncommitted = locked.items.filter(committed_value__isnull=True).exclude(
        direction=Direction.YES_NO
    )
    if uncommitted.exists():
        problems.append(
            _("Enter the commitment of every item before signing. Missing: %(items)s.")
            % {"items": "; ".join(uncommitted.values_list("title", flat=True))}
        )
    if problems:
        raise ValidationError(problems)
    locked.status = Status.SIGNED
    locked._history_user = user
    locked.save()
    _refresh(pledge, locked)
    return pledge


@transaction.atomic
def submit_pledge(pledge: Pledge, user) -> Pledge:
    """A user of the pledge's unit hands in the results; they lock until reviewed."""
    locked = _lock(pledge, user, "submit")
    missing = [item.title for item in locked.items.all() if not item.has_result]
    if missing:
        raise ValidationError(
            _("Enter the result of every item before submitting. Missing: %(items)s.")
            % {"items": "; ".join(missing)}
        )
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked._history_user = user
    locked.save()
    _refresh(pledge, locked)
    return pledge


@transaction.atomic
def approve_pledge(pledge: Pledge, user) -> Pledge:
    """The office accepts the results; summed commune targets are recomputed."""
    locked = _lock(pledge, user, "approve")
    record_review(locked, user, Status.APPROVED)
    recompute_rollups(_fed_targets(locked), user)
    _refresh(pledge, locked)
    return pledge


@transaction.atomic
def return_pledge(pledge: Pledge, user, note: str) -> Pledge:
    """The office sends submitted results back to the unit with a note."""
    _require_office(user)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write a note telling the unit what to correct."))
    locked = _lock(pledge, user, "return")
    record_review(locked, user, Status.RETURNED, note)
    _refresh(pledge, locked)
    return pledge


@transaction.atomic
def reopen_pledge(pledge: Pledge, user, note: str) -> Pledge:
    """The office withdraws an approval so the unit can correct and submit again.

    Its results stop counting in the summed commune targets until approved anew.
    """
    _require_office(user)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write why the approved pledge is reopened."))
    locked = _lock(pledge, user, "reopen")
    record_review(locked, user, Status.RETURNED, note)
    recompute_rollups(_fed_targets(locked), user)
    _refresh(pledge, locked)
    return pledge


def _fed_targets(pledge):
    return Target.objects.filter(
        pk__in=pledge.items.exclude(target=None).values("target"), rollup=Target.Rollup.SUM
    )


def recompute_rollups(targets, user=None):
    """Set each summed target's actual to the total of its approved pledge results."""
    rollups.recompute(targets.filter(rollup=Target.Rollup.SUM), user)


def _refresh(pledge, locked):
    """Carry the saved state back to the caller's object."""
    for field in Pledge._meta.concrete_fields:
        setattr(pledge, field.attname, getattr(locked, field.attname))


@transaction.atomic
def assign_targets(targets, units, user) -> tuple[int, int, list]:
    """ "Giao chỉ tiêu": a draft pledge per unit with an item per target.

    Existing pledges get the items they lack; a pledge past draft is left alone and
    reported. Returns (pledges created, items created, units skipped).
    """
    _require_office(user)
    targets = list(targets.select_related("movement").order_by("order", "pk"))
    movements = {t.movement_id for t in targets}
    if len(movements) != 1:
        raise ValidationError(_("Choose targets of one movement only."))
    movement = targets[0].movement
    created_pledges = created_items = 0
    skipped = []
    for unit in units:
        pledge, created = Pledge.objects.get_or_create(movement=movement, unit=unit)
        created_pledges += created
        if pledge.status != Status.DRAFT:
            skipped.append(unit)
            continue
        have = set(pledge.items.values_list("target_id", flat=True))
        titles = set(pledge.items.values_list("title", flat=True))
        new = [
            PledgeItem(
                pledge=pledge,
                target=t,
                order=t.order,
                title=t.name,
                unit_of_measure=t.unit_of_measure,
                direction=t.direction,
            )
            for t in targets
            if t.pk not in have and t.name not in titles
        ]
        bulk_create_with_history(new, PledgeItem, default_user=user)
        created_items += len(new)
    return created_pledges, created_items, skipped
