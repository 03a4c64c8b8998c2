"""Who may do what to a commendation decision and its recipients, in which state.

draft --issue--> issued --revoke--> revoked

A draft is freely edited by the clerk; issuing validates, numbers and freezes it; an
issued or revoked decision and its recipients are never changed or deleted.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.policy import OFFICE_ONLY, Policy, Transition, office, own_unit, register

from .models import (
    Commendation,
    CouncilMeeting,
    CouncilVote,
    Decision,
    FundEntry,
    HamletCheck,
    HouseholdReview,
    HouseholdVote,
    Nomination,
    Registration,
)

Status = Decision.Status


@register(Decision)
class DecisionPolicy(Policy):
    computed_fields = frozenset(
        {
            "status",
            "base_salary",  # the base salary in force on the signing date
            "issued_at",
            "issued_by",
            "revoked_at",
            "revoked_by",
            "revoke_reason",
        }
    )
    state_message = _("A decision that is “%(status)s” cannot be %(action)s.")
    workflow = {
        "issue": Transition(
            office,
            OFFICE_ONLY,
            (Status.DRAFT,),
            _("issued"),
            wrong_state={
                Status.ISSUED: _("Only a draft decision can be issued."),
                Status.REVOKED: _("Only a draft decision can be issued."),
            },
        ),
        # The chairman's digitally signed copy of the issued PDF, uploaded and checked.
        "attach_signature": Transition(
            office,
            OFFICE_ONLY,
            (Status.ISSUED,),
            _("given its signed copy"),
        ),
        "revoke": Transition(
            office,
            OFFICE_ONLY,
            (Status.ISSUED,),
            _("revoked"),
            wrong_state={
                Status.DRAFT: _("Only an issued decision can be revoked."),
                Status.REVOKED: _("Only an issued decision can be revoked."),
            },
        ),
    }

    def is_draft(self) -> bool:
        return self.obj is None or self.obj.status == Status.DRAFT

    def editable_fields(self):
        return super().editable_fields() if self.is_draft() else frozenset()

    def can_delete(self):
        return super().can_delete() and self.is_draft()


@register(Commendation)
class CommendationPolicy(Policy):
    """A recipient follows its decision: pass the row, or an unsaved one with its decision."""

    computed_fields = frozenset({"bonus_amount", "register_number", "register_year"})

    def decision_is_draft(self) -> bool:
        if self.obj is None or not self.obj.decision_id:
            return True
        return self.obj.decision.status == Status.DRAFT

    def can_add(self):
        return super().can_add() and self.decision_is_draft()

    def editable_fields(self):
        return super().editable_fields() if self.decision_is_draft() else frozenset()

    def can_delete(self):
        return super().can_delete() and self.decision_is_draft()


ReviewStatus = HouseholdReview.Status


@register(HouseholdReview)
class HouseholdReviewPolicy(Policy):
    """draft --submit--> submitted --approve--> approved; submitted --return--> returned,
    which is corrected and submitted again. The hamlet's own accounts record the
    registrations and the meeting and submit; the office approves or returns."""

    unit_path = "unit"
    computed_fields = frozenset(
        {"status", "review_note", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by"}
    )
    state_message = _("A household review that is “%(status)s” cannot be %(action)s.")
    workflow = {
        "submit": Transition(
            own_unit,
            _("Only an account of %(unit)s may submit its review."),
            HouseholdReview.OPEN,
            _("submitted"),
        ),
        "approve": Transition(office, OFFICE_ONLY, (ReviewStatus.SUBMITTED,), _("approved")),
        "return": Transition(office, OFFICE_ONLY, (ReviewStatus.SUBMITTED,), _("returned")),
    }
    MEETING_FIELDS = frozenset({"meeting_on", "invited_count", "present_count"})

    def message_params(self):
        return {"unit": self.obj.unit}

    def records(self) -> bool:
        """This user records this review now: the hamlet's own account, while open."""
        return (
            self.obj is not None
            and self.obj.status in HouseholdReview.OPEN
            and self.acts_for_row()
            and self.has_perm("change")
        )

    POSTING_FIELDS = frozenset({"posted_from", "posted_until"})

    def posts(self) -> bool:
        """The office records the public posting of a handed-in review's list."""
        return (
            self.obj is not None
            and self.obj.status in (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED)
            and self.is_office
            and self.has_perm("change")
        )

    def editable_fields(self):
        if self.obj is None or self.obj.pk is None:
            return frozenset({"movement", "unit"}) if self.can_add() else frozenset()
        if self.records():
            return self.MEETING_FIELDS
        return self.POSTING_FIELDS if self.posts() else frozenset()

    def can_delete(self):
        return False  # a review is corrected, never deleted


