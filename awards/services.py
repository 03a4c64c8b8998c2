"""Issuing and revoking commendation decisions, and the bonuses of a draft. One
transaction each; Vietnamese errors. Who may do what is asked of ``awards.policy``."""

import hashlib

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from emulation.formatting import format_date, format_number
from emulation.policy import policy_for
from emulation.reviews import record_review

from .models import (
    NUMBER_PATTERN,
    QUORUM_PERCENT,
    AwardKind,
    Commendation,
    CouncilMeeting,
    CouncilRule,
    CouncilVote,
    Decision,
    HouseholdReview,
    HouseholdVote,
    IssuedDecisionFile,
    Nomination,
    RegisterCounter,
    SignedDecision,
    writing_frozen_records,
)
from .rollups import refresh_hamlet_targets, refresh_household_targets
from .terms import terms_on


def _require_office(user) -> None:
    if not policy_for(user, Decision).is_office:
        raise PermissionDenied(_("Only the commune office (clerk or leader) may do this."))


@transaction.atomic
def refresh_bonuses(decision: Decision, user=None) -> int:
    """Set every recipient's bonus of a draft from its award kind and the decision's base
    salary (the one money rule, ``Commendation.computed_bonus``). Called after the admin
    or an import changes a draft; an issued decision keeps the amounts it was issued with.
    Returns how many lines changed."""
    decision = Decision.objects.get(pk=decision.pk)
    if not decision.is_draft:
        return 0
    terms = terms_on(decision.signed_on)
    changed = []
    for line in decision.commendations.select_related("award_kind"):
        line.decision = decision
        amount = line.computed_bonus(terms)
        if line.bonus_amount != amount:
            line.bonus_amount = amount
            changed.append(line)
    if changed:
        bulk_update_with_history(changed, Commendation, ["bonus_amount"], default_user=user)
    return len(changed)


def _reserve_register_numbers(commune_id: int, year: int, count: int) -> int:
    """Take ``count`` register numbers of the commune's ``year`` under its counter lock;
    returns the first. The lock is held until the issuing transaction ends."""
    start = (
        Commendation.objects.filter(register_commune=commune_id, register_year=year).aggregate(
            last=Max("register_number")
        )["last"]
        or 0
    )
    # Creating the year's row races harmlessly: the loser's insert is ignored.
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(commune_id=commune_id, year=year, last_number=start)],
        ignore_conflicts=True,
    )
    counter = RegisterCounter.objects.select_for_update().get(commune=commune_id, year=year)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return first


def issue_problems(decision):
    """Everything that stops ``decision`` from being issued, as Vietnamese sentences."""
    problems = []
    if not decision.is_draft:
        problems.append(_("Only a draft decision can be issued."))
    commune = decision.movement.commune if decision.movement_id else None
    if commune is None or not commune.is_named:
        # The issued PDF is kept as rendered: it must carry the commune's name and kind.
        problems.append(_("Enter the commune's details first (Admin › Commune)."))
    if not NUMBER_PATTERN.match(decision.number or ""):
        problems.append(_("Write the number as N/QĐ-UBND, e.g. 15/QĐ-UBND."))
    if not decision.signed_on:
        problems.append(_("Enter the signing date."))
    elif (
        decision.number
        and Decision.objects.filter(
            number=decision.number,
            number_year=decision.signed_on.year,
            number_commune=decision.movement.commune_id,
        )
        .exclude(pk=decision.pk)
        .exists()
    ):
        problems.append(
            _("Number %(number)s is already used in %(year)s.")
            % {"number": decision.number, "year": decision.signed_on.year}
        )
    if not decision.signer_name.strip():
        problems.append(_("Enter the signer's name."))
    lines = list(decision.commendations.select_related("award_kind", "unit"))
    terms = terms_on(decision.signed_on)
    if not lines:
        problems.append(_("Add at least one recipient."))
    problems += posting_problems(decision, lines)
    problems += terms.problems(lines)
    for number, line in enumerate(lines, 1):
        for problem in line.problems(terms):
            problems.append(
                _("Recipient %(n)s (%(name)s): %(problem)s.")
                % {"n": number, "name": line.display_name or "—", "problem": problem}
            )
    return problems


