from django.conf import settings
from django.contrib.auth.models import User, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .text import fold


class HandedIn(models.Model):
    """Something a unit hands in and the office answers (a pledge's results, a hamlet's
    household review, a nomination): who handed it in and when, who answered, and the
    office's note when it is returned. ``emulation.reviews.record_review`` writes the
    answer."""

    review_note = models.TextField(_("office's note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Commune(models.Model):
    """A commune the installation serves (xã, phường, đặc khu): its units and movements,
    and through them everything else, are its own."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For example: Hàm Liêm"))
    kind = models.CharField(
        _("kind"), max_length=20, default="xã", help_text=_("xã, phường or thị trấn")
    )
    province = models.CharField(_("province"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    chairman_name = models.CharField(_("chairman"), max_length=100)
    address = models.CharField(_("address"), max_length=255, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("office accounts"),
        related_name="communes",
        blank=True,
        help_text=_("The accounts of the commune office (clerks and leaders)."),
    )

    history = HistoricalRecords()

    # The name the migrations (emulation 0011, awards 0018) give a commune made for rows
    # that had none; nothing is issued in it until the clerk enters the real one.
    UNNAMED = "(chưa nhập tên xã)"

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]

    def __str__(self):
        return f"{self.kind} {self.name}".strip()

    @classmethod
    def current(cls):
        """The one commune of a single-commune installation; None before it is set up or
        when there are several (then a row's commune comes from the user who makes it)."""
        communes = list(cls.objects.order_by("pk")[:2])
        return communes[0] if len(communes) == 1 else None

    @property
    def is_named(self) -> bool:
        return bool(self.name) and self.name != self.UNNAMED

    @property
    def authority_title(self):
        """The People's Committee as named on documents: Ủy ban nhân dân xã Hàm Liêm."""
        return f"Ủy ban nhân dân {self.kind} {self.name}"


class InCommune(models.Model):
    """A row that belongs to a commune (units, movements): everything else reaches its
    commune through them. Until a deployment serves several communes, a new row joins the
    one commune there is."""

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        editable=False,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._join_the_only_commune()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._join_the_only_commune()
        if self.commune_id is None:
            if Commune.objects.exists():
                raise ValidationError(
                    _(
                        "Your account belongs to no commune (or to several): ask the "
                        "administrator to add it to its commune's office accounts."
                    )
                )
            raise ValidationError(_("Enter the commune's details first (Admin › Commune)."))

    def validate_constraints(self, exclude=None):
        # The commune is on no form but is set by clean(): the uniqueness within the
        # commune is checked with it, not skipped as a field the form left out.
        super().validate_constraints(set(exclude or ()) - {"commune"})

    def _join_the_only_commune(self):
        if self.commune_id is None:
            self.commune = Commune.current()


class Unit(InCommune):
    class Kind(models.TextChoices):
        HAMLET = "hamlet", _("Hamlet")
        DEPARTMENT = "department", _("Department")
        ORGANISATION = "organisation", _("Organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    head_name = models.CharField(_("head"), max_length=100, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accounts"),
        related_name="units",
        blank=True,
        help_text=_("The accounts that act for this unit (for a hamlet: the hamlet head)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords(m2m_fields=[users])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="unit_name_unique_per_commune",
                violation_error_message=_("The commune already has a unit with this name."),
            )
        ]

    def __str__(self):
        return self.name


class Household(models.Model):
    """A household of a hamlet, as its hamlet head knows it: reviewed each year for the
    title Gia đình văn hóa (DOMAIN.md, "The yearly review of households")."""

    class Honorific(models.TextChoices):
        MR = "Ông", "Ông"
        MRS = "Bà", "Bà"

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("hamlet"),
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"kind": Unit.Kind.HAMLET},
    )
    honorific = models.CharField(_("honorific"), max_length=3, choices=Honorific.choices)
    head_name = models.CharField(_("head of household"), max_length=100)
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("e.g. Tổ 3, thôn Lâm Giang.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when the household moves away.")
    )
    # The head's name and the address folded (emulation.text.fold), for searching.
    search_key = models.CharField(max_length=300, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["unit__order", "unit__name", "head_name", "address"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "head_name", "address"],
                name="household_unique_per_hamlet",
                violation_error_message=_(
                    "This hamlet already has a household with this head and address."
                ),
            )
        ]

    def __str__(self):
        return f"Hộ {self.honorific.lower()} {self.head_name}"

    def save(self, *args, **kwargs):
        self.fill_search_key()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    def fill_search_key(self):
        self.search_key = fold(f"{self.head_name} {self.address}")

    def clean(self):
        if self.unit_id and self.unit.kind != Unit.Kind.HAMLET:
            raise ValidationError({"unit": _("A household belongs to a hamlet.")})


