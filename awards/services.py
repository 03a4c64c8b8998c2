"""Issuing and revoking commendation decisions. One transaction each; Vietnamese errors."""

from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.roles import is_office

from .models import NUMBER_PATTERN, Commendation, Decision, _services_writing


@contextmanager
def _writing():
    token = _services_writing.set(True)
    try:
        yield
    finally:
        _services_writing.reset(token)


def _require_office(user):
    if not is_office(user):
        raise PermissionDenied(_("Only the commune office (clerk or leader) may do this."))


def issue_problems(decision):
    """Everything that stops ``decision`` from being issued, as Vietnamese sentences."""
    problems = []
    if not decision.is_draft:
        problems.append(_("Only a draft decision can be issued."))
    if not NUMBER_PATTERN.match(decision.number or ""):
        problems.append(_("Write the number as N/QĐ-UBND, e.g. 15/QĐ-UBND."))
    if not decision.signed_on:
        problems.append(_("Enter the signing date."))
    elif (
        decision.number
        and Decision.objects.filter(number=decision.number, number_year=decision.signed_on.year)
        .exclude(pk=decision.pk)
        .exists()
    ):
        problems.append(
            _("Number %(number)s is already used in %(year)s.")
            % {"number": decision.number, "year": decision.signed_on.year}
        )
    if not decision.signer_name.strip():
        problems.append(_("Enter the signer's name."))
    if decision.base_salary is None:
        problems.append(_("Enter the base salary in force on the signing date."))
    lines = list(decision.commendations.select_related("award_kind", "unit"))
    if not lines:
        problems.append(_("Add at least one recipient."))
    for number, line in enumerate(lines, 1):
        for problem in line.problems():
            problems.append(
                _("Recipient %(n)s (%(name)s): %(problem)s.")
                % {"n": number, "name": line.display_name or "—", "problem": problem}
            )
    return problems


@transaction.atomic
def issue_decision(decision, user):
    """Validate, number the recipients in the year's register, give each an unguessable
    verification code, and freeze the decision."""
    _require_office(user)
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    problems = issue_problems(locked)
    if problems:
        raise ValidationError(problems)
    year = locked.signed_on.year
    last = (
        Commendation.objects.filter(register_year=year).aggregate(last=Max("register_number"))[
            "last"
        ]
        or 0
    )
    lines = list(
        locked.commendations.select_related("award_kind", "unit").order_by(
            "recipient_type", "order", "pk"
        )
    )
    # Collectives first, then individuals, as in the attached list.
    lines.sort(key=lambda c: (not c.is_collective, c.order, c.pk))
    with _writing():
        for offset, line in enumerate(lines, 1):
            line.register_year = year
            line.register_number = last + offset
            line.verification_code = Commendation.new_verification_code()
            line.bonus_amount = line.computed_bonus()
            line._history_user = user
            line.save()
        locked.status = Decision.Status.ISSUED
        locked.number_year = year
        locked.issued_at = timezone.now()
        locked.issued_by = user
        locked._history_user = user
        locked.save()
    decision.refresh_from_db()
    return decision


@transaction.atomic
def revoke_decision(decision, user, reason):
    """Withdraw an issued decision: every row stays; its certificates verify as revoked."""
    _require_office(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write the reason for revoking."))
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != Decision.Status.ISSUED:
        raise ValidationError(_("Only an issued decision can be revoked."))
    with _writing():
        locked.status = Decision.Status.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_by = user
        locked.revoke_reason = reason
        locked._history_user = user
        locked.save()
    decision.refresh_from_db()
    return decision


@transaction.atomic
def propose_from_ranking(decision, user, award_kind, count):
    """Fill a draft with the top ``count`` collectives of its movement's unit ranking."""
    if not apps.is_installed("pledges"):
        raise ValidationError(_("The unit ranking needs the pledges module."))
    from pledges.selectors import unit_ranking

    _require_office(user)
    if not decision.is_draft:
        raise ValidationError(_("Only a draft decision can be changed."))
    if not award_kind.allows(Commendation.Type.COLLECTIVE):
        raise ValidationError(_("“%(kind)s” is not awarded to collectives.") % {"kind": award_kind})
    present = set(
        decision.commendations.filter(recipient_type=Commendation.Type.COLLECTIVE).values_list(
            "unit_id", flat=True
        )
    )
    added = []
    for row in unit_ranking(decision.movement):
        if len(added) >= count:
            break
        if row.unit.pk in present:
            continue
        added.append(
            Commendation.objects.create(
                decision=decision,
                award_kind=award_kind,
                unit=row.unit,
                recipient_type=Commendation.Type.COLLECTIVE,
                full_name=row.unit.name,
                order=len(present) + len(added) + 1,
            )
        )
    return added