def posting_problems(decision, lines) -> list[str]:
    """A decision recognising households is signed only after the list of every hamlet
    in it has been posted publicly for the movement's days (DOMAIN.md, step 4)."""
    hamlets = {line.unit_id for line in lines if line.is_household and line.unit_id}
    if not hamlets:
        return []
    problems = []
    reviews = {
        review.unit_id: review
        for review in HouseholdReview.objects.filter(
            movement_id=decision.movement_id, unit_id__in=hamlets
        ).select_related("unit")
    }
    for line in lines:
        if line.unit_id not in hamlets:
            continue
        hamlets.discard(line.unit_id)
        review = reviews.get(line.unit_id)
        if review is None or not review.posted_until:
            problems.append(
                _("%(unit)s: record when its list of households was posted publicly.")
                % {"unit": line.unit}
            )
        elif decision.signed_on and decision.signed_on <= review.posted_until:
            problems.append(
                _(
                    "%(unit)s: its list is posted until %(until)s; the decision is signed "
                    "after that day."
                )
                % {"unit": line.unit, "until": format_date(review.posted_until)}
            )
    return problems


@transaction.atomic
def issue_decision(decision: Decision, user) -> Decision:
    """Validate, number the recipients in the year's register, give each an unguessable
    verification code, and freeze the decision."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    policy_for(user, locked).require("issue")
    problems = issue_problems(locked)
    if problems:
        raise ValidationError(problems)
    year = locked.signed_on.year
    lines = list(
        locked.commendations.select_related("award_kind", "unit").order_by(
            "recipient_type", "order", "pk"
        )
    )
    # Collectives first, then individuals, as in the attached list.
    lines.sort(key=lambda c: (not c.is_collective, c.order, c.pk))
    commune_id = locked.movement.commune_id
    first = _reserve_register_numbers(commune_id, year, len(lines))
    terms = terms_on(locked.signed_on)
    with writing_frozen_records():
        for offset, line in enumerate(lines):
            line.register_commune_id = commune_id
            line.register_year = year
            line.register_number = first + offset
            line.verification_code = Commendation.new_verification_code()
            line.bonus_amount = line.computed_bonus(terms)
            line._history_user = user
            line.save()
        locked.status = Decision.Status.ISSUED
        locked.number_year = year
        locked.number_commune_id = commune_id
        locked.issued_at = timezone.now()
        locked.issued_by = user
        locked._history_user = user
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as error:
            # Another clerk issued a decision with this number a moment ago.
            raise ValidationError(
                _("Number %(number)s is already used in %(year)s.")
                % {"number": locked.number, "year": year}
            ) from error
    _follow_nominations(locked, user, Nomination.Status.APPROVED, Nomination.Status.DECIDED)
    _store_issued_pdf(locked, user)
    refresh_hamlet_targets(locked.movement, user)  # households recognised count there
    decision.refresh_from_db()
    return decision


@transaction.atomic
def revoke_decision(decision: Decision, user, reason: str) -> Decision:
    """Withdraw an issued decision: every row stays; its certificates verify as revoked."""
    _require_office(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write the reason for revoking."))
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    policy_for(user, locked).require("revoke")
    with writing_frozen_records():
        locked.status = Decision.Status.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_by = user
        locked.revoke_reason = reason
        locked._history_user = user
        locked.save()
    _follow_nominations(locked, user, Nomination.Status.DECIDED, Nomination.Status.APPROVED)
    refresh_hamlet_targets(locked.movement, user)
    decision.refresh_from_db()
    return decision


@transaction.atomic
def propose_from_ranking(
    decision: Decision, user, award_kind: AwardKind, count: int
) -> list[Commendation]:
    """Fill a draft with the top ``count`` collectives of its movement's unit ranking."""
    if not apps.is_installed("pledges"):
        raise ValidationError(_("The unit ranking needs the pledges module."))
    from pledges.selectors import unit_ranking

    if not decision.is_draft:
        raise ValidationError(_("Only a draft decision can be changed."))
    if not policy_for(user, Commendation(decision=decision)).can_add():
        raise PermissionDenied(_("Only the commune office's clerk may add recipients."))
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
            )
        )
    refresh_bonuses(decision, user)
    return added


# --- the yearly review of households (Gia đình văn hóa) --------------------------------


def _lock_review(review: HouseholdReview, user, action: str) -> HouseholdReview:
    locked = HouseholdReview.objects.select_for_update().select_related("unit").get(pk=review.pk)
    policy_for(user, locked).require(action)
    return locked


