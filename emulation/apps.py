from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Emulation movement")

    def ready(self):
        from . import checks, policy  # noqa: F401  (system checks; the core models' policies)
        from .roles import ensure_roles_after_migrate

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="emulation.roles")


class ThiDuaAdminConfig(AdminConfig):
    """The admin with the commune's dashboard as its home page."""

    default_site = "emulation.sites.ThiDuaAdminSite"
