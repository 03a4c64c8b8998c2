"""The commune's fund in the admin: what came in and what was spent on organising are
entered; what the decisions paid is read from them; the standing is shown beside."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from emulation.admin_mixins import FiguresAdmin
from emulation.history import register_history
from emulation.policy_admin import PolicyInlineMixin

from .models import Fund, FundEntry
from .selectors import fund_standing


class FundEntryInline(PolicyInlineMixin, admin.TabularInline):
    model = FundEntry
    parent_field = "fund"
    fields = ["entered_on", "kind", "amount", "decision", "note"]
    extra = 1


@admin.register(Fund)
class FundAdmin(FiguresAdmin):
    list_display = ["__str__", "balance_column"]
    fields = ["year", "organising_percent", "legal_source", "note", "standing_display"]
    readonly_fields = ["standing_display"]
    inlines = [FundEntryInline]

    @admin.display(description=gettext_lazy("left for awards"))
    def balance_column(self, fund):
        from emulation.formatting import format_money

        return format_money(
            fund_standing(fund.year, fund.commune).balance
        )  # a list row is as stored

    @admin.display(description=gettext_lazy("where the fund stands"))
    def standing_display(self, fund):
        if fund is None or fund.pk is None:
            return "—"
        # As stored: a form sent back with errors carries the typed year on ``fund``.
        year, commune = Fund.objects.filter(pk=fund.pk).values_list("year", "commune").get()
        return render_to_string(
            "admin/awards/fund/standing.html", {"s": fund_standing(year, commune)}
        )


register_history(Fund, ["note"])
register_history(FundEntry, ["note"])