class MovementQuerySet(models.QuerySet):
    def current(self):
        """The newest movement: the year the office is working on."""
        return self.order_by("-year").first()


class ReportSigner(models.TextChoices):
    CHAIRMAN = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
    VICE = (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    )


class Movement(InCommune):
    ReportSigner = ReportSigner

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    title = models.CharField(_("title"), max_length=255)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    summarised_on = models.DateField(_("summarised on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    household_posting_days = models.PositiveSmallIntegerField(
        _("days the household list is posted"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "How long each hamlet's list of households proposed for Gia đình văn hóa is posted "
            "publicly before the decision (10 days under Nghị định 86/2023)."
        ),
    )
    household_award_years = models.PositiveSmallIntegerField(
        _("years running for a household's Giấy khen"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "A household recognised Gia đình văn hóa this many years running may be proposed."
        ),
    )
    household_award_share = models.PositiveSmallIntegerField(
        _("share of them given the Giấy khen (%)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "At most this share of those households, taken by the votes from the highest "
            "(TTHC 1.001120)."
        ),
    )
    registration_deadline = models.DateField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_(
            "The last day units register themselves and their people for titles (đăng ký "
            "thi đua); after it only the office adds a registration."
        ),
    )
    # The year summary is a Báo cáo the commune signs (Nghị định 30/2020).
    report_number = models.CharField(
        _("report number"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^[1-9]\d*/BC-UBND$", _("Write the number as N/BC-UBND, e.g. 12/BC-UBND.")
            )
        ],
        help_text=_("Số of the year summary report, e.g. 12/BC-UBND."),
    )
    report_signer_title = models.CharField(
        _("report signed as"),
        max_length=60,
        choices=ReportSigner.choices,
        default=ReportSigner.CHAIRMAN,
    )
    report_signer_name = models.CharField(
        _("report signed by"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the commune's chairman."),
    )
    report_copies_to = models.TextField(
        _("report copies to (Nơi nhận)"),
        blank=True,
        default="Thường trực Đảng ủy xã;\nThường trực HĐND xã;\nLưu: VT.",
    )

    objects = MovementQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"],
                name="movement_year_unique_per_commune",
                violation_error_message=_("The commune already has a movement for this year."),
            ),
            models.CheckConstraint(
                condition=Q(summarised_on__isnull=True)
                | Q(launched_on__isnull=True)
                | Q(summarised_on__gte=F("launched_on")),
                name="movement_summarised_after_launch",
                violation_error_message=_("The summary date cannot be before the launch date."),
            ),
        ]

    def __str__(self):
        return self.title or str(self.year)

    def report_signer_lines(self):
        return self.report_signer_title.split("\n")

    def report_copies_lines(self):
        return [line.strip() for line in self.report_copies_to.splitlines() if line.strip()]


class UnitAccountQuerySet(models.QuerySet):
    def of_units(self):
        """Accounts of the units' people (hamlet heads): never a superuser, never an
        account of the office."""
        from .roles import CLERK, HAMLET_HEAD, LEADER

        return (
            self.filter(is_superuser=False, groups__name=HAMLET_HEAD)
            .exclude(groups__name__in=[CLERK, LEADER])
            .distinct()
        )


class UnitAccount(User):
    """A hamlet head's login, as the office manages it (emulation.accounts)."""

    objects = UserManager.from_queryset(UnitAccountQuerySet)()

    class Meta:
        proxy = True
        verbose_name = _("unit account")
        verbose_name_plural = _("unit accounts")
        ordering = ["username"]

    def __str__(self):
        from .roles import person_name

        return f"{person_name(self)} ({self.username})"


class BackgroundJob(models.Model):
    """Work that outgrows a request (a big import, hundreds of certificates, the
    province's report), run by the worker (``manage.py db_worker``) for the account that
    asked: how far it has got, what came of it, and the file to download. The queue
    itself is django-tasks' database backend; this row is what the person sees."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("not done")

    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("work"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="background_jobs",
    )
    # The commune the work is about; none for the province's report of every commune.
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="background_jobs",
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("steps"), default=0)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    message = models.TextField(_("result"), blank=True)
    # The uploaded file an import reads, and the file the work produced.
    source = models.FileField(_("file read"), upload_to="jobs/in/", blank=True)
    result = models.FileField(_("file produced"), upload_to="jobs/out/", blank=True)
    result_name = models.CharField(_("download name"), max_length=255, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")) | Q(total=0), name="job_done_within_total"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def has_file(self) -> bool:
        """Done, with a file to download."""
        return self.status == self.Status.DONE and bool(self.result)

    @property
    def percent(self) -> int | None:
        """How far the work has got, 0–100; None while its size is not known."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