@transaction.atomic
def add_household_lines(review: HouseholdReview, user) -> int:
    """One line per active household of the hamlet that the review lacks (a household
    that moved in since); returns how many were added."""
    if not policy_for(user, review).can_view():
        raise PermissionDenied(_("Your account may not see this review."))
    have = set(review.votes.values_list("household_id", flat=True))
    missing = review.unit.households.filter(is_active=True).exclude(pk__in=have)
    lines = [HouseholdVote(review=review, household=household) for household in missing]
    bulk_create_with_history(lines, HouseholdVote, default_user=user)
    refresh_household_targets(review.movement, user)
    return len(lines)


def _lock_for_recording(review: HouseholdReview, user) -> HouseholdReview:
    locked = HouseholdReview.objects.select_for_update().select_related("unit").get(pk=review.pk)
    if not policy_for(user, locked).records():
        raise PermissionDenied(
            _("Only an account of %(unit)s may record its review, and only before it is submitted.")
            % {"unit": locked.unit}
        )
    return locked


@transaction.atomic
def record_household_lines(
    review: HouseholdReview, user, lines: dict[int, tuple[bool, int | None]]
) -> int:
    """Save the hamlet's ticks and votes for some of its households: ``lines`` maps a
    line's id to (registered, votes in favour). All or nothing; returns how many changed.
    A household taken off the register loses its votes."""
    locked = _lock_for_recording(review, user)
    stored = {
        vote.pk: vote for vote in locked.votes.select_related("household").filter(pk__in=lines)
    }
    problems = []
    unknown = set(lines) - set(stored)
    if unknown:
        problems.append(_("Some lines are not of this review; reload the page."))
    changed = []
    for pk, (registered, votes_for) in lines.items():
        vote = stored.get(pk)
        if vote is None:
            continue
        if not registered:
            votes_for = None
        if votes_for is not None and locked.present_count is None:
            problems.append(
                _(
                    "Record on the review page how many were present at the meeting before "
                    "entering votes."
                )
            )
            break
        if votes_for is not None:
            if votes_for > locked.present_count:
                problems.append(
                    _("%(household)s: more votes (%(votes)s) than people present (%(present)s).")
                    % {
                        "household": vote.household,
                        "votes": votes_for,
                        "present": locked.present_count,
                    }
                )
                continue
        if (vote.registered, vote.votes_for) != (registered, votes_for):
            vote.registered, vote.votes_for = registered, votes_for
            changed.append(vote)
    if problems:
        raise ValidationError(problems)
    bulk_update_with_history(changed, HouseholdVote, ["registered", "votes_for"], default_user=user)
    refresh_household_targets(locked.movement, user)
    return len(changed)


@transaction.atomic
def register_households(review: HouseholdReview, user, lines) -> int:
    """Tick "registered" for every line of ``lines`` (a queryset of the review's lines,
    e.g. all those a search shows); returns how many were newly registered."""
    locked = _lock_for_recording(review, user)
    changed = list(lines.filter(review=locked, registered=False))
    for vote in changed:
        vote.registered = True
    bulk_update_with_history(changed, HouseholdVote, ["registered"], default_user=user)
    refresh_household_targets(locked.movement, user)
    return len(changed)


@transaction.atomic
def submit_household_review(review: HouseholdReview, user) -> HouseholdReview:
    """The hamlet hands in its meeting's result; it locks until the office reviews it."""
    locked = _lock_review(review, user, "submit")
    problems = []
    if not locked.meeting_on:
        problems.append(_("Enter the date of the review meeting."))
    if not locked.invited_count or locked.present_count is None:
        problems.append(_("Enter how many were invited and how many were present."))
    elif not locked.quorum_met:
        problems.append(
            _(
                "The meeting is not valid: %(present)s present of %(invited)s invited is "
                "under %(quorum)s %%."
            )
            % {
                "present": locked.present_count,
                "invited": locked.invited_count,
                "quorum": QUORUM_PERCENT,
            }
        )
    unvoted = locked.votes.filter(registered=True, votes_for__isnull=True)
    if unvoted.exists():
        problems.append(
            _("Enter the votes for every registered household. Missing: %(households)s.")
            % {"households": "; ".join(str(vote.household) for vote in unvoted[:10])}
        )
    too_many = locked.votes.filter(votes_for__gt=locked.present_count or 0)
    if locked.present_count is not None and too_many.exists():
        problems.append(
            _("More votes than people present for: %(households)s.")
            % {"households": "; ".join(str(vote.household) for vote in too_many[:10])}
        )
    if problems:
        raise ValidationError(problems)
    locked.status = HouseholdReview.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked._history_user = user
    locked.save()
    return locked


