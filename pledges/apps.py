from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Emulation pledges")

    def ready(self):
        from targets.reports import register_section

        from .selectors import ranking_section

        register_section(ranking_section)
