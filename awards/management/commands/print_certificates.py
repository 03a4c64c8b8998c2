from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.documents import certificates_pdf
from awards.models import Decision
from emulation.commands import of_commune


class Command(BaseCommand):
    help = "Write all certificates (Giấy khen) of a decision to one PDF."

    def add_arguments(self, parser):
        parser.add_argument("number", help="decision number, e.g. 15/QĐ-UBND")
        parser.add_argument("--output", required=True, help="PDF file to write")
        parser.add_argument("--year", type=int, help="year of the number, when it repeats")
        parser.add_argument("--commune", help="the commune's name, when there are several")

    def handle(self, *args, number, output, year, commune, **options):
        decisions = Decision.objects.filter(number=number)
        if year:
            decisions = decisions.filter(signed_on__year=year)
        decisions = of_commune(decisions, commune, "movement__commune")
        decision = decisions.order_by("-signed_on", "-pk").first()
        if decision is None:
            raise CommandError(f"Không có quyết định số {number}.")
        try:
            content = certificates_pdf(decision)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        with open(output, "wb") as handle:
            handle.write(content)
        note = " (bản xem trước)" if decision.is_draft else ""
        self.stdout.write(f"Đã ghi giấy khen của quyết định {decision.number}{note} vào {output}")
