"""The unit ranking as files: an xlsx with numbers as numbers, a PDF to print."""

from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.pdf import render_pdf
from emulation.xlsx import workbook_bytes

from .selectors import unit_ranking


def title_for(movement):
    return _("Pledge results by unit, %(year)s") % {"year": movement.year}


def headers():
    return [
        _("Rank"),
        _("Unit"),
        _("Items met or exceeded"),
        _("Items"),
        _("Exceeded"),
        _("Share met (%)"),
    ]


def as_xlsx(movement) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Ranking %(year)s") % {"year": movement.year}
    sheet.append([title_for(movement)])
    sheet.append([])
    sheet.append(headers())
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in unit_ranking(movement):
        sheet.append([row.rank, row.unit.name, row.met, row.total, row.exceeded, float(row.share)])
        sheet.cell(sheet.max_row, 6).number_format = "0.##"
    sheet.column_dimensions["B"].width = 32
    return workbook_bytes(book)


def as_pdf(movement, on=None) -> bytes:
    context = {
        "title": title_for(movement),
        "movement": movement,
        "commune": movement.commune,
        "report_date": on or timezone.localdate(),
        "document_number": None,
        "headers": headers(),
        "rows": unit_ranking(movement),
        "empty_text": _("No pledge results have been approved yet."),
    }
    return render_pdf("reports/ranking_pdf.html", context)
