from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from emulation.achievement import (
    Direction,
    evaluate,
    figure_errors,
    figures_not_applying,
    format_plan,
)
from emulation.formatting import format_quantity
from emulation.models import Movement, Unit

FIGURE = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}


class Target(models.Model):
    class Rollup(models.TextChoices):
        NONE = "none", _("Entered by the office")
        SUM = "sum", _("Sum of approved pledge results")
        HOUSEHOLDS = "households", _("Households registered for Gia đình văn hóa")
        HAMLETS = "hamlets", _("Hamlets meeting the Thôn văn hóa criteria")

    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="targets"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("target"), max_length=255)
    unit_of_measure = models.CharField(
        _("unit of measure"),
        max_length=50,
        blank=True,
        help_text=_("Free text: tấn, triệu đồng, ha, %, ‰, hộ, thôn…"),
    )
    direction = models.CharField(
        _("kind of target"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    plan_value = models.DecimalField(_("plan"), **FIGURE)
    actual_value = models.DecimalField(_("actual"), **FIGURE)
    achieved = models.BooleanField(
        _("achieved"), null=True, blank=True, help_text=_("Only for a yes / no target.")
    )
    is_key = models.BooleanField(_("key target"), default=False)
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
    )
    rollup = models.CharField(
        _("actual comes from"), max_length=10, choices=Rollup.choices, default=Rollup.NONE
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["movement", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "name"],
                name="target_unique_name_per_movement",
                violation_error_message=_("This movement already has a target with this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from .rollups import computed_actual, is_computed

        if is_computed(self):
            # Computed from the records, never typed (targets.rollups).
            self.actual_value = computed_actual(self)
        super().save(*args, **kwargs)

    FIGURE_FIELDS = {"plan": "plan_value", "actual": "actual_value", "achieved": "achieved"}

    def fields_not_applying(self):
        """Fields a form of this saved target leaves out (emulation.achievement)."""
        if self.pk is None:
            return frozenset()
        return frozenset(self.FIGURE_FIELDS[k] for k in figures_not_applying(self.direction))

    def clean(self):
        errors = figure_errors(
            self.direction,
            self.plan_value,
            self.actual_value,
            self.achieved,
            self.unit_of_measure,
        )
        if self.rollup != self.Rollup.NONE and self.direction == Direction.YES_NO:
            errors["rollup"] = _("Only a numeric target can be computed from records.")
        fields = self.FIGURE_FIELDS
        if errors:
            raise ValidationError({fields.get(key, key): msg for key, msg in errors.items()})

    def achievement(self):
        return evaluate(self.direction, self.plan_value, self.actual_value, self.achieved)

    @property
    def plan_display(self):
        return format_plan(self.direction, self.plan_value, self.unit_of_measure)

    @property
    def actual_display(self):
        if self.direction == Direction.YES_NO:
            return "" if self.achieved is None else str(self.achievement().label)
        if self.actual_value is None:
            return ""
        return format_quantity(self.actual_value, self.unit_of_measure)
