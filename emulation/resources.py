"""Households to and from a spreadsheet: one row per household, keyed by its hamlet, the
head's name and the address (the same all-or-nothing rules as the other imports)."""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from .imports import (
    ChoiceLabelWidget,
    NaturalKeyWidget,
    SafeTextWidget,
    VietnameseModelResource,
    YesNoWidget,
)
from .models import Household, Unit
from .policy import COMMAND_LINE, policy_for


class HouseholdResource(VietnameseModelResource):
    unit = Field(
        attribute="unit",
        column_name="Thôn",
        widget=NaturalKeyWidget(Unit, "name", _("There is no unit named “%(value)s”.")),
    )
    honorific = Field(
        attribute="honorific",
        column_name="Danh xưng",
        widget=ChoiceLabelWidget(Household.Honorific),
    )
    head_name = Field(attribute="head_name", column_name="Chủ hộ", widget=SafeTextWidget())
    address = Field(attribute="address", column_name="Địa chỉ", widget=SafeTextWidget())
    is_active = Field(
        attribute="is_active",
        column_name="Đang sinh sống",
        widget=YesNoWidget(allow_empty=False),
    )

    class Meta:
        model = Household
        import_id_fields = ("unit", "head_name", "address")
        fields = ("unit", "honorific", "head_name", "address", "is_active")
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("unit")

    def required_columns(self):
        return {"unit", "honorific", "head_name"}

    def before_save_instance(self, instance, row, **kwargs):
        instance.fill_search_key()  # bulk creation skips Household.save()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.unit_id:
            # As in the admin: a hamlet head adds and changes only their hamlet's rows.
            policy = policy_for(self.run.user or COMMAND_LINE, instance)
            allowed = policy.can_add() if instance.pk is None else policy.can_change()
            if not allowed:
                errors.setdefault("__all__", []).append(
                    _("Your account may not add or change the households of %(unit)s.")
                    % {"unit": instance.unit}
                )
        super().validate_instance(instance, errors, validate_unique)
