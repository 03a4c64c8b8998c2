from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field
from import_export.widgets import IntegerWidget

from emulation.imports import (
    ChoiceLabelWidget,
    NaturalKeyWidget,
    SafeTextWidget,
    VietnameseDecimalWidget,
    VietnameseModelResource,
    YesNoWidget,
    direction_field,
)
from emulation.models import Movement, Unit

from .models import Target
from .policy import TargetPolicy


class RollupWidget(ChoiceLabelWidget):
    """ "Số thực hiện lấy từ": the source's Vietnamese label (``Target.Rollup``); empty is
    "entered by the office". Files of the first wave wrote Có / Không (summed or not)."""

    def __init__(self, **kwargs):
        super().__init__(Target.Rollup, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip().lower()
        if text in YesNoWidget.YES:
            return Target.Rollup.SUM
        if text in YesNoWidget.NO or text == "":
            return Target.Rollup.NONE
        return super().clean(value, row, **kwargs)


class TargetResource(VietnameseModelResource):
    movement = Field(
        attribute="movement",
        column_name="Năm",
        widget=NaturalKeyWidget(
            Movement, "year", _("There is no movement for the year %(value)s.")
        ),
    )
    order = Field(attribute="order", column_name="STT", widget=IntegerWidget())
    name = Field(attribute="name", column_name="Chỉ tiêu", widget=SafeTextWidget())
    unit_of_measure = Field(
        attribute="unit_of_measure", column_name="Đơn vị tính", widget=SafeTextWidget()
    )
    direction = direction_field()
    plan_value = Field(
        attribute="plan_value", column_name="Kế hoạch", widget=VietnameseDecimalWidget()
    )
    actual_value = Field(
        attribute="actual_value", column_name="Thực hiện", widget=VietnameseDecimalWidget()
    )
    achieved = Field(attribute="achieved", column_name="Đạt (có/không)", widget=YesNoWidget())
    is_key = Field(
        attribute="is_key", column_name="Chỉ tiêu chủ yếu", widget=YesNoWidget(allow_empty=False)
    )
    responsible_unit = Field(
        attribute="responsible_unit",
        column_name="Đơn vị phụ trách",
        widget=NaturalKeyWidget(Unit, "name", _("There is no unit named “%(value)s”.")),
    )
    rollup = Field(attribute="rollup", column_name="Số thực hiện lấy từ", widget=RollupWidget())
    note = Field(attribute="note", column_name="Ghi chú", widget=SafeTextWidget())

    class Meta:
        model = Target
        import_id_fields = ("movement", "name")
        fields = (
            "movement",
            "order",
            "name",
            "unit_of_measure",
            "direction",
            "plan_value",
            "actual_value",
            "achieved",
            "is_key",
            "responsible_unit",
            "rollup",
            "note",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("movement", "responsible_unit")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # A summed target's actual is computed from approved pledge results: a file may
        # repeat it (an export imports back unchanged) but never change it.
        stored = self.stored_values(instance)
        for name in TargetPolicy(None, instance).computed_on_row():
            if getattr(instance, name) != stored.get(name):
                errors.setdefault(self._column(name), []).append(
                    ValidationError(
                        _(
                            "This target's actual is computed from the product's records "
                            "(pledge results, households); it cannot be typed. Leave the cell "
                            "as exported."
                        )
                    )
                )
        super().validate_instance(instance, errors, validate_unique)
