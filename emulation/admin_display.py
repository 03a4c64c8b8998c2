"""Figures in admin lists and read-only fields, shown the one Vietnamese way.

Django's admin shows a decimal column padded to its declared places ("99,5000",
"0,300"); a clerk reads the precision that was entered. Every registered admin (and each
of its inlines) gets ``FiguresShownMixin`` as its outermost class from
``ThiDuaAdminSite``, so the swap sees the final list and read-only fields whatever a
subclass added: a decimal column that is not edited in place is shown through
``emulation.formatting.format_number`` instead.
"""

from django.db import models
from django.utils.text import capfirst

from .formatting import format_number


def _figure_column(field, empty):
    def show(obj):
        # Read-only fields print a callable's None as "None": say "empty" the admin's way.
        return format_number(getattr(obj, field.attname), empty=empty)

    # Same name as the field: the cell keeps its "field-…"/"column-…" CSS class and help text.
    show.__name__ = field.name
    show.short_description = capfirst(field.verbose_name)
    show.admin_order_field = field.name
    return show


class FiguresShownMixin:
    def _figures(self):
        columns = self.__dict__.get("_figure_columns")
        if columns is None:
            columns = {
                f.name: _figure_column(f, self.get_empty_value_display())
                for f in self.model._meta.concrete_fields
                if isinstance(f, models.DecimalField)
            }
            self.__dict__["_figure_columns"] = columns
        return columns

    def _swap(self, names, only=None):
        figures = self._figures()
        return [
            figures[n] if isinstance(n, str) and n in figures and (only is None or n in only) else n
            for n in names
        ]

    def _readonly_figures(self, request, obj):
        readonly = super().get_readonly_fields(request, obj)
        return {n for n in readonly if isinstance(n, str) and n in self._figures()}

    def get_list_display(self, request):
        names = super().get_list_display(request)
        # Edited in place only when the user may change rows (as Django's ChangeList decides).
        editable = set(self.list_editable) if self.has_change_permission(request) else set()
        return self._swap(names, only=set(self._figures()) - editable)

    def get_readonly_fields(self, request, obj=None):
        return self._swap(super().get_readonly_fields(request, obj))

    def get_fieldsets(self, request, obj=None):
        only = self._readonly_figures(request, obj)
        return [
            (
                title,
                {**options, "fields": [self._swap_line(line, only) for line in options["fields"]]},
            )
            for title, options in super().get_fieldsets(request, obj)
        ]

    def _swap_line(self, line, only):
        if isinstance(line, (list, tuple)):
            return type(line)(self._swap(line, only))
        return self._swap([line], only)[0]

    def get_exclude(self, request, obj=None):
        # The read-only figure is shown by its column; the form must not carry the field.
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude + sorted(self._readonly_figures(request, obj) - set(exclude))

    def get_inlines(self, request, obj):
        return [figures_shown(inline) for inline in super().get_inlines(request, obj)]


_WRAPPED = {}


def figures_shown(admin_class):
    """``admin_class`` (a ModelAdmin or an inline) with ``FiguresShownMixin`` outermost."""
    if issubclass(admin_class, FiguresShownMixin):
        return admin_class
    if admin_class not in _WRAPPED:
        _WRAPPED[admin_class] = type(
            admin_class.__name__,
            (FiguresShownMixin, admin_class),
            {"__module__": admin_class.__module__},
        )
    return _WRAPPED[admin_class]
