import datetime
import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from emulation.models import Commune, HandedIn, InCommune, Movement, Unit
from emulation.uploads import RandomName, validate_scan

COEFFICIENT = {
    "max_digits": 6,
    "decimal_places": 3,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0)],
    "help_text": _("Times the base salary; empty where the award is not given to them."),
}
DEFAULT_REASON = "Đã có thành tích xuất sắc trong thực hiện phong trào thi đua năm {year}"
NUMBER_PATTERN = re.compile(r"^[1-9]\d*/QĐ-UBND$")

_frozen_writes = ContextVar("awards_frozen_writes", default=False)


@contextmanager
def writing_frozen_records():
    """The one door for writing rows of a decision that is no longer a draft.

    Issued and revoked decisions and their recipients refuse every save, update and delete
    (the last line of defence below the policy); ``awards.services`` opens this door while
    it issues (numbering the recipients) or revokes, and nothing else does.
    """
    token = _frozen_writes.set(True)
    try:
        yield
    finally:
        _frozen_writes.reset(token)


def frozen_writes_open() -> bool:
    return _frozen_writes.get()


FROZEN = _(
    "An issued decision and its recipients cannot be changed or deleted; revoke it and "
    "issue a new one."
)


class RecipientType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


def recipient_name(recipient_type, honorific, name):
    """ "Ông Nguyễn Văn A" for a person, "Hộ ông Nguyễn Văn A" for a household; a
    collective is named alone."""
    if recipient_type == RecipientType.HOUSEHOLD:
        honorific = f" {honorific.lower()}" if honorific else ""
        return f"Hộ{honorific} {name}"
    if recipient_type == RecipientType.COLLECTIVE or not honorific:
        return name
    return f"{honorific} {name}"


def overlapping_periods(queryset, valid_from, valid_to):
    """The rows of ``queryset`` (dated rules with ``valid_from`` / ``valid_to``) whose
    period meets [valid_from, valid_to]; an open end runs forever."""
    found = queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to:
        found = found.filter(valid_from__lte=valid_to)
    return found


