"""Who may do what to a pledge and its items, in which state. The only place it is decided.

draft --sign--> signed --submit--> submitted --approve--> approved
                  ^                    |                      |
                  |                 return                 reopen
                  +---- returned <-----+----------------------+

The office (clerk or leader) signs, approves, returns and reopens; only the accounts of
the pledge's own unit enter results (while signed or returned) and submit them. The clerk
defines the pledge and its items while it is a draft; once signed only the scan of the
signed pledge may still be attached, and nothing of an approved pledge changes but by
the workflow.
"""

from django.utils.translation import gettext_lazy as _

from emulation.policy import OFFICE_ONLY, Policy, Transition, office, own_unit, register

from .models import Pledge, PledgeItem

Status = Pledge.Status
OPEN_FOR_RESULTS = Pledge.OPEN_FOR_RESULTS

PLEDGE_FIELDS = ("movement", "unit", "signed_on", "signatory_name", "document")
DEFINITION_FIELDS = ("order", "title", "target", "unit_of_measure", "direction", "committed_value")
RESULT_FIELDS = ("result_value", "achieved", "result_note")


@register(Pledge)
class PledgePolicy(Policy):
    unit_path = "unit"
    computed_fields = frozenset(
        {"status", "review_note", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by"}
    )
    state_message = _("A pledge that is “%(status)s” cannot be %(action)s.")
    workflow = {
        "sign": Transition(office, OFFICE_ONLY, (Status.DRAFT,), _("marked as signed")),
        "submit": Transition(
            own_unit,
            _("Only an account of %(unit)s may submit its results."),
            OPEN_FOR_RESULTS,
            _("submitted"),
        ),
        "approve": Transition(office, OFFICE_ONLY, (Status.SUBMITTED,), _("approved")),
        "return": Transition(
            office,
            OFFICE_ONLY,
            (Status.SUBMITTED,),
            _("returned"),
            wrong_state={
                Status.APPROVED: _(
                    "An approved pledge cannot be returned; reopen it first if it needs correcting."
                )
            },
        ),
        "reopen": Transition(office, OFFICE_ONLY, (Status.APPROVED,), _("reopened")),
    }

    def message_params(self):
        return {"unit": self.obj.unit}

    def accepts_results(self) -> bool:
        return self.obj is not None and self.obj.status in OPEN_FOR_RESULTS

    def enters_results(self) -> bool:
        """This user enters the results of this pledge now (the unit's own accounts)."""
        return self.accepts_results() and self.acts_for_row() and self.has_perm("change")

    def editable_fields(self):
        if self.obj is None or self.obj.pk is None:
            return frozenset(PLEDGE_FIELDS) if self.can_add() else frozenset()
        if not (self.has_perm("change") and self.is_office):
            return frozenset()
        if self.obj.status == Status.DRAFT:
            return frozenset(PLEDGE_FIELDS)
        if self.obj.status == Status.SIGNED:
            return frozenset({"document"})  # the scan may arrive after signing
        return frozenset()

    def can_add(self):
        return self.has_perm("add") and self.is_office

    def can_change(self):
        """The change form saves: the office's pledge fields, or the unit's results."""
        if self.obj is None:
            return self.has_perm("change")
        return bool(self.editable_fields()) or self.enters_results()

    def can_delete(self):
        return (
            self.has_perm("delete")
            and self.is_office
            and (self.obj is None or self.obj.status == Status.DRAFT)
        )


@register(PledgeItem)
class PledgeItemPolicy(Policy):
    """An item follows its pledge: pass the item, or an unsaved one with its pledge set."""

    unit_path = "pledge__unit"

    def pledge(self):
        return self.obj.pledge if self.obj is not None and self.obj.pledge_id else None

    def in_scope(self):
        if self.pledge() is None:
            return True
        return super().in_scope()

    def editable_fields(self):
        pledge = self.pledge()
        if pledge is None:
            return frozenset(DEFINITION_FIELDS) | {"pledge"} if self.can_add() else frozenset()
        if not self.has_perm("change"):
            return frozenset()
        if pledge.status == Status.DRAFT and self.is_office:
            fields = frozenset(DEFINITION_FIELDS)
            return fields | {"pledge"} if self.obj.pk is None else fields
        if pledge.status in OPEN_FOR_RESULTS and self.acts_for_row():
            return frozenset(RESULT_FIELDS)
        return frozenset()

    def _office_defines(self, action):
        """Items are added and removed by the office, while the pledge is a draft."""
        pledge = self.pledge()
        return (
            self.has_perm(action)
            and self.is_office
            and (pledge is None or pledge.status == Status.DRAFT)
        )

    def can_add(self):
        return self._office_defines("add")

    def can_delete(self):
        return self._office_defines("delete")
