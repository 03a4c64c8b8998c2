"""Change history (django-simple-history), read-only and searchable in the admin.

Every domain model keeps ``history = HistoricalRecords()``: each save writes a row with
who, when and the values. The per-object "history" page lists the versions with what
changed; each version opens on a read-only page of its values. django-simple-history's
own version page is a form that saves the old version on POST (a revert, whatever
``SIMPLE_HISTORY_REVERT_DISABLED`` says); ``HistoryAdmin`` replaces it, so no history URL
accepts a POST. Besides, the office gets one read-only, searchable list per model
("Lịch sử thay đổi ...") with the changed fields.
"""

import datetime
from decimal import Decimal

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from .formatting import format_date, format_number
from .policy_admin import PolicyAdminMixin, PolicyModelForm


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


SAFE_METHODS = ("GET", "HEAD")


class HistoryAdmin(PolicyAdminMixin, SimpleHistoryAdmin):
    """Every domain admin: the policy decides; history pages in Vietnamese, read-only."""

    form = PolicyModelForm
    object_history_form_template = "admin/history_version.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return VietnameseChanges(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return True

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in SAFE_METHODS:
            return HttpResponseNotAllowed(SAFE_METHODS)
        # The row must be one this user may see now: another unit's row and a missing
        # one answer the same 404 (the library would answer 403 for the former).
        self.get_object(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One version's values beside the previous version's, read-only: no form."""
        if request.method not in SAFE_METHODS:
            return HttpResponseNotAllowed(SAFE_METHODS)
        obj = self.get_object(request, unquote(object_id))
        pk_name = self.model._meta.pk.attname
        record = (
            self.model.history.filter(**{pk_name: obj.pk, "history_id": unquote(version_id)})
            .select_related("history_user")
            .first()
        )
        if record is None:
            raise Http404(gettext("This page does not exist or you may not see it."))
        previous = record.prev_record
        helper = self.get_historical_record_context_helper(request, record)
        rows = []
        for field in record.instance._meta.concrete_fields:
            if field.primary_key or not field.editable:
                continue
            value = getattr(record, field.attname)
            before = getattr(previous, field.attname) if previous is not None else value
            shown = helper.prepare_delta_change_value(ModelChange(field.name, before, value), value)
            old = helper.prepare_delta_change_value(ModelChange(field.name, before, value), before)
            rows.append(
                {
                    "label": capfirst(field.verbose_name),
                    "value": shown,
                    "old": old,
                    "changed": previous is not None and before != value,
                }
            )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Version of %(time)s: %(object)s")
            % {
                "time": timezone.localtime(record.history_date).strftime("%H:%M %d/%m/%Y"),
                "object": obj,
            },
            "opts": opts,
            "original": obj,
            "record": record,
            "rows": rows,
            "has_previous": previous is not None,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_form_template, context)


class HistoricalRecordAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """Read-only list of a model's historical rows, for the office (HistoryPolicy)."""

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
        return self.policy(request).can_view()


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