@register(HouseholdVote)
class HouseholdVotePolicy(Policy):
    """A household's line of the review: ticked and voted by the hamlet while open; the
    lines themselves are made from the hamlet's households, never added by hand."""

    unit_path = "review__unit"

    def can_add(self):
        return False

    def can_delete(self):
        return False

    def editable_fields(self):
        if self.obj is None or self.obj.review_id is None:
            return frozenset()
        if HouseholdReviewPolicy(self.user, self.obj.review).records():
            return frozenset({"registered", "votes_for"})
        return frozenset()


NominationStatus = Nomination.Status


def own_unit_or_office(policy: Policy) -> bool:
    """An account of the proposing unit, or the office entering a unit's proposal."""
    return policy.acts_for_row() or policy.is_office


@register(Nomination)
class NominationPolicy(Policy):
    """draft --submit--> submitted --accept--> accepted --council--> approved | rejected;
    approved --(an issued decision)--> decided. The office returns a submitted or accepted
    nomination with a note; the unit corrects it and submits again. A unit's accounts see
    and keep only their unit's nominations."""

    unit_path = "unit"
    computed_fields = frozenset(
        {"status", "review_note", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by"}
    )
    state_message = _("A nomination that is “%(status)s” cannot be %(action)s.")
    workflow = {
        "submit": Transition(
            own_unit_or_office,
            _("Only an account of %(unit)s or the commune office may submit its nomination."),
            Nomination.OPEN,
            _("submitted"),
        ),
        "accept": Transition(office, OFFICE_ONLY, (NominationStatus.SUBMITTED,), _("accepted")),
        "return": Transition(
            office,
            OFFICE_ONLY,
            (NominationStatus.SUBMITTED, NominationStatus.ACCEPTED),
            _("returned"),
        ),
        # Recorded from the council's votes (awards.services.record_council_vote).
        "vote": Transition(
            office,
            OFFICE_ONLY,
            (NominationStatus.ACCEPTED,),
            _("voted on by the council"),
            wrong_state={
                NominationStatus.APPROVED: _("The council has already voted on this nomination."),
                NominationStatus.REJECTED: _("The council has already voted on this nomination."),
                NominationStatus.DECIDED: _("The council has already voted on this nomination."),
            },
        ),
    }

    def message_params(self):
        return {"unit": self.obj.unit}

    def is_open(self) -> bool:
        return self.obj is None or self.obj.pk is None or self.obj.status in Nomination.OPEN

    def editable_fields(self):
        if self.obj is None or self.obj.pk is None:
            return super().editable_fields()
        if not self.is_open() or not own_unit_or_office(self):
            return frozenset()
        # Who proposes, and for which year, stays what it was.
        return super().editable_fields() - {"movement", "unit"}

    def can_delete(self):
        # A draft never handed in may be withdrawn by its unit; after that it is kept.
        return (
            super().can_delete()
            and self.obj is not None
            and self.obj.status == NominationStatus.DRAFT
        )


@register(CouncilMeeting)
class CouncilMeetingPolicy(Policy):
    """The office records the council's meetings; once a vote is recorded the meeting's
    figures are what the votes were counted against and stay as they were."""

    def has_votes(self) -> bool:
        return self.obj is not None and self.obj.pk is not None and self.obj.votes.exists()

    def editable_fields(self):
        if self.has_votes():
            return frozenset()
        return super().editable_fields()

    def can_delete(self):
        return super().can_delete() and self.obj is not None and not self.has_votes()

    def records_votes(self) -> bool:
        """May record the council's votes of this meeting."""
        return self.is_office and self.has_perm("change")


@register(CouncilVote)
class CouncilVotePolicy(Policy):
    """A council result is recorded through the meeting's votes page, never typed in or
    changed here: it moved the nomination on."""

    commune_path = "meeting__movement__commune"

    def can_add(self):
        return False

    def editable_fields(self):
        return frozenset()

    def can_delete(self):
        return False


@register(HamletCheck)
class HamletCheckPolicy(Policy):
    """A hamlet's mark against one Thôn văn hóa criterion: the office's, in its commune."""

    commune_path = "criterion__movement__commune"


@register(FundEntry)
class FundEntryPolicy(Policy):
    """Money in and out of a commune's fund (a refund names a decision, others none)."""

    commune_path = "fund__commune"


@register(Registration)
class RegistrationPolicy(Policy):
    """A unit registers itself and its people by the movement's deadline (đăng ký thi
    đua); after it, only the office adds, changes or withdraws a registration."""

    unit_path = "unit"

    def deadline_passed(self) -> bool:
        movement = getattr(self.obj, "movement", None) if self.obj is not None else None
        deadline = movement.registration_deadline if movement is not None else None
        return deadline is not None and timezone.localdate() > deadline

    def units_may_write(self) -> bool:
        return self.is_office or not self.deadline_passed()

    def can_add(self):
        return super().can_add() and self.units_may_write()

    def editable_fields(self):
        if not self.units_may_write():
            return frozenset()
        fields = super().editable_fields()
        if self.obj is not None and self.obj.pk is not None and not self.is_office:
            fields -= {"movement", "unit"}
        return fields

    def can_delete(self):
        return super().can_delete() and self.units_may_write()
