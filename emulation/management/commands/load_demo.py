import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from emulation import demo


class Command(BaseCommand):
    help = "Load the Hàm Liêm 2022 demo story (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        # Each app may ship a demo module; they load in INSTALLED_APPS order so the core
        # rows exist before targets, pledges and awards refer to them.
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if importlib.util.find_spec(module_name) is None:
                    continue
                importlib.import_module(module_name).load(self.stdout)
        demo.print_logins(self.stdout, url)