@transaction.atomic
def approve_household_review(review: HouseholdReview, user) -> HouseholdReview:
    """The office accepts the hamlet's review: its passing households can be recognised."""
    locked = _lock_review(review, user, "approve")
    return record_review(locked, user, HouseholdReview.Status.APPROVED)


@transaction.atomic
def return_household_review(review: HouseholdReview, user, note: str) -> HouseholdReview:
    """The office sends a submitted review back to the hamlet with a note."""
    note = (note or "").strip()
    locked = _lock_review(review, user, "return")
    if not note:
        raise ValidationError(_("Write a note telling the hamlet what to correct."))
    return record_review(locked, user, HouseholdReview.Status.RETURNED, note)


def _proposal_kind(user, recipients: str, is_title: bool, missing: str) -> AwardKind:
    """The award kind a proposal uses (the first of its recipients and wording), once the
    office's right to draft decisions is checked."""
    if not policy_for(user, Decision).can_add():
        raise PermissionDenied(_("Only the commune office's clerk may propose a decision."))
    kind = (
        AwardKind.objects.filter(recipient_type=recipients, is_title=is_title)
        .order_by("order", "pk")
        .first()
    )
    if kind is None:
        raise ValidationError(missing)
    return kind


def _proposed_before(movement, kind, field: str) -> set:
    """``field`` (household_id, unit_id) of the movement's lines of ``kind`` in decisions
    not revoked: proposing again leaves them out."""
    return set(
        Commendation.objects.filter(decision__movement=movement, award_kind=kind)
        .exclude(decision__status=Decision.Status.REVOKED)
        .exclude(**{field: None})
        .values_list(field, flat=True)
    )


def _household_line(kind, review_unit, household) -> Commendation:
    return Commendation(
        award_kind=kind,
        recipient_type=Commendation.Type.HOUSEHOLD,
        unit=review_unit,
        household=household,
        honorific=household.honorific,
        full_name=household.head_name,
    )


def _draft_decision(movement, user, lines: list[Commendation], **wording) -> Decision:
    """A draft decision of the movement signed by the chairman, with ``lines`` numbered
    in their order and the bonuses of the law in force."""
    commune = movement.commune
    decision = Decision(
        movement=movement, signer_name=commune.chairman_name if commune else "", **wording
    )
    decision._history_user = user
    decision.save()
    for number, line in enumerate(lines, 1):
        line.decision, line.order = decision, number
    bulk_create_with_history(lines, Commendation, default_user=user)
    refresh_bonuses(decision, user)
    return decision


@transaction.atomic
def propose_household_decision(movement, user) -> Decision:
    """A draft decision recognising Gia đình văn hóa for every household that passed in
    the movement's approved reviews, hamlet by hamlet; households already in a decision
    of the movement (not revoked) are left out, so proposing again adds only the new."""
    kind = _proposal_kind(
        user,
        AwardKind.Allowed.HOUSEHOLD,
        True,
        _("There is no award kind for the households' title."),
    )
    taken = _proposed_before(movement, kind, "household_id")
    reviews = (
        HouseholdReview.objects.filter(movement=movement, status=HouseholdReview.Status.APPROVED)
        .select_related("unit")
        .order_by("unit__order", "unit__name")
    )
    passing = []
    for review in reviews:
        votes = review.votes.select_related("household").order_by(
            "household__head_name", "household__address", "pk"
        )
        passing += [v for v in votes if v.passes and v.household_id not in taken]
    if not passing:
        raise ValidationError(
            _("No approved review of %(year)s has a passing household not yet in a decision.")
            % {"year": movement.year}
        )
    return _draft_decision(
        movement,
        user,
        [_household_line(kind, vote.review.unit, vote.household) for vote in passing],
        reason=f"Đã đạt danh hiệu Gia đình văn hóa năm {movement.year}",
        proposal=(
            "Xét đề nghị của các thôn tại biên bản họp bình xét Gia đình văn hóa năm "
            f"{movement.year}"
        ),
        executors="Công chức Văn hóa - Xã hội, Trưởng các thôn",
    )


