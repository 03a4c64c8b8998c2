from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import IntegerWidget, Widget

from emulation.imports import (
    LookupCache,
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


class PledgeWidget(LookupCache, Widget):
    """The pledge named by the row's year and unit name."""

    def clean(self, value, row=None, **kwargs):
        year = _year(row)
        unit = str(value or "").strip()
        if not year or not unit:
            raise ValueError(_("Enter both the year and the unit."))
        pledge = self.remember(
            (year, unit),
            lambda: (
                Pledge.objects.filter(
                    movement__year=year if year.isdigit() else -1, unit__name=unit
                )
                .select_related("unit", "movement")
                .first()
            ),
        )
        if pledge is None:
            raise ValueError(
                _("%(unit)s has no pledge for %(year)s.") % {"unit": unit, "year": year}
            )
        return pledge

    def render(self, value, obj=None, **kwargs):
        return value.unit.name if value else ""


class TargetByNameWidget(LookupCache, Widget):
    """The commune target of the row's year, by name; empty for an item of the unit's own."""

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            return None
        year = _year(row)
        target = self.remember(
            (year, name),
            lambda: (
                Target.objects.filter(movement__year=year if year.isdigit() else -1, name=name)
                .select_related("movement")
                .first()
            ),
        )
        if target is None:
            raise ValueError(
                _("The commune has no target “%(name)s” in %(year)s.")
                % {"name": name, "year": year}
            )
        return target

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
        self._years = [int(year) for year in years if year.isdigit()]
        super().before_import(dataset, **kwargs)
        # The pledges and commune targets of the file's years, in two queries rather than
        # one per unit and target named.
        self.fields["pledge"].widget.prime(
            {
                (str(pledge.movement.year), pledge.unit.name): pledge
                for pledge in Pledge.objects.filter(movement__year__in=self._years).select_related(
                    "unit", "movement"
                )
            }
        )
        self.fields["target"].widget.prime(
            {
                (str(target.movement.year), target.name): target
                for target in Target.objects.filter(movement__year__in=self._years).select_related(
                    "movement"
                )
            }
        )

    def preload_queryset(self):
        return super().preload_queryset().filter(pledge__movement__year__in=self._years)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        pledge = getattr(instance, "pledge", None) if instance.pledge_id else None
        changed = self.changed_fields(instance)
        if pledge is not None and changed:
            # The policy decides, as for a form: a new item only where items may be added,
            # a stored one only in the fields open to the importing user now.
            policy = policy_for(self._user or COMMAND_LINE, instance)
            allowed = (
                policy.can_add()
                if instance.pk is None
                else changed <= set(policy.editable_fields())
            )
            if not allowed and pledge.status != Pledge.Status.DRAFT:
                errors.setdefault("__all__", []).append(
                    _(
                        "The pledge of %(unit)s is “%(status)s”: its items are no longer "
                        "changed by file."
                    )
                    % {"unit": pledge.unit, "status": pledge.get_status_display()}
                )
            elif not allowed:
                errors.setdefault("__all__", []).append(
                    _("These columns cannot be changed by file now: %(columns)s.")
                    % {"columns": ", ".join(f"“{self._column(name)}”" for name in sorted(changed))}
                )
        super().validate_instance(instance, errors, validate_unique)
