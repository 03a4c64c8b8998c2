from django.core.management.base import BaseCommand

from emulation.backup import make_backup


class Command(BaseCommand):
    help = "Back up the whole database and the uploaded files into one zip archive."

    def add_arguments(self, parser):
        parser.add_argument("file", help="archive to write, e.g. thidua-2026-11-25.zip")

    def handle(self, *args, file, **options):
        manifest = make_backup(file)
        self.stdout.write(
            f"Đã sao lưu {manifest['rows']} bản ghi và {len(manifest['media'])} tệp vào {file}"
        )
