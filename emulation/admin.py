from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from . import accounts, communes
from .admin_mixins import SpreadsheetAdmin
from .formatting import format_number
from .history import HistoryAdmin, register_history
from .models import BackgroundJob, Commune, Household, Movement, Unit, UnitAccount
from .policy import policy_for
from .policy_admin import PolicyAdminMixin
from .resources import HouseholdResource
from .roles import person_name
from .scoping import ScopedUnitFilter


@admin.register(Commune)
class CommuneAdmin(HistoryAdmin):
    list_display = ["__str__", "province", "chairman_name"]
    fields = ["name", "kind", "district", "province", "chairman_name", "address"]
    filter_horizontal = ["users"]

    def get_fields(self, request, obj=None):
        # Which accounts are a commune's office is the administrator's choice, not the
        # office's own (emulation.policy.CommunePolicy).
        return [*self.fields, "users"] if request.user.is_superuser else self.fields

    @staticmethod
    def _joins(change):
        """Adding a commune beside others: it joins the province's deployment with its
        movement and first office account (emulation.communes). The first commune of an
        installation is entered by its own office, as before."""
        return not change and Commune.objects.exists()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not self._joins(change):
            return form

        class JoiningCommuneForm(form):
            def clean(self):
                cleaned = super().clean()
                problems = communes.onboarding_problems(
                    name=(cleaned.get("name") or "").strip(),
                    kind=(cleaned.get("kind") or "").strip().lower(),
                    chairman_name=(cleaned.get("chairman_name") or "").strip(),
                )
                problems += communes.username_problems(
                    communes.office_username(cleaned.get("name") or "")
                )
                if problems:
                    raise ValidationError(problems)
                return cleaned

        return JoiningCommuneForm

    def save_model(self, request, obj, form, change):
        if not self._joins(change):
            return super().save_model(request, obj, form, change)
        fields = ("name", "kind", "province", "chairman_name", "district", "address")
        joined = communes.add_commune(request.user, **{f: getattr(obj, f) for f in fields})
        # The admin logs the addition and saves the chosen accounts on the row it holds.
        obj.pk, obj._state.adding = joined.commune.pk, False
        request._joined_commune = joined

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        joined = getattr(request, "_joined_commune", None)
        if joined is not None:  # the form's choice of accounts, and the new office account
            joined.commune.users.add(joined.account)

    def response_add(self, request, obj, post_url_continue=None):
        joined = getattr(request, "_joined_commune", None)
        if joined is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("%(commune)s joined") % {"commune": joined.commune},
            "joined": joined,
            "login_url": settings.SITE_URL.rstrip("/") + reverse("admin:login"),
        }
        return TemplateResponse(request, "admin/emulation/commune/joined.html", context)


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["name", "kind", "head_name", "is_active", "order"]
    list_editable = ["order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "head_name"]
    filter_horizontal = ["users"]
    list_per_page = 50

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "users":  # the hamlet heads' accounts of the clerk's commune
            kwargs["queryset"] = policy_for(request.user, UnitAccount).scope(
                UnitAccount.objects.all()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Movement)
class MovementAdmin(HistoryAdmin):
    list_display = ["year", "title", "launched_on", "summarised_on", "report_number"]
    search_fields = ["title", "notes"]
    ordering = ["-year"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "year",
                    "title",
                    "launched_on",
                    "summarised_on",
                    "household_posting_days",
                    "household_award_years",
                    "household_award_share",
                    "notes",
                ]
            },
        ),
        (
            _("Year summary report (Báo cáo)"),
            {
                "fields": [
                    "report_number",
                    "report_signer_title",
                    "report_signer_name",
                    "report_copies_to",
                ]
            },
        ),
    ]


@admin.register(Household)
class HouseholdAdmin(SpreadsheetAdmin):
    """A hamlet's households: the hamlet head keeps their own, the office sees them all."""

    resource_classes = [HouseholdResource]
    list_display = ["__str__", "unit", "address", "is_active"]
    list_filter = [("unit", ScopedUnitFilter), "is_active"]
    list_select_related = ["unit"]
    search_fields = ["head_name", "address"]
    list_per_page = 50
    fields = ["unit", "honorific", "head_name", "address", "is_active"]

    def export_years(self, queryset):
        return []  # households are not of one year


