from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Emulation pledges")

    def ready(self):
        from targets.reports import register_section

        from . import policy, rollups  # noqa: F401  (registers policies, target sources)
        from .selectors import ranking_section

        register_section(ranking_section)

        from emulation.dashboard import register_outputs, register_panel

        from .dashboard import pledges_outputs, pledges_panel

        register_panel(pledges_panel)
        register_outputs(pledges_outputs)
