"""Who may do what to a commendation decision and its recipients, in which state.

draft --issue--> issued --revoke--> revoked

A draft is freely edited by the clerk; issuing validates, numbers and freezes it; an
issued or revoked decision and its recipients are never changed or deleted.
"""

from django.utils.translation import gettext_lazy as _

from emulation.policy import OFFICE_ONLY, Policy, Transition, office, own_unit, register

from .models import Commendation, Decision, HouseholdReview, HouseholdVote

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