@transaction.atomic
def propose_household_award(movement, user) -> Decision:
    """A draft decision giving the household's Giấy khen to the households chosen among
    those recognised Gia đình văn hóa the movement's years running (at most its share, by
    votes from the highest; ``awards.selectors.household_award_candidates``)."""
    from .selectors import household_award_candidates

    kind = _proposal_kind(
        user,
        AwardKind.Allowed.HOUSEHOLD,
        False,
        _("There is no award kind for households' Giấy khen."),
    )
    taken = _proposed_before(movement, kind, "household_id")
    chosen = [
        c for c in household_award_candidates(movement) if c.chosen and c.household.pk not in taken
    ]
    if not chosen:
        raise ValidationError(
            _(
                "No household recognised %(years)s years running up to %(year)s is left to "
                "propose (at most %(share)s %% of them, by votes)."
            )
            % {
                "years": movement.household_award_years,
                "year": movement.year,
                "share": movement.household_award_share,
            }
        )
    first_year = movement.year - movement.household_award_years + 1
    return _draft_decision(
        movement,
        user,
        [_household_line(kind, c.vote.review.unit, c.household) for c in chosen],
        reason=(
            f"Đã đạt danh hiệu Gia đình văn hóa {movement.household_award_years} năm liền "
            f"({first_year} - {movement.year})"
        ),
    )


# --- Thôn văn hóa ------------------------------------------------------------------------


@transaction.atomic
def record_hamlet_checks(
    movement, user, entries: dict[tuple[int, int], tuple[bool | None, str]]
) -> int:
    """Save the office's judgements: ``entries`` maps (criterion id, hamlet id) to (met,
    note). Only checked criteria of the movement and active hamlets; all or nothing.
    Returns how many changed; the targets counting cultural hamlets follow."""
    from emulation.models import Unit

    from .models import HamletCheck, HamletCriterion

    if not policy_for(user, HamletCheck).is_office or not policy_for(user, HamletCheck).has_perm(
        "change"
    ):
        raise PermissionDenied(_("Only the commune office's clerk may check the hamlets."))
    criteria = {
        c.pk: c
        for c in HamletCriterion.objects.filter(
            movement=movement, kind=HamletCriterion.Kind.CHECKED
        )
    }
    hamlets = set(
        Unit.objects.filter(kind=Unit.Kind.HAMLET, is_active=True).values_list("pk", flat=True)
    )
    if any(c not in criteria or u not in hamlets for c, u in entries):
        raise ValidationError(_("Some lines are not of this checklist; reload the page."))
    stored = {
        (check.criterion_id, check.unit_id): check
        for check in HamletCheck.objects.filter(criterion__movement=movement)
    }
    changed = 0
    for (criterion_id, unit_id), (met, note) in entries.items():
        note = (note or "").strip()[:255]
        check = stored.get((criterion_id, unit_id))
        if check is None:
            if met is None and not note:
                continue
            check = HamletCheck(criterion_id=criterion_id, unit_id=unit_id)
        elif (check.met, check.note) == (met, note):
            continue
        check.met, check.note = met, note
        check._history_user = user
        check.save()
        changed += 1
    refresh_hamlet_targets(movement, user)
    return changed


@transaction.atomic
def propose_hamlet_decision(movement, user) -> Decision:
    """A draft decision recognising Thôn văn hóa for every hamlet that meets the
    movement's whole checklist and is not yet in a decision of it (not revoked)."""
    from .selectors import hamlet_standing

    kind = _proposal_kind(
        user,
        AwardKind.Allowed.COLLECTIVE,
        True,
        _("There is no award kind for the hamlets' title."),
    )
    taken = _proposed_before(movement, kind, "unit_id")
    meeting = [s.unit for s in hamlet_standing(movement) if s.meets and s.unit.pk not in taken]
    if not meeting:
        raise ValidationError(
            _("No hamlet meeting the whole checklist of %(year)s is left to propose.")
            % {"year": movement.year}
        )
    lines = [
        Commendation(
            award_kind=kind,
            recipient_type=Commendation.Type.COLLECTIVE,
            unit=unit,
            full_name=unit.name,
        )
        for unit in meeting
    ]
    return _draft_decision(
        movement, user, lines, reason=f"Đã đạt danh hiệu Thôn văn hóa năm {movement.year}"
    )


# --- from proposal to decision: nominations and the council ------------------------------


def _lock_nomination(nomination: Nomination, user, action: str) -> Nomination:
    # The nomination's own row is locked (PostgreSQL locks no outer-joined row).
    locked = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("unit", "award_kind")
        .get(pk=nomination.pk)
    )
    policy_for(user, locked).require(action)
    return locked


@transaction.atomic
def submit_nomination(nomination: Nomination, user) -> Nomination:
    """The unit hands its proposal to the office; it locks until the office answers."""
    locked = _lock_nomination(nomination, user, "submit")
    problems = locked.problems()
    try:
        locked.full_clean()
    except ValidationError as error:
        problems += error.messages
    if problems:
        raise ValidationError(problems)
    locked.status = Nomination.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked._history_user = user
    locked.save()
    return locked


