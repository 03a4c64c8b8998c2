from django.core.management.base import BaseCommand, CommandError

from emulation.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Replace the database and uploaded files with those of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("file", help="archive written by the backup command")

    def handle(self, *args, file, **options):
        try:
            manifest = restore_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã khôi phục {manifest['rows']} bản ghi và {len(manifest['media'])} tệp "
            f"(bản sao lưu lúc {manifest['created']})."
        )
