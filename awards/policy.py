"""Who may do what to a commendation decision and its recipients, in which state.

draft --issue--> issued --revoke--> revoked

A draft is freely edited by the clerk; issuing validates, numbers and freezes it; an
issued or revoked decision and its recipients are never changed or deleted.
"""

from django.utils.translation import gettext_lazy as _

from emulation.policy import OFFICE_ONLY, Policy, Transition, office, register

from .models import Commendation, Decision

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
