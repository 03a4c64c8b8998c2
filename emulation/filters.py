"""List filters shared by the apps."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .scoping import in_user_communes, movements_shown

ALL_YEARS = "all"


class MovementYearFilter(admin.SimpleListFilter):
    """The year of the movement a row belongs to. A list opens on the current movement
    (the newest) — the year the office works on — and offers every other year and all
    years at once; ``movement_path`` is where the row reaches its movement."""

    title = _("year")
    parameter_name = "year"
    movement_path = "movement"

    def __init__(self, request, params, model, model_admin):
        self.movements = movements_shown(request)
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        years = self.movements.order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    def value(self):
        value = super().value()
        if value is None:
            current = self.movements.first()
            return str(current.year) if current else ALL_YEARS
        return value

    def queryset(self, request, queryset):
        value = self.value()
        if not value.isdigit():  # "all", or anything a hand-typed address put there
            return queryset
        return queryset.filter(**{f"{self.movement_path}__year": int(value)})

    def choices(self, changelist):
        value = self.value()
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }
        yield {
            "selected": value == ALL_YEARS,
            "query_string": changelist.get_query_string({self.parameter_name: ALL_YEARS}),
            "display": _("All years"),
        }


class CommuneFilter(admin.SimpleListFilter):
    """One commune's rows, for whoever sees several (the province, the administrator);
    ``commune_path`` is where a row reaches its commune (its policy's path)."""

    title = _("commune")
    parameter_name = "commune"
    commune_path = ""

    def lookups(self, request, model_admin):
        from .models import Commune

        communes = in_user_communes(Commune.objects.order_by("name", "pk"), request.user)
        return [(str(commune.pk), str(commune)) for commune in communes]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if not value.isdigit():
            return queryset
        return queryset.filter(**{self.commune_path or "pk": int(value)})


def commune_filter(path):
    """The commune filter for rows that reach their commune through ``path``."""
    return type("CommuneFilter", (CommuneFilter,), {"commune_path": path})


def movement_year_filter(path):
    """The year filter for rows that reach their movement through ``path``."""
    return type("MovementYearFilter", (MovementYearFilter,), {"movement_path": path})


def year_column(path):
    """A list column with the year of the row's movement, reached through ``path``."""

    @admin.display(description=_("year"), ordering=f"{path}__year")
    def movement_year(obj):
        for part in path.split("__"):
            obj = getattr(obj, part)
        return obj.year

    return movement_year
