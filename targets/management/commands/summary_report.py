from django.core.management.base import BaseCommand, CommandError

from emulation.commands import of_commune, write_report
from emulation.models import Movement
from targets import reports


class Command(BaseCommand):
    help = "Year summary of the targets: text to stdout, or a PDF / xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=["text", "pdf", "xlsx"], default="text")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--commune", help="the commune's name, when there are several")

    def handle(self, *args, year, format, output, commune, **options):
        movement = of_commune(Movement.objects.filter(year=year), commune, "commune").first()
        if movement is None:
            raise CommandError(f"Không có phong trào thi đua năm {year}.")
        if format == "text":
            content = reports.as_text(movement).encode()
        elif format == "pdf":
            content = reports.as_pdf(movement)
        else:
            content = reports.as_xlsx(movement)
        write_report(self, content, output, as_text=format == "text")
