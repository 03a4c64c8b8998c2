"""How the admin shows read-only values: figures the one Vietnamese way, and links to
related rows only for a reader who may open them.

Django's admin shows a decimal column padded to its declared places ("99,5000",
"0,300"); a clerk reads the precision that was entered. A read-only foreign key is a
link to the related row's page whoever reads it; a hamlet head would follow it to "this
page does not exist". Every registered admin (and each of its inlines) gets
``ReadOnlyDisplayMixin`` as its outermost class from ``ThiDuaAdminSite``, so the swap sees
the final list and read-only fields whatever a subclass added.
"""

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from .formatting import format_number
from .policy import policy_for


def _column(field, show):
    # Same name as the field: the cell keeps its "field-…"/"column-…" CSS class and help text.
    show.__name__ = field.name
    show.short_description = capfirst(field.verbose_name)
    show.admin_order_field = field.name
    return show


def _figure_column(field, empty):
    def show(obj):
        # Read-only fields print a callable's None as "None": say "empty" the admin's way.
        return format_number(getattr(obj, field.attname), empty=empty)

    return _column(field, show)


def _related_column(field, user, site_name, empty):
    def show(obj):
        remote = getattr(obj, field.name)
        if remote is None:
            return empty
        opts = remote._meta
        try:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[remote.pk],
                current_app=site_name,
            )
        except NoReverseMatch:
            return str(remote)
        if not policy_for(user, remote).can_view():
            return str(remote)
        return format_html('<a href="{}">{}</a>', url, remote)

    return _column(field, show)


class ReadOnlyDisplayMixin:
    def _figures(self):
        columns = self.__dict__.get("_figure_columns")
        if columns is None:
            empty = self.get_empty_value_display()
            columns = {
                f.name: _figure_column(f, empty)
                for f in self.model._meta.concrete_fields
                if isinstance(f, models.DecimalField)
            }
            self.__dict__["_figure_columns"] = columns
        return columns

    def _read_only_columns(self, request):
        """Figures and related rows; the latter depend on the reader, so they are made once
        per request (the read-only list and the fieldsets must hold the same objects)."""
        cache = request.__dict__.setdefault("_thidua_read_only_columns", {})
        key = (type(self), self.model)
        if key not in cache:
            empty = self.get_empty_value_display()
            related = {
                f.name: _related_column(f, request.user, self.admin_site.name, empty)
                for f in self.model._meta.concrete_fields
                if f.many_to_one or f.one_to_one
            }
            cache[key] = {**related, **self._figures()}
        return cache[key]

    @staticmethod
    def _swap(names, columns, only):
        return [
            columns[n] if isinstance(n, str) and n in columns and n in only else n for n in names
        ]

    def _read_only_names(self, request, obj):
        """Names of the fields shown read-only on this page: all of them to a reader who
        may not change the row (Django then shows the whole form read-only)."""
        columns = self._read_only_columns(request)
        if obj is not None and not self.has_change_permission(request, obj):
            return set(columns)
        readonly = super().get_readonly_fields(request, obj)
        return {n for n in readonly if isinstance(n, str) and n in columns}

    def get_list_display(self, request):
        names = super().get_list_display(request)
        # Edited in place only when the user may change rows (as Django's ChangeList decides).
        editable = set(self.list_editable) if self.has_change_permission(request) else set()
        return self._swap(names, self._figures(), set(self._figures()) - editable)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return self._swap(readonly, self._read_only_columns(request), set(readonly))

    def get_fieldsets(self, request, obj=None):
        only = self._read_only_names(request, obj)
        columns = self._read_only_columns(request)
        return [
            (
                title,
                {
                    **options,
                    "fields": [self._swap_line(line, columns, only) for line in options["fields"]],
                },
            )
            for title, options in super().get_fieldsets(request, obj)
        ]

    def _swap_line(self, line, columns, only):
        if isinstance(line, (list, tuple)):
            return type(line)(self._swap(line, columns, only))
        return self._swap([line], columns, only)[0]

    def get_exclude(self, request, obj=None):
        # A read-only value is shown by its column; the form must not carry the field.
        # (and the column standing for it in the fieldsets is no form field either).
        exclude = list(super().get_exclude(request, obj) or [])
        columns = self._read_only_columns(request)
        shown = sorted(self._read_only_names(request, obj) - set(exclude))
        return exclude + shown + [columns[name] for name in shown]

    def get_inlines(self, request, obj):
        return [read_only_display(inline) for inline in super().get_inlines(request, obj)]


_WRAPPED = {}


def read_only_display(admin_class):
    """``admin_class`` (a ModelAdmin or an inline) with ``ReadOnlyDisplayMixin`` outermost."""
    if issubclass(admin_class, ReadOnlyDisplayMixin):
        return admin_class
    if admin_class not in _WRAPPED:
        _WRAPPED[admin_class] = type(
            admin_class.__name__,
            (ReadOnlyDisplayMixin, admin_class),
            {"__module__": admin_class.__module__},
        )
    return _WRAPPED[admin_class]
