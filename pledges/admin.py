from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.admin_mixins import SpreadsheetAdmin, WorkflowActionsMixin
from emulation.downloads import attach, file_name, pdf_response
from emulation.filters import movement_year_filter, year_column
from emulation.formatting import format_count, format_quantity
from emulation.forms import VIETNAMESE_FIGURES
from emulation.history import HistoryAdmin, register_history
from emulation.policy import policy_for
from emulation.policy_admin import PolicyInlineMixin
from emulation.roles import is_office
from emulation.scoping import ScopedUnitFilter, movement_of_year, movements_shown
from emulation.xlsx import XLSX_CONTENT_TYPE
from targets.admin import STATUS_COLOURS, TargetAdmin
from targets.models import Target

from . import reports, selectors, services
from .forms import AssignTargetsForm, WorkflowForm
from .models import Pledge, PledgeItem
from .resources import PledgeItemResource

PLEDGE_COLOURS = {
    Pledge.Status.DRAFT: "#6b6b6b",
    Pledge.Status.SIGNED: "#2f6db5",
    Pledge.Status.SUBMITTED: "#a15c00",
    Pledge.Status.RETURNED: "#b3261e",
    Pledge.Status.APPROVED: "#1b7a34",
}


def status_badge(pledge):
    return format_html(
        '<span class="pledge-status status-{}" style="color:#fff;background:{};'
        'padding:2px 8px;border-radius:10px;white-space:nowrap">{}</span>',
        pledge.status,
        PLEDGE_COLOURS[pledge.status],
        pledge.get_status_display(),
    )


class PledgeItemInline(PolicyInlineMixin, admin.TabularInline):
    """The office's view of the items: every column, figures the Vietnamese way."""

    model = PledgeItem
    parent_field = "pledge"
    extra = 0
    formfield_overrides = VIETNAMESE_FIGURES
    columns = [
        "order",
        "title",
        "target",
        "unit_of_measure",
        "direction",
        "committed_value",
        "result_value",
        "achieved",
        "result_note",
        "assessment",
    ]
    autocomplete_fields = ["target"]

    def get_fields(self, request, obj=None):
        editable = self.editable_fields(request, obj)
        # A figure nobody may change here is shown formatted (5.018,6 tấn), not raw.
        shown = {"committed_value": "committed_display", "result_value": "result_display"}
        return [f if f in editable or f not in shown else shown[f] for f in self.columns]

    def get_readonly_fields(self, request, obj=None):
        editable = self.editable_fields(request, obj)
        return [f for f in self.get_fields(request, obj) if f not in editable]

    @admin.display(description=gettext_lazy("committed"))
    def committed_display(self, obj):
        return obj.committed_display

    @admin.display(description=gettext_lazy("result"))
    def result_display(self, obj):
        return "" if obj.direction == "yes_no" else obj.result_display

    @admin.display(description=gettext_lazy("assessment"))
    def assessment(self, obj):
        if obj.pk is None:
            return ""
        status = obj.achievement().status
        return format_html(
            '<b style="color:{}">{}</b>', STATUS_COLOURS[status], obj.achievement().label
        )


