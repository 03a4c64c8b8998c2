from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .history import HistoryAdmin, register_history
from .models import Commune, Movement, Unit


@admin.register(Commune)
class CommuneAdmin(HistoryAdmin):
    list_display = ["__str__", "province", "chairman_name"]
    fields = ["name", "kind", "district", "province", "chairman_name", "address"]


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["name", "kind", "head_name", "is_active", "order"]
    list_editable = ["order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "head_name"]
    filter_horizontal = ["users"]
    list_per_page = 50


@admin.register(Movement)
class MovementAdmin(HistoryAdmin):
    list_display = ["year", "title", "launched_on", "summarised_on", "report_number"]
    search_fields = ["title", "notes"]
    ordering = ["-year"]
    fieldsets = [
        (None, {"fields": ["year", "title", "launched_on", "summarised_on", "notes"]}),
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


register_history(Commune, ["name", "chairman_name"])
register_history(Unit, ["name", "head_name"])
register_history(Movement, ["title"])