@transaction.atomic
def return_nomination(nomination: Nomination, user, note: str) -> Nomination:
    """The office sends a nomination back to its unit with what to correct."""
    note = (note or "").strip()
    locked = _lock_nomination(nomination, user, "return")
    if not note:
        raise ValidationError(_("Write a note telling the unit what to correct."))
    return record_review(locked, user, Nomination.Status.RETURNED, note)


@transaction.atomic
def accept_nomination(nomination: Nomination, user) -> Nomination:
    """The office has checked the nomination: it goes before the council."""
    locked = _lock_nomination(nomination, user, "accept")
    return record_review(locked, user, Nomination.Status.ACCEPTED)


def council_vote_problems(meeting: CouncilMeeting, nomination: Nomination, votes_for, votes_cast):
    """What stops the council's result on ``nomination`` from being recorded, and the rule
    in force on the meeting's day (None when there is none)."""
    problems = []
    kind = nomination.award_kind
    rule = CouncilRule.in_force_on(kind, meeting.held_on)
    day = format_date(meeting.held_on)
    if nomination.movement_id != meeting.movement_id:
        problems.append(_("The nomination is not of this meeting's movement."))
    if rule is None:
        problems.append(
            _("“%(kind)s” has no council rule in force on %(day)s: add it under Council rules.")
            % {"kind": kind, "day": day}
        )
    elif not rule.confirmed:
        problems.append(
            _(
                "The council rule of “%(kind)s” from %(start)s is not confirmed: set it from the "
                "province's regulation on emulation and commendation, then tick “checked "
                "against the regulation” at %(url)s."
            )
            % {
                "kind": kind,
                "start": format_date(rule.valid_from),
                "url": reverse("admin:awards_councilrule_change", args=[rule.pk]),
            }
        )
    elif not rule.quorum_met(meeting):
        problems.append(
            _(
                "The meeting cannot decide on “%(kind)s”: %(present)s of %(total)s members "
                "present is under %(quorum)s %%."
            )
            % {
                "kind": kind,
                "present": meeting.members_present,
                "total": meeting.members_total,
                "quorum": format_number(rule.quorum_percent),
            }
        )
    if votes_for is None or votes_cast is None or votes_for < 0 or votes_cast < 0:
        problems.append(_("Enter the votes in favour and the votes cast as whole numbers."))
    elif votes_for > votes_cast:
        problems.append(_("More votes in favour than votes cast."))
    elif votes_cast > meeting.members_present:
        problems.append(
            _("More votes cast than members present (%(present)s).")
            % {"present": meeting.members_present}
        )
    return problems, rule


@transaction.atomic
def record_council_vote(
    meeting: CouncilMeeting, nomination: Nomination, votes_for: int, votes_cast: int, user
) -> CouncilVote:
    """Record the council's votes on an accepted nomination, counted by the council rule
    of its award kind in force on the meeting's day: the nomination is approved or not."""
    if not policy_for(user, meeting).records_votes():
        raise PermissionDenied(_("Only the commune office's clerk may record the council's votes."))
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    locked = _lock_nomination(nomination, user, "vote")
    problems, rule = council_vote_problems(meeting, locked, votes_for, votes_cast)
    if problems:
        raise ValidationError(
            [
                _("%(nomination)s: %(problem)s") % {"nomination": locked, "problem": problem}
                for problem in problems
            ]
        )
    vote = CouncilVote(
        meeting=meeting,
        nomination=locked,
        votes_for=votes_for,
        votes_cast=votes_cast,
        rule=rule,
        passed=rule.passes(meeting, votes_for, votes_cast),
    )
    vote._history_user = user
    vote.save()
    status = Nomination.Status.APPROVED if vote.passed else Nomination.Status.REJECTED
    record_review(locked, user, status)
    return vote


@transaction.atomic
def record_council_votes(
    meeting: CouncilMeeting, user, entries: dict[int, tuple[int, int]]
) -> list[CouncilVote]:
    """The meeting's votes page: ``entries`` maps a nomination's id to (votes in favour,
    votes cast); every one is recorded or, when any is refused, none."""
    nominations = {
        n.pk: n for n in Nomination.objects.filter(pk__in=entries, movement_id=meeting.movement_id)
    }
    if set(entries) - set(nominations):
        raise ValidationError(
            _("Some lines are not of this meeting's nominations; reload the page.")
        )
    problems, votes = [], []
    for pk, (votes_for, votes_cast) in entries.items():
        try:
            with transaction.atomic():
                votes.append(
                    record_council_vote(meeting, nominations[pk], votes_for, votes_cast, user)
                )
        except ValidationError as error:
            problems += error.messages
    if problems:
        raise ValidationError(problems)
    return votes


