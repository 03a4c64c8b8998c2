"""Change history (django-simple-history) made searchable in the admin.

Every domain model keeps ``history = HistoricalRecords()``: each save writes a row with
who, when and the values. Besides the per-object "history" page, the office gets one
read-only, searchable list per model ("Lịch sử thay đổi ...") with the changed fields.
"""

import datetime
from decimal import Decimal

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .formatting import format_date, format_number
from .roles import is_office


class VietnameseChanges(HistoricalRecordContextHelper):
    """Changes shown as the clerk reads them: choice labels, Vietnamese numbers, Có/Không."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, DeletedObject):
            # An empty foreign key reads as a "deleted" object: it is simply empty.
            return "—" if value.pk is None else _("(deleted)")
        if value in (None, "", []):
            return "—"
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
        if isinstance(value, datetime.date):
            return format_date(value)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        if getattr(field, "choices", None):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, (int, float, Decimal)) and not field.is_relation:
            return format_number(value)
        return value


class HistoryAdmin(SimpleHistoryAdmin):
    """Every domain admin: the per-object history page, in Vietnamese; no reverting."""

    def get_historical_record_context_helper(self, request, historical_record):
        return VietnameseChanges(self.model, historical_record)


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
        helper = VietnameseChanges(type(obj.instance), obj)
        changes = helper.context_for_delta_changes(obj.diff_against(previous))
        return format_html_join(
            "", "<div><b>{}</b>: {} → {}</div>", ((c["field"], c["old"], c["new"]) for c in changes)
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
    labels = {
        "history_date": _("when"),
        "history_user": _("changed by"),
        "history_type": _("kind of change"),
        "history_change_reason": _("reason"),
    }
    for name, label in labels.items():
        historical._meta.get_field(name).verbose_name = label
    attrs = {"search_fields": ["history_user__username", "history_change_reason", *search_fields]}
    admin.site.register(
        historical, type(f"{model.__name__}HistoryAdmin", (HistoricalRecordAdmin,), attrs)
    )
