from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def ready(self):
        from targets.reports import register_section

        from .selectors import awards_section

        register_section(awards_section)