def _award_subject_choice(movement, day):
    """Per subject (awards.models.Nomination.subject_key) of the movement's approved or
    decided nominations, the one with the highest bonus coefficient in force on ``day``:
    one subject proposed for several titles of the same period gets the highest only
    (Nghị định 152/2025 Điều 49 khoản 5)."""
    nominations = list(
        Nomination.objects.filter(
            movement=movement,
            status__in=[Nomination.Status.APPROVED, Nomination.Status.DECIDED],
        ).select_related("award_kind", "unit", "household")
    )
    terms = terms_on(day)

    def weight(nomination):
        coefficient = terms.coefficient(nomination.award_kind, nomination.recipient_type)
        # Higher coefficient first; then the kind listed first; then the earlier proposal.
        return (-(coefficient or 0), nomination.award_kind.order, nomination.pk)

    chosen = {}
    for nomination in sorted(nominations, key=weight):
        chosen.setdefault(nomination.subject_key(), nomination)
    return nominations, chosen, terms


def nominations_left_out(movement, day=None) -> list[tuple[Nomination, str]]:
    """The movement's approved nominations a proposal leaves out, each with the reason."""
    day = day or timezone.localdate()
    nominations, chosen, terms = _award_subject_choice(movement, day)
    left = []
    for nomination in nominations:
        if nomination.status != Nomination.Status.APPROVED:
            continue
        best = chosen[nomination.subject_key()]
        if best.pk != nomination.pk:
            left.append(
                (
                    nomination,
                    _("the same subject is proposed for “%(kind)s”, which ranks higher")
                    % {"kind": best.award_kind},
                )
            )
        elif terms.rule(nomination.award_kind) and not terms.grants(nomination.award_kind):
            left.append(
                (
                    nomination,
                    _("“%(kind)s” is not granted by the commune chairman: propose it upward")
                    % {"kind": nomination.award_kind},
                )
            )
    return left


def _nomination_line(nomination: Nomination) -> Commendation:
    return Commendation(
        award_kind=nomination.award_kind,
        recipient_type=nomination.recipient_type,
        unit=nomination.unit,
        household=nomination.household,
        honorific=nomination.honorific,
        full_name=nomination.full_name if not nomination.is_collective else nomination.name,
        position=nomination.position,
        achievement=nomination.achievement,
        nomination=nomination,
    )


@transaction.atomic
def propose_decisions_from_nominations(movement, user) -> list[Decision]:
    """Draft decisions, one per award kind, from the movement's nominations the council
    approved that are not yet in a decision (not revoked): recipients, achievements and
    bonuses from the dated rules; the highest title only where one subject has several;
    awards the commune does not grant on the day are left to be proposed upward."""
    if not policy_for(user, Decision).can_add():
        raise PermissionDenied(_("Only the commune office's clerk may propose a decision."))
    day = timezone.localdate()
    _nominations, chosen, terms = _award_subject_choice(movement, day)
    taken = set(
        Commendation.objects.filter(decision__movement=movement, nomination__isnull=False)
        .exclude(decision__status=Decision.Status.REVOKED)
        .values_list("nomination_id", flat=True)
    )
    by_kind: dict[int, list[Nomination]] = {}
    for nomination in chosen.values():
        if nomination.status != Nomination.Status.APPROVED or nomination.pk in taken:
            continue
        if terms.rule(nomination.award_kind) and not terms.grants(nomination.award_kind):
            continue
        by_kind.setdefault(nomination.award_kind_id, []).append(nomination)
    if not by_kind:
        raise ValidationError(
            _("No nomination of %(year)s approved by the council is left to decide.")
            % {"year": movement.year}
        )
    meetings = {
        vote.nomination_id: vote.meeting
        for vote in CouncilVote.objects.filter(
            nomination__movement=movement, passed=True
        ).select_related("meeting")
    }
    decisions = []
    kinds = AwardKind.objects.in_bulk(by_kind)
    for kind_id in sorted(by_kind, key=lambda pk: (kinds[pk].order, kinds[pk].name)):
        kind = kinds[kind_id]
        # Collectives first, as in the attached list; each in the order it was proposed
        # (the clerk renumbers the draft if the commune lists them otherwise).
        group = sorted(by_kind[kind_id], key=lambda n: (not n.is_collective, n.pk))
        held = sorted({meetings[n.pk].held_on for n in group if n.pk in meetings})
        proposal = "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã"
        if held:
            proposal += " tại cuộc họp ngày " + ", ".join(format_date(day) for day in held)
        wording = {"proposal": proposal}
        if kind.is_title:
            wording["reason"] = f"Đã đạt danh hiệu {kind.name} năm {movement.year}"
        decisions.append(
            _draft_decision(movement, user, [_nomination_line(n) for n in group], **wording)
        )
    return decisions