# The queue's own page (django-tasks-db) lists every account's tasks with their arguments,
# outside the policy; people follow their work on the jobs page below.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(BackgroundJob)
class BackgroundJobAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """The work the worker does for this account: how far it has got, what came of it,
    and its file. The page reloads itself until the work is finished."""

    list_display = ["title", "status", "progress", "created_at", "download"]
    list_filter = ["status"]
    fields = ["title", "status", "progress", "outcome", "download", "created_at", "finished_at"]
    readonly_fields = fields
    change_form_template = "admin/emulation/backgroundjob/change_form.html"

    def has_add_permission(self, request, *args):
        return False  # a job is started by the page whose work it does

    @admin.display(description=_("progress"))
    def progress(self, job):
        percent = job.percent
        if job.status == BackgroundJob.Status.QUEUED:
            return _("waiting for the worker")
        if percent is None:
            return _("running") if not job.is_finished else "—"
        return format_html(
            '<progress value="{}" max="100">{} %</progress> {}/{} ({} %)',
            percent,
            percent,
            format_number(job.done),
            format_number(job.total),
            percent,
        )

    @admin.display(description=_("result"))
    def outcome(self, job):
        # Escaped line by line (a file's name, a cell's text), then set as paragraphs.
        return mark_safe(linebreaks(job.message, autoescape=True)) if job.message else "—"

    @admin.display(description=_("file produced"))
    def download(self, job):
        if not job.has_file:
            return "—"
        url = reverse(f"{self.admin_site.name}:emulation_backgroundjob_result", args=[job.pk])
        return format_html('<a href="{}">{}</a>', url, job.result_name or _("download"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.result_view)
        return [
            path("<path:object_id>/result/", view, name="emulation_backgroundjob_result"),
            *super().get_urls(),
        ]

    def result_view(self, request, object_id):
        """The file the job produced, for the account that asked for it."""
        job = self.get_object(request, object_id)  # 404 for anyone else's
        if not job.has_file:
            raise Http404(_("This job has produced no file (yet)."))
        return FileResponse(
            job.result.open("rb"),
            as_attachment=not job.result_name.endswith(".pdf"),
            filename=job.result_name or None,
        )


register_history(Commune, ["name", "chairman_name"])
register_history(Unit, ["name", "head_name"])
register_history(Movement, ["title"])
register_history(Household, ["head_name", "address"])


class UnitAccountCreationForm(forms.Form):
    username = forms.CharField(
        label=_("login name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and . _ - only, e.g. thon.lamgiang."),
    )
    full_name = forms.CharField(label=_("full name"), max_length=150)
    unit = forms.ModelChoiceField(
        label=_("unit"), queryset=Unit.objects.filter(is_active=True).order_by("order", "name")
    )


@admin.register(UnitAccount)
class UnitAccountAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """The hamlet heads' logins, for the office: no group, permission or superuser field
    is ever shown (Django's own user pages stay out of the office's reach)."""

    list_display = ["username", "name_column", "units_column", "is_active", "locked_column"]
    list_filter = ["is_active"]
    search_fields = ["username", "first_name", "last_name", "units__name"]
    fields = ["username", "last_name", "first_name", "is_active", "last_login"]
    readonly_fields = ["last_login"]
    change_form_template = "admin/emulation/unitaccount/change_form.html"
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("units")

    @admin.display(description=_("full name"))
    def name_column(self, obj):
        return person_name(obj)

    @admin.display(description=_("units"))
    def units_column(self, obj):
        return ", ".join(unit.name for unit in obj.units.all())

    @admin.display(description=_("locked out"), boolean=True)
    def locked_column(self, obj):
        return accounts.locked_out(obj)

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("add/", wrap(self.create_view), name="emulation_unitaccount_add"),
            path(
                "<path:object_id>/reset-password/",
                wrap(self.reset_password_view),
                name="emulation_unitaccount_reset_password",
            ),
            path(
                "<path:object_id>/unlock/",
                wrap(self.unlock_view),
                name="emulation_unitaccount_unlock",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "account_actions": self.policy(request, obj).transitions(),
            "locked_out": accounts.locked_out(obj),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _slip(self, request, account, password, title):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "account": account,
            "password": password,
            "units": account.units.all(),
            "login_url": settings.SITE_URL.rstrip("/") + reverse("admin:login"),
        }
        response = TemplateResponse(request, "admin/emulation/unitaccount/slip.html", context)
        response["Cache-Control"] = "no-store"  # the password is shown this once
        return response

    def create_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UnitAccountCreationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                account, password = accounts.create_unit_account(request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_addition(request, account, [{"added": {}}])
                return self._slip(request, account, password, _("Account created"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("New account for a unit"),
            "form": form,
        }
        return TemplateResponse(request, "admin/emulation/unitaccount/create.html", context)

    def _account_action(self, request, object_id):
        if request.method != "POST":
            return None, HttpResponseNotAllowed(["POST"])
        return self.get_object(request, object_id), None

    def reset_password_view(self, request, object_id):
        account, refusal = self._account_action(request, object_id)
        if refusal:
            return refusal
        password = accounts.reset_password(request.user, account)
        self.log_change(request, account, [{"changed": {"fields": ["password"]}}])
        return self._slip(request, account, password, _("New password"))

    def unlock_view(self, request, object_id):
        account, refusal = self._account_action(request, object_id)
        if refusal:
            return refusal
        accounts.unlock_account(request.user, account)
        self.message_user(
            request, _("%(account)s may log in again.") % {"account": account}, messages.SUCCESS
        )
        return redirect("admin:emulation_unitaccount_change", account.pk)
