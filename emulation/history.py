"""Change history (django-simple-history) made searchable in the admin.

Every domain model keeps ``history = HistoricalRecords()``: each save writes a row with
who, when and the values. Besides the per-object "history" page, the office gets one
read-only, searchable list per model ("Lịch sử thay đổi ...") with the changed fields.
"""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .roles import is_office


class HistoricalRecordAdmin(admin.ModelAdmin):
    """Read-only list of a model's historical rows, for the office."""

    list_display = ["history_date", "history_user", "history_type", "record", "changes"]
    list_filter = ["history_type", "history_user"]
    date_hierarchy = "history_date"
    list_select_related = ["history_user"]
    list_per_page = 50
    ordering = ["-history_date", "-history_id"]

    @admin.display(description=_("record"))
    def record(self, obj):
        return str(obj.instance)

    @admin.display(description=_("changes"))
    def changes(self, obj):
        previous = obj.prev_record
        if previous is None:
            return "—"
        delta = obj.diff_against(previous)
        return format_html_join(
            "",
            "<div><b>{}</b>: {} → {}</div>",
            (
                (obj.instance._meta.get_field(c.field).verbose_name, c.old, c.new)
                for c in delta.changes
            ),
        )

    def has_module_permission(self, request):
        return is_office(request.user)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def register_history(model, search_fields=()):
    """Register the searchable history list of ``model``."""
    historical = model.history.model
    historical._meta.verbose_name = format_lazy(
        "{}: {}", _("change history"), model._meta.verbose_name
    )
    historical._meta.verbose_name_plural = historical._meta.verbose_name
    attrs = {"search_fields": ["history_user__username", "history_change_reason", *search_fields]}
    admin.site.register(
        historical, type(f"{model.__name__}HistoryAdmin", (HistoricalRecordAdmin,), attrs)
    )
