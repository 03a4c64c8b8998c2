from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import IntegerWidget

from emulation.imports import (
    CachedLookupWidget,
    SafeTextWidget,
    VietnameseDecimalWidget,
    VietnameseModelResource,
    YesNoWidget,
    direction_field,
)
from emulation.policy import COMMAND_LINE, policy_for
from targets.models import Target

from .models import Pledge, PledgeItem

YEAR, UNIT = "Năm", "Đơn vị"


def _year(row):
    return str(row.get(YEAR) or "").strip().removesuffix(".0")


class PledgeWidget(CachedLookupWidget):
    """The pledge named by the row's year and unit name."""

    def __init__(self, **kwargs):
        super().__init__(Pledge, field="unit__name", **kwargs)

    def get_queryset(self, value, row, *args, **kwargs):
        return (
            super()
            .get_queryset(value, row, *args, **kwargs)
            .select_related("unit", "movement")
            .annotate(year=F("movement__year"), unit_name=F("unit__name"))
        )

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"year": _year(row), "unit_name": value}

    def clean(self, value, row=None, **kwargs):
        if not _year(row) or self.is_empty(value):
            raise ValueError(_("Enter both the year and the unit."))
        return super().clean(value, row, **kwargs)

    def not_found_message(self, key, row):
        return _("%(unit)s has no pledge for %(year)s.") % {"unit": key, "year": _year(row)}

    def render(self, value, obj=None, **kwargs):
        return value.unit.name if value else ""


class TargetByNameWidget(CachedLookupWidget):
    """The commune target of the row's year, by name; empty for an item of the unit's own."""

    def __init__(self, **kwargs):
        super().__init__(Target, field="name", **kwargs)

    def get_queryset(self, value, row, *args, **kwargs):
        return (
            super()
            .get_queryset(value, row, *args, **kwargs)
            .select_related("movement")
            .annotate(year=F("movement__year"))
        )

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"year": _year(row), "name": value}

    def not_found_message(self, key, row):
        return _("The commune has no target “%(name)s” in %(year)s.") % {
            "name": key,
            "year": _year(row),
        }

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class PledgeItemResource(VietnameseModelResource):
    year = Field(attribute="pledge__movement__year", column_name=YEAR, readonly=True)
    pledge = Field(attribute="pledge", column_name=UNIT, widget=PledgeWidget())
    order = Field(attribute="order", column_name="STT", widget=IntegerWidget())
    title = Field(attribute="title", column_name="Nội dung giao ước", widget=SafeTextWidget())
    target = Field(attribute="target", column_name="Chỉ tiêu của xã", widget=TargetByNameWidget())
    unit_of_measure = Field(
        attribute="unit_of_measure", column_name="Đơn vị tính", widget=SafeTextWidget()
    )
    direction = direction_field()
    committed_value = Field(
        attribute="committed_value", column_name="Cam kết", widget=VietnameseDecimalWidget()
    )
    result_value = Field(
        attribute="result_value", column_name="Kết quả", widget=VietnameseDecimalWidget()
    )
    achieved = Field(attribute="achieved", column_name="Đạt (có/không)", widget=YesNoWidget())
    result_note = Field(
        attribute="result_note", column_name="Ghi chú kết quả", widget=SafeTextWidget()
    )

    class Meta:
        model = PledgeItem
        import_id_fields = ("pledge", "title")
        fields = (
            "year",
            "pledge",
            "order",
            "title",
            "target",
            "unit_of_measure",
            "direction",
            "committed_value",
            "result_value",
            "achieved",
            "result_note",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("pledge__movement", "pledge__unit", "target")

    def required_columns(self):
        return {"pledge", "title"}

    def before_import(self, dataset, **kwargs):
        if YEAR not in (dataset.headers or []):
            raise ValidationError(
                _("The file lacks the column(s): %(columns)s.") % {"columns": f"“{YEAR}”"}
            )
        column = dataset.headers.index(YEAR)
        years = {_year({YEAR: row[column]}) for row in dataset}
        self.file_years = [int(year) for year in years if year.isdigit()]
        super().before_import(dataset, **kwargs)

    def preload_queryset(self):
        return super().preload_queryset().filter(pledge__movement__year__in=self.file_years)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        pledge = getattr(instance, "pledge", None) if instance.pledge_id else None
        if pledge is not None:
            # The policy decides, as for a form: a new item only where items may be added,
            # a stored one only in the fields open to the importing user now. Its answer
            # depends on the pledge alone, so it is asked once per pledge of the file.
            can_add, editable = self._item_policy(pledge)
            if instance.pk is None:
                changed, allowed = set(), can_add
            else:
                changed = self.changed_fields(instance)
                allowed = changed <= editable
            if not allowed and pledge.status != Pledge.Status.DRAFT:
                errors.setdefault("__all__", []).append(
                    _(
                        "The pledge of %(unit)s is “%(status)s”: its items are no longer "
                        "changed by file."
                    )
                    % {"unit": pledge.unit, "status": pledge.get_status_display()}
                )
            elif not allowed and instance.pk is None:
                errors.setdefault("__all__", []).append(
                    _("Your account may not add items to the pledge of %(unit)s.")
                    % {"unit": pledge.unit}
                )
            elif not allowed:
                refused = sorted(changed - editable)
                errors.setdefault("__all__", []).append(
                    _("These columns cannot be changed by file now: %(columns)s.")
                    % {"columns": ", ".join(f"“{self._column(name)}”" for name in refused)}
                )
        super().validate_instance(instance, errors, validate_unique)

    def _item_policy(self, pledge):
        key = ("item policy", pledge.pk)
        if key not in self.run.memo:
            policy = policy_for(self.run.user or COMMAND_LINE, PledgeItem(pledge=pledge))
            self.run.memo[key] = (policy.can_add(), set(policy.editable_fields()))
        return self.run.memo[key]
