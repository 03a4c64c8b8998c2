from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.achievement import Status
from emulation.admin_mixins import SpreadsheetAdmin
from emulation.downloads import attach, file_name, pdf_response
from emulation.filters import movement_year_filter, year_column
from emulation.formatting import format_percent
from emulation.history import register_history
from emulation.scoping import ScopedUnitFilter, movement_of_year, movements_shown
from emulation.xlsx import XLSX_CONTENT_TYPE

from . import reports, services
from .models import Target
from .resources import TargetResource

STATUS_COLOURS = {
    Status.EXCEEDED: "#1b7a34",
    Status.MET: "#2f6db5",
    Status.NOT_MET: "#b3261e",
    Status.PENDING: "#6b6b6b",
}


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("assessment")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() not in Status.values:
            return queryset
        # The status comes from the one achievement rule, so it is computed in Python
        # rather than restated as SQL; one query whatever the row count.
        fields = ["pk", "direction", "plan_value", "actual_value", "achieved"]
        wanted = [t.pk for t in queryset.only(*fields) if t.achievement().status == self.value()]
        return queryset.filter(pk__in=wanted)


@admin.register(Target)
class TargetAdmin(SpreadsheetAdmin):
    movement_year_path = "movement__year"
    resource_classes = [TargetResource]
    # import-export wraps this template with its own import / export buttons.
    change_list_template = "admin/targets/target/change_list.html"
    list_display = [
        "order",
        "name",
        "plan_column",
        "actual_value",
        "achieved",
        "percent_column",
        "status_column",
        "responsible_unit",
        year_column("movement"),
    ]
    list_display_links = ["name"]
    list_editable = ["actual_value", "achieved"]
    list_filter = [
        movement_year_filter("movement"),
        "is_key",
        StatusFilter,
        ("responsible_unit", ScopedUnitFilter),
        "direction",
    ]
    list_select_related = ["movement", "responsible_unit"]
    search_fields = ["name", "note", "responsible_unit__name"]
    list_per_page = 100
    autocomplete_fields = ["responsible_unit"]
    actions = ["copy_to_next_year"]
    fieldsets = [
        (None, {"fields": ["movement", "order", "name", "is_key", "responsible_unit"]}),
        (
            gettext_lazy("Figures"),
            {
                "fields": [
                    "direction",
                    "unit_of_measure",
                    "plan_value",
                    "actual_value",
                    "achieved",
                    "rollup",
                ]
            },
        ),
        (None, {"fields": ["note"]}),
    ]

    @admin.display(description=gettext_lazy("plan"))
    def plan_column(self, obj):
        return obj.plan_display

    @admin.display(description=gettext_lazy("percent of plan"))
    def percent_column(self, obj):
        return format_percent(obj.achievement().percent)

    @admin.display(description=gettext_lazy("assessment"))
    def status_column(self, obj):
        status = obj.achievement().status
        return format_html(
            '<span class="target-status status-{}" style="color:#fff;background:{};'
            'padding:2px 8px;border-radius:10px;white-space:nowrap">{}</span>',
            status,
            STATUS_COLOURS[status],
            Status(status).label,
        )

    @admin.action(
        description=gettext_lazy("Copy the selected targets to the next year"), permissions=["add"]
    )
    def copy_to_next_year(self, request, queryset):
        for year, (created, skipped) in services.copy_to_next_year(queryset).items():
            self.message_user(
                request,
                _("Year %(year)s: %(created)s targets copied, %(skipped)s already there.")
                % {"year": year, "created": created, "skipped": skipped},
                messages.SUCCESS,
            )

    def get_urls(self):
        return [
            path(
                "report/<int:year>/",
                self.admin_site.admin_view(self.report_view),
                name="targets_target_report",
            ),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        year = request.GET.get("movement__id__exact")
        movements = movements_shown(request)
        movement = (movements.filter(pk=year).first() if year and year.isdigit() else None) or (
            movements.first()
        )
        if movement:
            extra_context["report_url"] = reverse(
                "admin:targets_target_report", args=[movement.year]
            )
            extra_context["report_movement"] = movement
        return super().changelist_view(request, extra_context)

    def report_view(self, request, year):
        if not self.has_view_permission(request):
            raise PermissionDenied
        movement = movement_of_year(request, year)
        output = request.GET.get("format", "html")
        if output == "pdf":
            name = file_name("bao-cao-chi-tieu", year, extension="pdf")
            return pdf_response(reports.as_pdf(movement), name)
        if output == "xlsx":
            response = HttpResponse(reports.as_xlsx(movement), content_type=XLSX_CONTENT_TYPE)
            attach(response, file_name("bao-cao-chi-tieu", year, extension="xlsx"))
            return response
        if output != "html":
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            **reports.report_context(movement),
            "title": reports.title_for(movement),
            "opts": self.model._meta,
            "movements": movements_shown(request),
        }
        return TemplateResponse(request, "admin/targets/target/report.html", context)


register_history(Target, ["name", "note"])
