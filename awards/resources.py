from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field
from import_export.widgets import IntegerWidget, Widget

from emulation.imports import (
    ChoiceLabelWidget,
    LookupCache,
    NaturalKeyWidget,
    SafeTextWidget,
    VietnameseDecimalWidget,
    VietnameseModelResource,
)
from emulation.models import Movement, Unit
from emulation.policy import COMMAND_LINE, policy_for

from .models import AwardKind, Commendation, Decision, RecipientType, Registration
from .terms import terms_on


class DraftDecisionWidget(LookupCache, Widget):
    """A decision by its number; only a draft takes recipients from a file."""

    def clean(self, value, row=None, **kwargs):
        number = str(value or "").strip()
        if not number:
            raise ValueError(_("Enter the decision number."))
        return self.remember(number, lambda: self._find(number))

    def _find(self, number):
        decisions = self.within_reach(Decision.objects.filter(number=number))
        draft = decisions.filter(status=Decision.Status.DRAFT).first()
        if draft is not None:
            return draft
        if decisions.exists():
            raise ValueError(
                _("Decision %(number)s is already issued: its recipients cannot be changed.")
                % {"number": number}
            )
        raise ValueError(_("There is no draft decision numbered %(number)s.") % {"number": number})

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""


class RecipientNumberWidget(IntegerWidget):
    """The STT: the recipient's key within the decision, so never empty."""

    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row=row, **kwargs)
        if number is None or number < 1:
            raise ValueError(
                _(
                    "Enter the STT (1, 2, 3…) of the recipient among the decision's collectives "
                    "or among its individuals."
                )
            )
        return number


class HonorificWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().capitalize()
        if text in ("", "Ông", "Bà"):
            return text
        raise ValueError(_("Write “Ông” or “Bà”, not “%(value)s”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value or ""


class CommendationResource(VietnameseModelResource):
    decision = Field(
        attribute="decision", column_name="Quyết định số", widget=DraftDecisionWidget()
    )
    order = Field(attribute="order", column_name="STT", widget=RecipientNumberWidget())
    recipient_type = Field(
        attribute="recipient_type", column_name="Đối tượng", widget=ChoiceLabelWidget(RecipientType)
    )
    honorific = Field(attribute="honorific", column_name="Danh xưng", widget=HonorificWidget())
    full_name = Field(
        attribute="full_name", column_name="Họ tên / tên tập thể", widget=SafeTextWidget()
    )
    position = Field(attribute="position", column_name="Chức vụ", widget=SafeTextWidget())
    unit = Field(
        attribute="unit",
        column_name="Đơn vị",
        widget=NaturalKeyWidget(Unit, "name", gettext_lazy("There is no unit named “%(value)s”.")),
    )
    award_kind = Field(
        attribute="award_kind",
        column_name="Hình thức",
        widget=NaturalKeyWidget(
            AwardKind, "name", gettext_lazy("There is no award kind named “%(value)s”.")
        ),
    )
    achievement = Field(attribute="achievement", column_name="Thành tích", widget=SafeTextWidget())
    bonus_amount = Field(
        attribute="bonus_amount",
        column_name="Số tiền (đồng)",
        readonly=True,
        widget=VietnameseDecimalWidget(),
    )
    register_number = Field(
        attribute="register_number", column_name="Số sổ", readonly=True, widget=IntegerWidget()
    )

    class Meta:
        model = Commendation
        # The STT within the decision's collectives or individuals: unlike the name (blank
        # for a collective named by its unit), it cannot be shared by two recipients.
        import_id_fields = ("decision", "recipient_type", "order")
        fields = (
            "decision",
            "order",
            "recipient_type",
            "honorific",
            "full_name",
            "position",
            "unit",
            "award_kind",
            "achievement",
            "bonus_amount",
            "register_number",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("decision", "award_kind", "unit")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.award_kind_id and not errors:
            problems = [str(p) for p in instance.problems(self._terms(instance))]
            if problems:
                errors.setdefault("__all__", []).extend(problems)
        super().validate_instance(instance, errors, validate_unique)
        # Rows are written in bulk, past Commendation.save(): compute the amount here.
        instance.bonus_amount = instance.computed_bonus(self._terms(instance))

    def _terms(self, instance):
        """The law on the decision's signing date, read once per decision of the file."""
        key = ("terms", instance.decision_id)
        if key not in self.run.memo:
            self.run.memo[key] = terms_on(instance.decision.signed_on)
        return self.run.memo[key]


class RegistrationResource(VietnameseModelResource):
    """Đăng ký thi đua to and from a spreadsheet: one row per unit or person registered for
    a title, keyed by the year, the unit, the title, who and the name."""

    movement = Field(
        attribute="movement",
        column_name="Năm",
        widget=NaturalKeyWidget(
            Movement, "year", gettext_lazy("There is no movement for the year %(value)s.")
        ),
    )
    unit = Field(
        attribute="unit",
        column_name="Đơn vị",
        widget=NaturalKeyWidget(Unit, "name", gettext_lazy("There is no unit named “%(value)s”.")),
    )
    recipient_type = Field(
        attribute="recipient_type", column_name="Đối tượng", widget=ChoiceLabelWidget(RecipientType)
    )
    honorific = Field(attribute="honorific", column_name="Danh xưng", widget=HonorificWidget())
    full_name = Field(attribute="full_name", column_name="Họ tên", widget=SafeTextWidget())
    position = Field(attribute="position", column_name="Chức vụ", widget=SafeTextWidget())
    award_kind = Field(
        attribute="award_kind",
        column_name="Danh hiệu đăng ký",
        widget=NaturalKeyWidget(
            AwardKind, "name", gettext_lazy("There is no award kind named “%(value)s”.")
        ),
    )

    class Meta:
        model = Registration
        import_id_fields = ("movement", "unit", "award_kind", "recipient_type", "full_name")
        fields = (
            "movement",
            "unit",
            "recipient_type",
            "honorific",
            "full_name",
            "position",
            "award_kind",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("movement", "unit", "award_kind")

    def required_columns(self):
        return {"movement", "unit", "recipient_type", "award_kind"}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.unit_id and instance.movement_id:
            # As in the admin: a unit's account registers its own unit, by the deadline.
            policy = policy_for(self.run.user or COMMAND_LINE, instance)
            allowed = policy.can_add() if instance.pk is None else policy.can_change()
            if not allowed:
                errors.setdefault("__all__", []).append(registration_refusal(instance, policy))
        super().validate_instance(instance, errors, validate_unique)


def registration_refusal(registration, policy) -> str:
    """Why ``policy``'s user may not record ``registration``, in Vietnamese."""
    from emulation.formatting import format_date

    if policy.in_scope() and policy.deadline_passed():
        return _(
            "Registration for %(year)s closed on %(day)s; ask the commune office to add it."
        ) % {
            "year": registration.movement.year,
            "day": format_date(registration.movement.registration_deadline),
        }
    return _("Your account may not register for %(unit)s.") % {"unit": registration.unit}