class AwardKind(models.Model):
    class Allowed(models.TextChoices):
        INDIVIDUAL = "individual", _("Individuals")
        COLLECTIVE = "collective", _("Collectives")
        BOTH = "both", _("Individuals and collectives")
        HOUSEHOLD = "household", _("Households")

    name = models.CharField(_("name"), max_length=100, unique=True)
    recipient_type = models.CharField(
        _("awarded to"), max_length=10, choices=Allowed.choices, default=Allowed.BOTH
    )
    prints_certificate = models.BooleanField(_("prints a certificate"), default=True)
    is_title = models.BooleanField(
        _("a title recognised"),
        default=False,
        help_text=_(
            "A title the decision recognises (công nhận danh hiệu, e.g. Gia đình văn hóa) "
            "and a Giấy công nhận proves, rather than an award it gives (tặng)."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award kind")
        verbose_name_plural = _("award kinds")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def allows(self, recipient_type):
        return self.recipient_type in (self.Allowed.BOTH, recipient_type)


class AwardRule(models.Model):
    """What an award kind pays and who grants it, for a period (DOMAIN.md, "Award kinds
    and their dated rules"). A decision uses the rules in force on its signing date, and
    pays money only from a rule the clerk has confirmed against the law."""

    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("award kind"), on_delete=models.PROTECT, related_name="rules"
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty: still in force.")
    )
    individual_coefficient = models.DecimalField(_("coefficient for an individual"), **COEFFICIENT)
    collective_coefficient = models.DecimalField(_("coefficient for a collective"), **COEFFICIENT)
    household_coefficient = models.DecimalField(_("coefficient for a household"), **COEFFICIENT)
    granted_by_commune = models.BooleanField(
        _("granted by the commune chairman"),
        default=True,
        help_text=_(
            "In this period; otherwise the award is only proposed upward and never issued "
            "under the commune's name."
        ),
    )
    legal_source = models.CharField(_("legal source"), max_length=255)
    confirmed = models.BooleanField(
        _("checked against the law"),
        default=False,
        help_text=_("No money is paid from a rule until the clerk has checked it."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ["award_kind__order", "award_kind__name", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_kind", "valid_from"],
                name="award_rule_one_per_kind_and_start",
                violation_error_message=_("This award kind already has a rule from this date."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="award_rule_ends_after_it_starts",
                violation_error_message=_("A rule cannot end before it starts."),
            ),
        ]

    def __str__(self):
        from emulation.formatting import format_date

        return f"{self.award_kind} ({format_date(self.valid_from)})"

    def clean(self):
        if not self.award_kind_id or not self.valid_from:
            return
        overlapping = overlapping_periods(
            AwardRule.objects.filter(award_kind_id=self.award_kind_id).exclude(pk=self.pk),
            self.valid_from,
            self.valid_to,
        )
        if overlapping.exists():
            raise ValidationError(
                _("The period overlaps another rule of this award kind: %(other)s.")
                % {"other": overlapping.first()}
            )

    def coefficient_for(self, recipient_type):
        return {
            RecipientType.INDIVIDUAL: self.individual_coefficient,
            RecipientType.COLLECTIVE: self.collective_coefficient,
            "household": self.household_coefficient,
        }.get(recipient_type)


class BaseSalary(models.Model):
    """Mức lương cơ sở: dated data the clerk can edit, never a constant in code."""

    effective_from = models.DateField(_("in force from"), unique=True)
    amount = models.PositiveIntegerField(_("amount (đồng)"))
    legal_source = models.CharField(_("legal source"), max_length=255, blank=True)
    confirmed = models.BooleanField(
        _("checked against the law"),
        default=False,
        help_text=_("No money is paid from a base salary until the clerk has checked it."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]

    def __str__(self):
        from emulation.formatting import format_date, format_number

        return f"{format_number(self.amount)} đ ({format_date(self.effective_from)})"

    @classmethod
    def row_in_force_on(cls, day):
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()

    @classmethod
    def in_force_on(cls, day):
        row = cls.row_in_force_on(day)
        return row.amount if row else None


class LegalBasis(models.Model):
    """The "Căn cứ …" lines a decision starts from, by the date it is signed."""

    effective_from = models.DateField(_("in force from"), unique=True)
    text = models.TextField(_("grounds (one per line)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal grounds")
        verbose_name_plural = _("legal grounds")
        ordering = ["-effective_from"]

    def __str__(self):
        from emulation.formatting import format_date

        return format_date(self.effective_from)

    @classmethod
    def in_force_on(cls, day):
        row = cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
        return row.text if row else ""


class FrozenQuerySet(models.QuerySet):
    """Bulk updates and deletes refuse rows of issued or revoked decisions."""

    frozen_filter = Q()

    def _refuse_frozen(self):
        if not frozen_writes_open() and self.filter(self.frozen_filter).exists():
            raise ValidationError(FROZEN)

    def update(self, **kwargs):
        self._refuse_frozen()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_frozen()
        return super().delete()


class DecisionQuerySet(FrozenQuerySet):
    frozen_filter = ~Q(status="draft")


class CommendationQuerySet(FrozenQuerySet):
    frozen_filter = ~Q(decision__status="draft")


class Decision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")

    class SignerTitle(models.TextChoices):
        CHAIRMAN = "CHỦ TỊCH", "CHỦ TỊCH"
        VICE = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"

    number = models.CharField(
        _("number"), max_length=30, blank=True, help_text=_("In the form 15/QĐ-UBND.")
    )
    number_year = models.PositiveSmallIntegerField(
        _("year of the number"), null=True, editable=False
    )
    # Set at issue with the year: numbers run per commune and year, and a constraint can
    # only name the decision's own columns, not its movement's commune.
    number_commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune of the number"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="decisions"
    )
    signer_name = models.CharField(_("signer"), max_length=100, blank=True)
    signer_title = models.CharField(
        _("signer's title"),
        max_length=40,
        choices=SignerTitle.choices,
        default=SignerTitle.CHAIRMAN,
    )
    reason = models.TextField(_("reason"), blank=True)
    legal_basis = models.TextField(
        _("legal grounds"),
        blank=True,
        help_text=_(
            "The “Căn cứ …” lines, one per line; filled in from the grounds in force "
            "on the signing date."
        ),
    )
    proposal = models.CharField(
        _("proposed by"),
        max_length=255,
        blank=True,
        default="Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã",
    )
    executors = models.CharField(
        _("carried out by (Điều 3)"),
        max_length=255,
        blank=True,
        default="Công chức Văn phòng - Thống kê, công chức Tài chính - Kế toán",
        help_text=_("The offices named in Điều 3 besides the recipients; write the commune's own."),
    )
    recipients_of_copies = models.TextField(
        _("copies to (Nơi nhận)"),
        blank=True,
        default="Như Điều 3;\nTT Đảng ủy, TT HĐND xã;\nLưu: VT.",
    )
    base_salary = models.PositiveIntegerField(
        _("base salary (đồng)"),
        null=True,
        blank=True,
        help_text=_("Filled in from the base salary in force on the signing date."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = DecisionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation decision")
        verbose_name_plural = _("commendation decisions")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_commune", "number_year", "number"],
                name="decision_number_unique_per_commune_year",
                condition=Q(number_year__isnull=False),
            ),
        ]

    def __str__(self):
        return self.number or _("Draft decision (%(year)s)") % {"year": self.movement.year}

    def save(self, *args, **kwargs):
        if self.pk and not frozen_writes_open():
            stored = Decision.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored and stored != self.Status.DRAFT:
                raise ValidationError(FROZEN)
        self.fill_defaults()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.is_draft:
            raise ValidationError(FROZEN)
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def fill_defaults(self):
        """Pre-fill what follows from the movement and the signing date."""
        if not self.reason and self.movement_id:
            self.reason = DEFAULT_REASON.format(year=self.movement.year)
        if self.is_draft:
            # A draft pays at the base salary in force on its signing date (frozen at issue).
            self.base_salary = BaseSalary.in_force_on(self.signed_on) if self.signed_on else None
        if self.signed_on and not self.legal_basis:
            self.legal_basis = LegalBasis.in_force_on(self.signed_on)

    def clean(self):
        if self.number and not NUMBER_PATTERN.match(self.number):
            raise ValidationError({"number": _("Write the number as N/QĐ-UBND, e.g. 15/QĐ-UBND.")})

    def legal_basis_lines(self):
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]

    def copies_lines(self):
        return [line.strip() for line in self.recipients_of_copies.splitlines() if line.strip()]

    def signer_title_lines(self):
        return self.signer_title.split("\n")


class Commendation(models.Model):
    Type = RecipientType
    HONORIFICS = [("Ông", "Ông"), ("Bà", "Bà")]

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="commendations"
    )
    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("award"), on_delete=models.PROTECT, related_name="commendations"
    )
    recipient_type = models.CharField(
        _("recipient is"),
        max_length=10,
        choices=RecipientType.choices,
        default=RecipientType.INDIVIDUAL,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations",
    )
    household = models.ForeignKey(
        "emulation.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations",
    )
    full_name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person's full name, the collective's name (defaults to the unit's), or the "
            "head of the household."
        ),
    )
    honorific = models.CharField(_("honorific"), max_length=5, choices=HONORIFICS, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    achievement = models.TextField(
        _("achievement"), blank=True, help_text=_("Defaults to the decision's reason.")
    )
    nomination = models.ForeignKey(
        "Nomination",
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="commendations",
        help_text=_("The unit's proposal this line comes from."),
    )
    bonus_amount = models.PositiveIntegerField(_("bonus (đồng)"), null=True, blank=True)
    order = models.PositiveIntegerField(
        _("order"),
        default=0,
        help_text=_(
            "Its number (STT) among the decision's collectives, or among its individuals; "
            "left at 0, the next free number is given."
        ),
    )
    register_number = models.PositiveIntegerField(_("register number"), null=True, blank=True)
    register_year = models.PositiveSmallIntegerField(_("register year"), null=True, blank=True)
    register_commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune of the register"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    verification_code = models.CharField(
        _("verification code"), max_length=40, unique=True, null=True, blank=True, editable=False
    )

    objects = CommendationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["decision", "recipient_type", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["register_commune", "register_year", "register_number"],
                name="commendation_register_number_unique_per_commune_year",
                condition=Q(register_number__isnull=False),
            ),
            # The key of a recipient in a decision's spreadsheet (STT within the decision's
            # collectives or individuals): two recipients never share it.
            models.UniqueConstraint(
                fields=["decision", "recipient_type", "order"],
                name="commendation_order_unique_in_decision",
                condition=Q(order__gt=0),
                violation_error_message=_(
                    "This decision already has a recipient of this kind with this number."
                ),
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not frozen_writes_open():
            decision = (
                Decision.objects.filter(pk=self.decision_id)
                .values_list("status", flat=True)
                .first()
            )
            if decision and decision != Decision.Status.DRAFT:
                raise ValidationError(FROZEN)
        if not self.order and self.decision_id:
            self.order = self.next_order(self.decision_id, self.recipient_type)
        super().save(*args, **kwargs)

    @classmethod
    def next_order(cls, decision_id, recipient_type) -> int:
        """The next free number (STT) among a decision's recipients of one kind."""
        last = cls.objects.filter(decision_id=decision_id, recipient_type=recipient_type)
        return (last.aggregate(last=models.Max("order"))["last"] or 0) + 1

    def delete(self, *args, **kwargs):
        if not self.decision.is_draft:
            raise ValidationError(FROZEN)
        return super().delete(*args, **kwargs)

    @property
    def is_collective(self):
        return self.recipient_type == RecipientType.COLLECTIVE

    @property
    def name(self):
        if self.is_collective and not self.full_name and self.unit_id:
            return self.unit.name
        return self.full_name

    @property
    def is_household(self):
        return self.recipient_type == RecipientType.HOUSEHOLD

    @property
    def display_name(self):
        return recipient_name(self.recipient_type, self.honorific, self.name)

    @property
    def address(self):
        return self.household.address if self.household_id else ""

    @property
    def position_line(self):
        """ "Trưởng thôn, thôn Lâm Giang": an individual's position and unit; a
        household's address."""
        if self.is_household:
            return self.address
        if self.is_collective:
            return ""
        parts = [self.position.strip()] if self.position.strip() else []
        if self.unit_id and self.unit.name.lower() not in self.position.lower():
            parts.append(self.unit.name)
        return ", ".join(parts)

    @property
    def achievement_text(self):
        return self.achievement or self.decision.reason

    def computed_bonus(self, terms=None):
        """The bonus under the rule and base salary in force on the decision's signing date
        (awards.terms); ``terms`` may be passed when many lines share a decision."""
        from .terms import terms_on

        terms = terms or terms_on(self.decision.signed_on, [self.award_kind_id])
        return terms.bonus(self.award_kind, self.recipient_type)

    def problems(self, terms=None):
        """What stops this line from being issued, in Vietnamese."""
        from .terms import terms_on

        terms = terms or terms_on(self.decision.signed_on, [self.award_kind_id])
        problems = []
        if not self.name:
            problems.append(_("the name is missing"))
        if not self.is_collective and not self.honorific:
            problems.append(_("choose Ông or Bà"))
        if self.is_household and not self.household_id:
            problems.append(_("choose the household (its address goes on the certificate)"))
        if not self.award_kind.allows(self.recipient_type):
            problems.append(
                _("“%(kind)s” is not awarded to a %(type)s")
                % {"kind": self.award_kind, "type": self.get_recipient_type_display().lower()}
            )
        if (
            terms.day is not None
            and terms.rule(self.award_kind)
            and not terms.grants(self.award_kind)
        ):
            problems.append(
                _("“%(kind)s” is not granted by the commune chairman; propose it upward instead")
                % {"kind": self.award_kind}
            )
        return problems

    def clean(self):
        if self.decision_id and not self.decision.is_draft and not frozen_writes_open():
            raise ValidationError(FROZEN)
        if self.household_id and not self.is_household:
            raise ValidationError({"household": _("Only a household recipient names a household.")})
        if self.award_kind_id and not self.award_kind.allows(self.recipient_type):
            raise ValidationError(
                {
                    "award_kind": _("“%(kind)s” is not awarded to a %(type)s.")
                    % {"kind": self.award_kind, "type": self.get_recipient_type_display().lower()}
                }
            )

    @staticmethod
    def new_verification_code():
        # 80 random bits in groups people can type (awards.codes): cannot be guessed.
        from .codes import new_code

        return new_code()


class RegisterCounter(models.Model):
    """The last register number (số sổ) a commune gave in a year. Issuing locks this row,
    so the commune's decisions issued at the same moment take contiguous numbers, one
    after the other; another commune's issuing waits for nothing."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last register number"), default=0)

    class Meta:
        verbose_name = _("register counter")
        verbose_name_plural = _("register counters")
        ordering = ["commune", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"], name="register_counter_unique_per_commune_year"
            ),
        ]

    def __str__(self):
        return f"{self.commune_id}/{self.year}: {self.last_number}"


# The review meeting of a hamlet (TTHC 1.001120): valid when at least 60 % of those
# invited attend; a registered household passes with at least 60 % of those present.
QUORUM_PERCENT = 60
PASS_PERCENT = 60


def reaches(part, whole, percent):
    """``part`` is at least ``percent`` % of ``whole``, in whole numbers (no rounding)."""
    return whole > 0 and part * 100 >= whole * percent


class HouseholdReview(HandedIn):
    """One hamlet's yearly review (bình xét) of its households for Gia đình văn hóa: the
    registrations at the start of the year, then the meeting's votes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned to the hamlet")
        APPROVED = "approved", _("Approved")

    OPEN = (Status.DRAFT, Status.RETURNED)

    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        on_delete=models.PROTECT,
        related_name="household_reviews",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("hamlet"),
        on_delete=models.PROTECT,
        related_name="household_reviews",
        limit_choices_to={"kind": Unit.Kind.HAMLET},
    )
    meeting_on = models.DateField(_("meeting date"), null=True, blank=True)
    invited_count = models.PositiveIntegerField(_("invited"), null=True, blank=True)
    present_count = models.PositiveIntegerField(_("present"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    posted_from = models.DateField(
        _("list posted from"),
        null=True,
        blank=True,
        help_text=_("The first day the list of proposed households is posted publicly."),
    )
    posted_until = models.DateField(
        _("list posted until"),
        null=True,
        blank=True,
        help_text=_("The last day of posting; empty: as many days as the movement sets."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household review")
        verbose_name_plural = _("household reviews")
        ordering = ["-movement__year", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit"],
                name="household_review_once_per_hamlet_and_year",
                violation_error_message=_("This hamlet already has a review for this year."),
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.movement.year}"

    def save(self, *args, **kwargs):
        if self.posted_from and not self.posted_until:
            days = self.movement.household_posting_days
            self.posted_until = self.posted_from + datetime.timedelta(days=days - 1)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.unit_id and self.unit.kind != Unit.Kind.HAMLET:
            errors["unit"] = _("A household review belongs to a hamlet.")
        if (
            self.invited_count is not None
            and self.present_count is not None
            and self.present_count > self.invited_count
        ):
            errors["present_count"] = _("More people present than invited.")
        if self.posted_from and self.posted_until and self.posted_until < self.posted_from:
            errors["posted_until"] = _("The posting cannot end before it starts.")
        if self.posted_until and not self.posted_from:
            errors["posted_from"] = _("Enter the first day of posting.")
        if errors:
            raise ValidationError(errors)

    @property
    def quorum_met(self):
        return reaches(self.present_count or 0, self.invited_count or 0, QUORUM_PERCENT)

    @property
    def votes_needed(self):
        """The fewest votes that pass a household (60 % of those present, rounded up);
        None until the number present is known."""
        if not self.present_count:
            return None
        return -(-self.present_count * PASS_PERCENT // 100)


class HouseholdVote(models.Model):
    """One household in its hamlet's review: registered or not, and the votes for it."""

    review = models.ForeignKey(
        HouseholdReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="votes"
    )
    household = models.ForeignKey(
        "emulation.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="votes",
    )
    registered = models.BooleanField(_("registered"), default=False)
    votes_for = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household vote")
        verbose_name_plural = _("household votes")
        ordering = ["household__head_name", "household__address"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "household"], name="household_vote_once_per_review"
            )
        ]

    def __str__(self):
        return str(self.household)

    def clean(self):
        errors = {}
        if self.household_id and self.review_id and self.household.unit_id != self.review.unit_id:
            errors["household"] = _("The household is not of this hamlet.")
        present = self.review.present_count if self.review_id else None
        if self.votes_for is not None and present is not None and self.votes_for > present:
            errors["votes_for"] = _("More votes than people present (%(present)s).") % {
                "present": present
            }
        if self.votes_for and not self.registered:
            errors["votes_for"] = _("Only a registered household is voted on.")
        if errors:
            raise ValidationError(errors)

    @property
    def passes(self):
        """Registered, and at least 60 % of those present voted for it."""
        return self.registered and reaches(
            self.votes_for or 0, self.review.present_count or 0, PASS_PERCENT
        )


class HamletCriterion(models.Model):
    """One criterion of the movement's checklist for the title Thôn văn hóa (Nghị định
    86/2023; editable data, not code): the share of the hamlet's households recognised
    Gia đình văn hóa is computed, every other criterion is checked by the office."""

    class Kind(models.TextChoices):
        HOUSEHOLD_SHARE = "households", _("Share of households recognised (computed)")
        CHECKED = "checked", _("Checked by the office")

    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        on_delete=models.PROTECT,
        related_name="hamlet_criteria",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("criterion"), max_length=255)
    kind = models.CharField(
        _("how it is judged"), max_length=10, choices=Kind.choices, default=Kind.CHECKED
    )
    threshold_percent = models.DecimalField(
        _("at least (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For the computed share: the least share of households recognised."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Thôn văn hóa criterion")
        verbose_name_plural = _("Thôn văn hóa criteria")
        ordering = ["-movement__year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "text"],
                name="hamlet_criterion_once_per_movement",
                violation_error_message=_("This movement already has this criterion."),
            )
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.kind == self.Kind.HOUSEHOLD_SHARE and self.threshold_percent is None:
            raise ValidationError(
                {"threshold_percent": _("Enter the least share of households recognised.")}
            )
        if self.kind == self.Kind.CHECKED and self.threshold_percent is not None:
            raise ValidationError(
                {"threshold_percent": _("Only the computed share has a threshold.")}
            )
        if self.threshold_percent is not None and self.threshold_percent > 100:
            raise ValidationError({"threshold_percent": _("A share is at most 100 %.")})


class HamletCheck(models.Model):
    """The office's judgement of one hamlet on one checked criterion, with its note."""

    criterion = models.ForeignKey(
        HamletCriterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="checks",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("hamlet"),
        on_delete=models.PROTECT,
        related_name="hamlet_checks",
        limit_choices_to={"kind": Unit.Kind.HAMLET},
    )
    met = models.BooleanField(_("met"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Thôn văn hóa check")
        verbose_name_plural = _("Thôn văn hóa checks")
        ordering = ["criterion", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "unit"], name="hamlet_check_once_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.criterion}"


# --- from proposal to decision: nominations and the council's vote ----------------------


class Nomination(HandedIn):
    """A unit's proposal of one recipient for an award kind, with the achievement it
    rests on: handed in to the office, checked, voted on by the commune's Hội đồng Thi
    đua - Khen thưởng, and finally decided in an issued decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned to the unit")
        ACCEPTED = "accepted", _("Accepted for the council")
        APPROVED = "approved", _("Approved by the council")
        REJECTED = "rejected", _("Not approved by the council")
        DECIDED = "decided", _("Decided")

    OPEN = (Status.DRAFT, Status.RETURNED)
    HONORIFICS = Commendation.HONORIFICS

    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="nominations"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("award"), on_delete=models.PROTECT, related_name="nominations"
    )
    recipient_type = models.CharField(
        _("recipient is"),
        max_length=10,
        choices=RecipientType.choices,
        default=RecipientType.INDIVIDUAL,
    )
    honorific = models.CharField(_("honorific"), max_length=5, choices=HONORIFICS, blank=True)
    full_name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person's full name or the collective's (a collective defaults to the "
            "proposing unit); for a household, its head (filled in from the household)."
        ),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    household = models.ForeignKey(
        "emulation.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    achievement = models.TextField(
        _("achievement"),
        help_text=_("A short summary of the achievement; the full report goes in the attachment."),
    )
    attachment = models.FileField(
        _("attachment"),
        upload_to=RandomName("nominations"),
        blank=True,
        validators=[validate_scan],
        help_text=_(
            "The unit's meeting minutes and the achievement report, as one PDF, JPEG or PNG "
            "of at most 10 MB."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-movement__year", "unit__order", "unit__name", "pk"]

    def __str__(self):
        return f"{self.display_name} – {self.award_kind}" if self.award_kind_id else self.name

    def save(self, *args, **kwargs):
        if self.household_id and self.is_household:
            # A household is named from its record, as on its certificate.
            self.full_name = self.household.head_name
            self.honorific = self.household.honorific
        super().save(*args, **kwargs)

    @property
    def is_household(self):
        return self.recipient_type == RecipientType.HOUSEHOLD

    @property
    def is_collective(self):
        return self.recipient_type == RecipientType.COLLECTIVE

    @property
    def name(self):
        if self.is_collective and not self.full_name and self.unit_id:
            return self.unit.name
        if self.is_household and self.household_id:
            return self.household.head_name
        return self.full_name

    @property
    def display_name(self):
        honorific = self.household.honorific if self.household_id else self.honorific
        return recipient_name(self.recipient_type, honorific, self.name)

    def subject_key(self):
        """Who is proposed, whatever the award: the same person, collective or household
        proposed for several titles of one movement is one subject (highest title only)."""
        from emulation.text import fold

        if self.is_household and self.household_id:
            return ("household", self.household_id)
        return (self.recipient_type, self.unit_id, " ".join(fold(self.name or "").split()))

    def clean(self):
        errors = {}
        if self.household_id and not self.is_household:
            errors["household"] = _("Only a household nomination names a household.")
        if self.is_household and self.household_id and self.unit_id:
            if self.household.unit_id != self.unit_id:
                errors["household"] = _("The household is not of the proposing unit.")
        if self.award_kind_id and not self.award_kind.allows(self.recipient_type):
            errors["award_kind"] = _("“%(kind)s” is not awarded to a %(type)s.") % {
                "kind": self.award_kind,
                "type": self.get_recipient_type_display().lower(),
            }
        if errors:
            raise ValidationError(errors)

    def problems(self):
        """What stops this nomination from being handed in, in Vietnamese."""
        problems = []
        if self.is_household and not self.household_id:
            problems.append(_("Choose the household."))
        elif not self.name:
            problems.append(_("Enter the name of the person or collective proposed."))
        if self.recipient_type == RecipientType.INDIVIDUAL and not self.honorific:
            problems.append(_("Choose Ông or Bà."))
        if not (self.achievement or "").strip():
            problems.append(_("Summarise the achievement."))
        return problems


class CouncilRule(models.Model):
    """How the commune's council decides on a nomination of an award kind, for a period:
    the law leaves the quorum and the votes needed to each province's regulation (quy
    chế), so they are data; no result is recorded from a rule the clerk has not checked."""

    class Base(models.TextChoices):
        MEMBERS = "members", _("of all the council's members")
        PRESENT = "present", _("of the members present")
        CAST = "cast", _("of the votes cast")

    award_kind = models.ForeignKey(
        AwardKind,
        verbose_name=_("award kind"),
        on_delete=models.PROTECT,
        related_name="council_rules",
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty: still in force.")
    )
    quorum_percent = models.DecimalField(
        _("members present, at least (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("The meeting decides only when at least this share of its members attend."),
    )
    pass_percent = models.DecimalField(
        _("votes in favour, at least (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    pass_base = models.CharField(
        _("share taken"), max_length=10, choices=Base.choices, default=Base.MEMBERS
    )
    legal_source = models.CharField(_("legal source"), max_length=255)
    confirmed = models.BooleanField(
        _("checked against the regulation"),
        default=False,
        help_text=_(
            "No council result is recorded from a rule until the clerk has checked it "
            "against the province's regulation."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council rule")
        verbose_name_plural = _("council rules")
        ordering = ["award_kind__order", "award_kind__name", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_kind", "valid_from"],
                name="council_rule_one_per_kind_and_start",
                violation_error_message=_(
                    "This award kind already has a council rule from this date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="council_rule_ends_after_it_starts",
                violation_error_message=_("A rule cannot end before it starts."),
            ),
        ]

    def __str__(self):
        from emulation.formatting import format_date

        return f"{self.award_kind} ({format_date(self.valid_from)})"

    def clean(self):
        errors = {}
        for name in ("quorum_percent", "pass_percent"):
            value = getattr(self, name)
            if value is not None and value > 100:
                errors[name] = _("A share is at most 100 %.")
        if self.award_kind_id and self.valid_from:
            overlapping = overlapping_periods(
                CouncilRule.objects.filter(award_kind_id=self.award_kind_id).exclude(pk=self.pk),
                self.valid_from,
                self.valid_to,
            )
            if overlapping.exists():
                errors["valid_from"] = _(
                    "The period overlaps another council rule of this award kind: %(other)s."
                ) % {"other": overlapping.first()}
        if errors:
            raise ValidationError(errors)

    @classmethod
    def in_force_on(cls, award_kind, day):
        rules = cls.objects.filter(award_kind=award_kind, valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )
        return rules.order_by("-valid_from").first()

    def quorum_met(self, meeting) -> bool:
        return reaches(meeting.members_present, meeting.members_total, self.quorum_percent)

    def base_count(self, meeting, votes_cast) -> int:
        return {
            self.Base.MEMBERS: meeting.members_total,
            self.Base.PRESENT: meeting.members_present,
            self.Base.CAST: votes_cast,
        }[self.pass_base]

    def passes(self, meeting, votes_for, votes_cast) -> bool:
        return reaches(votes_for, self.base_count(meeting, votes_cast), self.pass_percent)


class CouncilMeeting(models.Model):
    """A meeting of the commune's Hội đồng Thi đua - Khen thưởng on a movement's
    nominations: who sat, and (in its votes) what it decided on each."""

    class Ballot(models.TextChoices):
        SECRET = "secret", _("secret ballot")
        HANDS = "hands", _("show of hands")

    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        on_delete=models.PROTECT,
        related_name="council_meetings",
    )
    held_on = models.DateField(_("held on"))
    members_total = models.PositiveIntegerField(
        _("members of the council"), validators=[MinValueValidator(1)]
    )
    members_present = models.PositiveIntegerField(_("members present"))
    attendees = models.TextField(
        _("members present (one per line)"),
        blank=True,
        help_text=_("Name and role in the council, e.g. “Nguyễn Quang Minh, Chủ tịch Hội đồng”."),
    )
    ballot = models.CharField(
        _("voted by"), max_length=10, choices=Ballot.choices, default=Ballot.SECRET
    )
    chaired_by = models.CharField(_("chaired by"), max_length=100, blank=True)
    recorded_by = models.CharField(_("minutes taken by"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        from emulation.formatting import format_date

        return _("Council meeting of %(day)s") % {"day": format_date(self.held_on)}

    def clean(self):
        if (
            self.members_total is not None
            and self.members_present is not None
            and self.members_present > self.members_total
        ):
            raise ValidationError(
                {"members_present": _("More members present than the council has.")}
            )

    def attendee_lines(self):
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class CouncilVote(models.Model):
    """The council's result on one nomination: the votes, the rule they were counted by
    and whether it passed (kept as recorded, whatever the rule says later)."""

    meeting = models.ForeignKey(
        CouncilMeeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="votes"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="council_votes",
    )
    votes_for = models.PositiveIntegerField(_("votes in favour"))
    votes_cast = models.PositiveIntegerField(_("votes cast"))
    rule = models.ForeignKey(
        CouncilRule, verbose_name=_("rule applied"), on_delete=models.PROTECT, related_name="+"
    )
    passed = models.BooleanField(_("approved"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")
        ordering = ["meeting", "nomination__unit__order", "nomination__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "nomination"],
                name="council_vote_once_per_meeting",
                violation_error_message=_("The meeting already voted on this nomination."),
            )
        ]

    def __str__(self):
        return f"{self.nomination}: {self.votes_for}/{self.votes_cast}"


# --- the commune's fund (Quỹ thi đua, khen thưởng) ---------------------------------------


class Fund(InCommune):
    """The commune's emulation and commendation fund for one budget year (Nghị định
    152/2025 Điều 46–48): formed from the budget and donations; a share goes to organising
    the movements, the rest pays the awards of the decisions signed that year."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    organising_percent = models.DecimalField(
        _("share for organising (%)"),
        max_digits=5,
        decimal_places=2,
        default=20,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Spent on organising the movements, reviews, council meetings and communication "
            "(twenty per cent under Nghị định 152/2025/NĐ-CP Điều 48); the rest pays the "
            "awards."
        ),
    )
    legal_source = models.CharField(
        _("legal source"),
        max_length=255,
        default="Nghị định 152/2025/NĐ-CP Điều 46 khoản 3, Điều 48",
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation fund")
        verbose_name_plural = _("commendation funds")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"],
                name="fund_year_unique_per_commune",
                violation_error_message=_("The commune already has a fund for this year."),
            )
        ]

    def __str__(self):
        return _("Commendation fund %(year)s") % {"year": self.year}

    def clean(self):
        super().clean()
        if self.organising_percent is not None and self.organising_percent > 100:
            raise ValidationError({"organising_percent": _("A share is at most 100 %.")})


class FundEntry(models.Model):
    """Money into the fund, or spent on organising; the awards paid are read from the
    issued decisions, never typed."""

    class Kind(models.TextChoices):
        ALLOCATION = "allocation", _("From the commune budget")
        DONATION = "donation", _("Donations and sponsorship")
        REFUND = "refund", _("Refund of a revoked award")
        ORGANISING = "organising", _("Spent on organising")

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    entered_on = models.DateField(_("date"))
    amount = models.PositiveBigIntegerField(_("amount (đồng)"), validators=[MinValueValidator(1)])
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("revoked decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
        limit_choices_to={"status": "revoked"},
        help_text=_("For a refund: the revoked decision the money was paid under."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["fund", "entered_on", "pk"]

    def __str__(self):
        from emulation.formatting import format_money

        return f"{self.get_kind_display()}: {format_money(self.amount)}"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.REFUND:
            if not self.decision_id:
                errors["decision"] = _("Choose the revoked decision the refund is for.")
            elif self.decision.status != Decision.Status.REVOKED:
                errors["decision"] = _("Only the awards of a revoked decision are refunded.")
        elif self.decision_id:
            errors["decision"] = _("Only a refund names a decision.")
        if self.fund_id and self.entered_on and self.entered_on.year != self.fund.year:
            errors["entered_on"] = _("The date is not in the fund's year (%(year)s).") % {
                "year": self.fund.year
            }
        if errors:
            raise ValidationError(errors)


# --- registration at the start of the year and the award's criteria ----------------------


class Registration(models.Model):
    """Đăng ký thi đua: at the start of the year a unit registers itself, or one of its
    people, for a title; the title's criteria ask for it at the year's end."""

    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registrations"
    )
    award_kind = models.ForeignKey(
        AwardKind,
        verbose_name=_("title registered for"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    recipient_type = models.CharField(
        _("recipient is"),
        max_length=10,
        choices=RecipientType.choices,
        default=RecipientType.INDIVIDUAL,
    )
    honorific = models.CharField(
        _("honorific"), max_length=5, choices=Commendation.HONORIFICS, blank=True
    )
    full_name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("The person's full name; empty for the unit itself."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    registered_on = models.DateField(_("registered on"), default=datetime.date.today)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-movement__year", "unit__order", "unit__name", "recipient_type", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "award_kind", "recipient_type", "full_name"],
                name="registration_once_per_title",
                violation_error_message=_("This registration is already recorded."),
            )
        ]

    def __str__(self):
        name = self.full_name or (self.unit.name if self.unit_id else "")
        return f"{recipient_name(self.recipient_type, self.honorific, name)} – {self.award_kind}"

    def clean(self):
        errors = {}
        if self.recipient_type == RecipientType.HOUSEHOLD:
            errors["recipient_type"] = _(
                "Households register on their hamlet's review page, not here."
            )
        elif self.recipient_type == RecipientType.INDIVIDUAL:
            if not self.full_name.strip():
                errors["full_name"] = _("Enter the person's full name.")
            if not self.honorific:
                errors["honorific"] = _("Choose Ông or Bà.")
        if self.award_kind_id and not self.award_kind.allows(self.recipient_type):
            errors["award_kind"] = _("“%(kind)s” is not awarded to a %(type)s.") % {
                "kind": self.award_kind,
                "type": self.get_recipient_type_display().lower(),
            }
        if errors:
            raise ValidationError(errors)

    def subject_key(self):
        """As ``Nomination.subject_key``: who registered, whatever the title."""
        from emulation.text import fold

        name = self.full_name or (
            self.unit.name if self.unit_id and self.recipient_type == "collective" else ""
        )
        return (self.recipient_type, self.unit_id, " ".join(fold(name).split()))


class AwardCriterion(models.Model):
    """One criterion of an award kind for a period (the law's, or the province's where it
    leaves them to it), shown to the office as a checklist on each nomination: computed
    where the product knows the answer, otherwise for the office to check. Warnings, not
    refusals: the office decides whether to accept."""

    class Check(models.TextChoices):
        REGISTERED = "registered", _("Registered at the start of the year (computed)")
        HOLDS_TITLE = "holds_title", _("Approved for another title the same year (computed)")
        OFFICE = "office", _("Checked by the office")

    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("award kind"), on_delete=models.CASCADE, related_name="criteria"
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty: still in force.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("criterion"), max_length=255)
    judged_by = models.CharField(
        _("how it is judged"), max_length=12, choices=Check.choices, default=Check.OFFICE
    )
    title = models.ForeignKey(
        AwardKind,
        verbose_name=_("the other title"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For “approved for another title”: which one (e.g. Lao động tiên tiến)."),
    )
    legal_source = models.CharField(_("legal source"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ["award_kind__order", "award_kind__name", "-valid_from", "order", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.judged_by == self.Check.HOLDS_TITLE and not self.title_id:
            raise ValidationError({"title": _("Choose the other title.")})
        if self.judged_by != self.Check.HOLDS_TITLE and self.title_id:
            raise ValidationError({"title": _("Only “approved for another title” names one.")})
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A rule cannot end before it starts.")})


# --- the issued decision as a fixed file, and its digitally signed copy ------------------


class IssuedDecisionFile(models.Model):
    """The decision's PDF as rendered once when it was issued: every download of an issued
    decision serves exactly these bytes, the ones the chairman signs."""

    decision = models.OneToOneField(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="issued_file"
    )
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = _("issued decision file")
        verbose_name_plural = _("issued decision files")

    def __str__(self):
        return f"{self.decision} ({self.sha256[:12]}…)"

    def save(self, *args, **kwargs):
        if self.pk and not frozen_writes_open():
            raise ValidationError(FROZEN)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(FROZEN)


class SignedDecision(models.Model):
    """The issued decision signed digitally by the chairman (and, where the commune has
    configured it, by the organisation), as uploaded and checked."""

    decision = models.OneToOneField(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="signed"
    )
    pdf = models.BinaryField(_("signed PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    signer_name = models.CharField(_("signed by"), max_length=255)
    signer_issuer = models.CharField(_("certificate issued by"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    organisation_name = models.CharField(_("organisation's signature"), max_length=255, blank=True)
    organisation_signed_at = models.DateTimeField(
        _("organisation signed at"), null=True, blank=True
    )
    signer_matches = models.BooleanField(
        _("signer is the decision's signer"),
        default=True,
        help_text=_("The name in the certificate is the signer's name written on the decision."),
    )
    revocation_note = models.CharField(_("revocation check"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The file itself is kept once, in this row; its history keeps who, when and what.
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = _("signed decision")
        verbose_name_plural = _("signed decisions")

    def __str__(self):
        return f"{self.decision} – {self.signer_name}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError(FROZEN)  # a signed copy is kept as uploaded
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(FROZEN)
