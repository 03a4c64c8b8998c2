from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Socio-economic targets")

    def ready(self):
        from emulation.dashboard import register_outputs, register_panel

        from . import policy  # noqa: F401  (registers the models' policies)
        from .dashboard import targets_outputs, targets_panel

        register_panel(targets_panel)
        register_outputs(targets_outputs)