class PledgeResultInline(PledgeItemInline, admin.StackedInline):
    """The hamlet head's view, one item under another so it fits a phone."""

    template = "admin/pledges/pledge/result_cards.html"
    columns = ["title", "committed_value", "result_value", "achieved", "result_note", "assessment"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "result_note":  # a line or two on a phone, not half a screen
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Pledge)
class PledgeAdmin(WorkflowActionsMixin, HistoryAdmin):
    inlines = [PledgeItemInline]

    def get_inlines(self, request, obj):
        return [PledgeItemInline] if is_office(request.user) else [PledgeResultInline]

    list_display = [
        "unit",
        year_column("movement"),
        "status_column",
        "signed_on",
        "results_column",
        "submitted_at",
        "reviewed_at",
    ]
    list_filter = [
        movement_year_filter("movement"),
        "status",
        ("unit", ScopedUnitFilter),
        "unit__kind",
    ]
    list_select_related = ["unit", "movement"]
    search_fields = ["unit__name", "signatory_name"]
    list_per_page = 50
    date_hierarchy = "signed_on"
    autocomplete_fields = ["unit"]
    actions = ["approve_selected"]
    readonly_fields = ["status_column"]
    fieldsets = [
        (None, {"fields": ["movement", "unit", "signed_on", "signatory_name", "document"]}),
        (
            gettext_lazy("Workflow"),
            {
                "fields": [
                    "status_column",
                    "review_note",
                    "submitted_at",
                    "submitted_by",
                    "reviewed_at",
                    "reviewed_by",
                ]
            },
        ),
    ]

    def get_list_display(self, request):
        if is_office(request.user):
            return self.list_display
        # A hamlet head on a phone: what matters first is the state of their own pledge.
        return ["unit", "status_column", "results_column", year_column("movement")]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_office(request.user):
            actions.pop("approve_selected", None)
        return actions

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_count=Count("items"),
                result_count=Count(
                    "items",
                    filter=Q(items__result_value__isnull=False) | Q(items__achieved__isnull=False),
                ),
            )
        )

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_column(self, obj):
        return status_badge(obj)

    @admin.display(description=gettext_lazy("results entered"))
    def results_column(self, obj):
        return f"{format_count(obj.result_count)}/{format_count(obj.item_count)}"

    def get_fieldsets(self, request, obj=None):
        main = [(None, {"fields": ["movement", "unit", "signed_on", "signatory_name", "document"]})]
        if obj is not None and obj.status == Pledge.Status.DRAFT and is_office(request.user):
            # "Mark as signed" above the form asks for the date and the signer: once.
            signing = {"signed_on", "signatory_name"}
            return [
                (title, {**opts, "fields": [f for f in opts["fields"] if f not in signing]})
                for title, opts in super().get_fieldsets(request, obj)
            ]
        if obj is not None and not is_office(request.user):
            # A hamlet head on a phone: the title names the unit and year, the state box
            # above the form links the scan; the results follow at once.
            return [(None, {"fields": ["signed_on", "signatory_name"]})]
        # New pledges: the state box above the form says the rest.
        if obj is None:
            return main
        return super().get_fieldsets(request, obj)

    # --- the workflow on the change page -------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.workflow_view),
                name="pledges_pledge_workflow",
            ),
            path(
                "<path:object_id>/document/",
                view(self.document_view),
                name="pledges_pledge_document",
            ),
            path("ranking/<int:year>/", view(self.ranking_view), name="pledges_pledge_ranking"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["transitions"] = policy_for(request.user, obj).transitions()
            extra_context["pledge"] = obj
            extra_context["workflow_form"] = WorkflowForm(
                initial={"signed_on": obj.signed_on, "signatory_name": obj.signatory_name}
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        if "_submit_results" in request.POST:
            self._run(request, obj, "submit", {})
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        pledge = self.get_object(request, object_id)
        form = WorkflowForm(request.POST)
        form.is_valid()
        self._run(request, pledge, action, form.cleaned_data)
        return HttpResponseRedirect(reverse("admin:pledges_pledge_change", args=[pledge.pk]))

    def _run(self, request, pledge, action, data):
        user = request.user
        actions = {
            "sign": lambda: services.sign_pledge(
                pledge, user, data.get("signed_on"), data.get("signatory_name")
            ),
            "submit": lambda: services.submit_pledge(pledge, user),
            "approve": lambda: services.approve_pledge(pledge, user),
            "return": lambda: services.return_pledge(pledge, user, data.get("note")),
            "reopen": lambda: services.reopen_pledge(pledge, user, data.get("note")),
        }
        if action not in actions:
            raise Http404
        return self.run_workflow_action(
            request,
            pledge,
            actions[action],
            lambda: (
                _("%(unit)s: the pledge is now “%(status)s”.")
                % {"unit": pledge.unit, "status": pledge.get_status_display()}
            ),
        )

    @admin.action(
        description=gettext_lazy("Approve the selected submitted pledges"), permissions=["change"]
    )
    def approve_selected(self, request, queryset):
        done = sum(self._run(request, pledge, "approve", {}) for pledge in queryset)
        if not done:
            self.message_user(request, _("No pledge was approved."), messages.WARNING)

    def document_view(self, request, object_id):
        """The signed scan, only to those who may see the pledge (media is not public)."""
        pledge = self.get_object(request, object_id)
        if not pledge.document:
            raise Http404
        return FileResponse(
            pledge.document.open("rb"),
            as_attachment=False,
            filename=pledge.document.name.rsplit("/", 1)[-1],
        )

    def ranking_view(self, request, year):
        if not is_office(request.user):
            raise PermissionDenied
        movement = movement_of_year(request, year)
        output = request.GET.get("format", "html")
        if output == "xlsx":
            response = HttpResponse(reports.as_xlsx(movement), content_type=XLSX_CONTENT_TYPE)
            return attach(response, file_name("xep-hang-don-vi", year, extension="xlsx"))
        if output == "pdf":
            name = file_name("xep-hang-don-vi", year, extension="pdf")
            return pdf_response(reports.as_pdf(movement), name)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Unit ranking %(year)s") % {"year": year},
            "movement": movement,
            "movements": movements_shown(request),
            "rows": selectors.unit_ranking(movement),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/pledges/pledge/ranking.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        movement = movements_shown(request).first()
        if movement and is_office(request.user):
            extra_context["ranking_url"] = reverse(
                "admin:pledges_pledge_ranking", args=[movement.year]
            )
            extra_context["ranking_year"] = movement.year
        return super().changelist_view(request, extra_context)


@admin.register(PledgeItem)
class PledgeItemAdmin(SpreadsheetAdmin):
    movement_year_path = "pledge__movement__year"
    resource_classes = [PledgeItemResource]
    list_display = [
        "title",
        "pledge_unit",
        "movement_year",
        "committed_display",
        "result_column",
        "assessment",
        "pledge_status",
    ]
    list_filter = [
        movement_year_filter("pledge__movement"),
        ("pledge__unit", ScopedUnitFilter),
        "pledge__status",
        # Whether an item feeds a commune target; listing every target would not scale.
        ("target", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["pledge__unit", "pledge__movement", "target"]
    search_fields = ["title", "pledge__unit__name", "result_note", "target__name"]
    list_per_page = 100
    autocomplete_fields = ["target"]
    fields = [
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
    ]

    @admin.display(description=gettext_lazy("unit"), ordering="pledge__unit__name")
    def pledge_unit(self, obj):
        return obj.pledge.unit

    @admin.display(description=gettext_lazy("year"), ordering="pledge__movement__year")
    def movement_year(self, obj):
        return obj.pledge.movement.year

    @admin.display(description=gettext_lazy("committed"))
    def committed_display(self, obj):
        return obj.committed_display

    @admin.display(description=gettext_lazy("result"))
    def result_column(self, obj):
        return obj.result_display

    @admin.display(description=gettext_lazy("assessment"))
    def assessment(self, obj):
        status = obj.achievement().status
        return format_html(
            '<b style="color:{}">{}</b>', STATUS_COLOURS[status], obj.achievement().label
        )

    @admin.display(description=gettext_lazy("pledge status"))
    def pledge_status(self, obj):
        return status_badge(obj.pledge)

    def get_field_queryset(self, db, db_field, request):
        if db_field.name == "pledge":
            # Only pledges still being drafted take new items, and only the office adds.
            return Pledge.objects.filter(status=Pledge.Status.DRAFT).select_related(
                "unit", "movement"
            )
        return super().get_field_queryset(db, db_field, request)

    def has_import_permission(self, request):
        return is_office(request.user) and super().has_import_permission(request)


class TargetWithPledgesAdmin(TargetAdmin):
    """The targets admin, extended with what pledges add: assigning and the breakdown."""

    actions = [*TargetAdmin.actions, "assign_to_units"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.rollup == Target.Rollup.SUM:
            fieldsets.append(
                (gettext_lazy("Approved pledge results by unit"), {"fields": ["pledge_breakdown"]})
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.rollup == Target.Rollup.SUM:
            readonly.append("pledge_breakdown")
        return readonly

    @admin.display(description=gettext_lazy("breakdown"))
    def pledge_breakdown(self, obj):
        items = list(
            obj.pledge_items.filter(pledge__status=Pledge.Status.APPROVED)
            .select_related("pledge__unit")
            .order_by("pledge__unit__order", "pledge__unit__name")
        )
        if not items:
            return _("No approved pledge results yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    item.pledge.unit.name,
                    item.committed_display,
                    format_quantity(item.result_value, item.unit_of_measure),
                )
                for item in items
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("Unit"),
            _("Committed"),
            _("Result"),
            rows,
        )

    @admin.action(
        description=gettext_lazy("Assign the selected targets to units (giao chỉ tiêu)"),
        permissions=["change"],
    )
    def assign_to_units(self, request, queryset):
        movements = {target.movement_id for target in queryset}
        pledge_states = {
            pledge.unit_id: pledge.get_status_display()
            for pledge in Pledge.objects.filter(movement_id__in=movements)
        }
        form = AssignTargetsForm(
            request.POST if "apply" in request.POST else None, pledge_states=pledge_states
        )
        if "apply" in request.POST and form.is_valid():
            try:
                pledges, items, skipped = services.assign_targets(
                    queryset, form.cleaned_data["units"], request.user
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
                return None
            self.message_user(
                request,
                _("%(pledges)s draft pledges created, %(items)s items added.")
                % {"pledges": pledges, "items": items},
                messages.SUCCESS,
            )
            if skipped:
                self.message_user(
                    request,
                    _("Already past draft, left unchanged: %(units)s.")
                    % {"units": ", ".join(str(u) for u in skipped)},
                    messages.WARNING,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Assign targets to units"),
            "targets": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/targets/target/assign.html", context)


admin.site.unregister(Target)
admin.site.register(Target, TargetWithPledgesAdmin)


register_history(Pledge, ["unit__name", "review_note"])
register_history(PledgeItem, ["title", "pledge__unit__name", "result_note"])
