from django.core.management.base import BaseCommand, CommandError

from awards.province import province_pdf, province_text, province_xlsx, province_year
from emulation.commands import write_report
from emulation.models import Movement


class Command(BaseCommand):
    help = "The communes side by side for a year: text to stdout, or an xlsx or PDF file."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=["text", "xlsx", "pdf"], default="text")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, year, format, output, **options):
        if not Movement.objects.filter(year=year).exists():
            raise CommandError(f"Không xã nào có phong trào thi đua năm {year}.")
        table = province_year(year)
        writers = {
            "text": lambda: province_text(table).encode(),
            "xlsx": lambda: province_xlsx(table),
            "pdf": lambda: province_pdf(table),
        }
        content = writers[format]()
        write_report(self, content, output, as_text=format == "text")
