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
from emulation.models import Unit

from .models import AwardKind, Commendation, Decision, RecipientType
from .terms import terms_on


class DraftDecisionWidget(LookupCache, Widget):
    """A decision by its number; only a draft takes recipients from a file."""

    def clean(self, value, row=None, **kwargs):
        number = str(value or "").strip()
        if not number:
            raise ValueError(_("Enter the decision number."))
        return self.remember(number, lambda: self._find(number))

    def _find(self, number):
        decisions = Decision.objects.filter(number=number)
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
