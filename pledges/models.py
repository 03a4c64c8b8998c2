from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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
from emulation.models import HandedIn, Movement, Unit
from emulation.uploads import RandomName, validate_scan
from targets.models import FIGURE, Target

KEPT = _("A pledge that has been signed is kept with its items; only a draft can be deleted.")


class PledgeQuerySet(models.QuerySet):
    """Deleting in bulk refuses anything past draft (it is part of the record)."""

    draft_filter = Q(status="draft")

    def delete(self):
        if self.exclude(self.draft_filter).exists():
            raise ValidationError(KEPT)
        return super().delete()


class PledgeItemQuerySet(PledgeQuerySet):
    draft_filter = Q(pledge__status="draft")


class Pledge(HandedIn):
    """A unit's emulation pledge (giao ước thi đua) for one movement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        SUBMITTED = "submitted", _("Results submitted")
        RETURNED = "returned", _("Returned to the unit")
        APPROVED = "approved", _("Approved")

    # States in which the unit enters its results.
    OPEN_FOR_RESULTS = (Status.SIGNED, Status.RETURNED)

    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="pledges"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pledges"
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signatory_name = models.CharField(_("signed by"), max_length=100, blank=True)
    document = models.FileField(
        _("signed scan"),
        upload_to=RandomName("pledges"),
        blank=True,
        validators=[validate_scan],
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )

    history = HistoricalRecords()
    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        ordering = ["-movement__year", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit"],
                name="pledge_one_per_unit_and_movement",
                violation_error_message=_("This unit already has a pledge for this movement."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.movement.year}"

    def delete(self, *args, **kwargs):
        if self.status != self.Status.DRAFT:
            raise ValidationError(KEPT)
        return super().delete(*args, **kwargs)

    @property
    def accepts_results(self):
        return self.status in self.OPEN_FOR_RESULTS


class PledgeItem(models.Model):
    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="items"
    )
    target = models.ForeignKey(
        Target,
        verbose_name=_("commune target"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledge_items",
        help_text=_("The commune target this item feeds, if any."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    direction = models.CharField(
        _("kind of target"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    committed_value = models.DecimalField(_("committed"), **FIGURE)
    result_value = models.DecimalField(_("result"), **FIGURE)
    achieved = models.BooleanField(_("achieved"), null=True, blank=True)
    result_note = models.TextField(_("result note"), blank=True)

    history = HistoricalRecords()
    objects = PledgeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge item")
        verbose_name_plural = _("pledge items")
        ordering = ["pledge", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "title"],
                name="pledge_item_unique_title",
                violation_error_message=_("This pledge already has an item with this title."),
            ),
        ]

    def __str__(self):
        return self.title

    def delete(self, *args, **kwargs):
        if self.pledge.status != Pledge.Status.DRAFT:
            raise ValidationError(KEPT)
        return super().delete(*args, **kwargs)

    FIGURE_FIELDS = {"plan": "committed_value", "actual": "result_value", "achieved": "achieved"}

    def fields_not_applying(self):
        """Fields a form of this saved item leaves out (emulation.achievement)."""
        if self.pk is None:
            return frozenset()
        return frozenset(self.FIGURE_FIELDS[k] for k in figures_not_applying(self.direction))

    def clean(self):
        errors = figure_errors(
            self.direction,
            self.committed_value,
            self.result_value,
            self.achieved,
            self.unit_of_measure,
        )
        fields = self.FIGURE_FIELDS
        if (
            self.target_id
            and self.pledge_id
            and self.target.movement_id != (self.pledge.movement_id)
        ):
            errors["target"] = _("The commune target belongs to another movement.")
        if errors:
            raise ValidationError({fields.get(k, k): v for k, v in errors.items()})

    def achievement(self):
        return evaluate(self.direction, self.committed_value, self.result_value, self.achieved)

    @property
    def has_result(self):
        if self.direction == Direction.YES_NO:
            return self.achieved is not None
        return self.result_value is not None

    @property
    def committed_display(self):
        return format_plan(self.direction, self.committed_value, self.unit_of_measure)

    @property
    def result_display(self):
        """The one result that applies: "99,5 %", or Đạt / Chưa đạt; "" before any."""
        if not self.has_result:
            return ""
        if self.direction == Direction.YES_NO:
            return str(self.achievement().label)
        return format_quantity(self.result_value, self.unit_of_measure)
