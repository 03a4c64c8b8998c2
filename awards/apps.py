from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def ready(self):
        from targets.reports import register_section

        from . import policy, rollups  # noqa: F401  (registers policies, target sources)
        from .selectors import awards_section

        register_section(awards_section)

        from emulation.dashboard import register_outputs, register_panel

        from .dashboard import awards_outputs, awards_panel

        register_panel(awards_panel)
        register_outputs(awards_outputs)
