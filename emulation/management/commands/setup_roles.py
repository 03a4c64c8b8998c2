from django.core.management.base import BaseCommand

from emulation.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the groups Văn phòng, Trưởng thôn and Lãnh đạo (idempotent)."

    def handle(self, *args, **options):
        for name, group in ensure_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