def _follow_nominations(decision: Decision, user, from_status, to_status) -> None:
    """The nominations behind ``decision``'s lines move with it: decided when it is
    issued, approved again (to be decided anew) when it is revoked."""
    nominations = Nomination.objects.filter(
        commendations__decision=decision, status=from_status
    ).distinct()
    changed = list(nominations)
    for nomination in changed:
        nomination.status = to_status
    bulk_update_with_history(changed, Nomination, ["status"], default_user=user)


# --- the issued decision as a fixed file, and its signed copy ----------------------------


def _store_issued_pdf(decision: Decision, user) -> IssuedDecisionFile:
    """Render the issued decision once and keep the bytes (and their SHA-256): they are
    what every download serves and what the chairman signs."""
    from .documents import render_decision_pdf

    pdf = render_decision_pdf(decision)
    stored = IssuedDecisionFile(decision=decision, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
    stored._history_user = user
    stored.save()
    return stored


@transaction.atomic
def attach_signed_decision(
    decision: Decision, pdf_bytes: bytes, user, *, trust_roots=None
) -> SignedDecision:
    """Keep the chairman's digitally signed copy of an issued decision once pyHanko has
    checked it (awards.signatures): intact, over exactly the stored issued PDF, later
    revisions changing no content, each certificate trusted and valid when it signed. A
    second signature is the organisation's: the uploaded file's own, or the one the
    product adds when the commune configured its organisation certificate and seal
    (awards.signatures.organisation_signing). The signer's name is compared with the
    decision's signer; a mismatch is kept and shown, not refused. ``trust_roots`` replaces
    the installed roots (the demo's own authority, awards/demo_signing)."""
    from emulation.text import fold

    from .signatures import (
        SignatureRefused,
        add_organisation_signature,
        check_signed_pdf,
        organisation_signing,
        outside_event_loop,
    )

    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    policy_for(user, locked).require("attach_signature")
    if SignedDecision.objects.filter(decision=locked).exists():
        raise ValidationError(
            _("Decision %(number)s already has its signed copy.") % {"number": locked.number}
        )
    stored = IssuedDecisionFile.objects.filter(decision=locked).first()
    if stored is None:
        raise ValidationError(
            _(
                "Decision %(number)s was issued before issued files were kept: there is no "
                "stored PDF to compare the signed file with."
            )
            % {"number": locked.number}
        )
    pdf_bytes = bytes(pdf_bytes)
    try:
        checks = outside_event_loop(check_signed_pdf, pdf_bytes, bytes(stored.pdf), trust_roots)
        signing = organisation_signing()
        if signing is not None and len(checks) == 1:
            # The commune signs as the organisation after its chairman, and the file with
            # both signatures is checked again as a whole before it is kept.
            pdf_bytes = outside_event_loop(add_organisation_signature, pdf_bytes, signing)
            checks = outside_event_loop(check_signed_pdf, pdf_bytes, bytes(stored.pdf), trust_roots)
    except SignatureRefused as refused:
        raise ValidationError(str(refused)) from refused
    chairman, *others = checks
    organisation = others[-1] if others else None
    signed = SignedDecision(
        decision=locked,
        pdf=bytes(pdf_bytes),
        sha256=hashlib.sha256(pdf_bytes).hexdigest(),
        signer_name=chairman.signer_name[:255],
        signer_issuer=chairman.issuer[:255],
        signed_at=chairman.signed_at or timezone.now(),
        organisation_name=organisation.signer_name[:255] if organisation else "",
        organisation_signed_at=organisation.signed_at if organisation else None,
        signer_matches=" ".join(fold(chairman.signer_name).split())
        == " ".join(fold(locked.signer_name).split()),
        revocation_note=chairman.revocation_note[:255],
        uploaded_by=user,
    )
    signed._history_user = user
    signed.save()
    return signed
