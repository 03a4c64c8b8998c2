"""The certificate (Giấy khen), decision and register documents."""

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from num2words import num2words

from emulation.formatting import format_date, format_long_date, format_money
from emulation.models import Commune
from emulation.pdf import render_pdf
from emulation.security import site_url_problem
from emulation.xlsx import workbook_bytes

from .models import Decision
from .selectors import count_phrase, decision_lines, register, totals

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def verify_url(commendation):
    return settings.SITE_URL + reverse("verify", args=[commendation.verification_code])


# A fixed mask pattern (ISO/IEC 18004 allows any of the eight): choosing the "best" one
# scores all eight and costs more than the rest of the certificate's preparation; the
# short URLs printed here scan just as well with pattern 2.
QR_MASK = 2


def qr_data_uri(url):
    """The QR code as a one-pixel-per-module PNG, drawn unsmoothed at print size.

    A PNG is embedded by WeasyPrint almost for free, where the same symbol as an SVG path
    cost more than the rest of the page.
    """
    return segno.make(url, error="m", micro=False, mask=QR_MASK).png_data_uri(scale=1, border=0)


def amount_in_words(amount):
    """6750000 → "Sáu triệu bảy trăm năm mươi nghìn đồng"."""
    words = num2words(int(amount), lang="vi")
    return f"{words[:1].upper()}{words[1:]} đồng"


def _common(decision):
    commune = Commune.current()
    return {
        "decision": decision,
        "commune": commune,
        "place_date": f"{commune.name}, {format_long_date(decision.signed_on)}"
        if decision.signed_on
        else "",
        "decision_date": format_date(decision.signed_on),
        "preview": decision.is_draft,
        "revoked": decision.status == decision.Status.REVOKED,
    }


def certificate_pages(decision, commendations=None):
    lines = commendations if commendations is not None else decision_lines(decision)
    pages = []
    for line in lines:
        if not line.award_kind.prints_certificate:
            continue
        url = verify_url(line) if line.verification_code else ""
        pages.append({"line": line, "url": url, "qr": qr_data_uri(url) if url else ""})
    return pages


def printing_problem(decision) -> str | None:
    """Why the certificates of ``decision`` cannot be printed now, or None. A draft's
    preview carries no code; an issued decision's certificates carry the public address."""
    if decision.is_draft:
        return None
    return site_url_problem()


def certificates_pdf(decision, commendations=None):
    """Every certificate of a decision in one render: one A4 landscape page each; a
    revoked decision's pages are crossed "ĐÃ THU HỒI". Refused (ValidationError) while the
    site's public address is not set."""
    problem = printing_problem(decision)
    if problem:
        raise ValidationError(problem)
    context = {**_common(decision), "pages": certificate_pages(decision, commendations)}
    return render_pdf("awards/certificates.html", context)


def decision_pdf(decision):
    lines = decision_lines(decision)
    collectives, individuals, total = totals(decision.commendations.all())
    kinds = sorted({line.award_kind.name for line in lines})
    context = {
        **_common(decision),
        "lines": lines,
        "count_phrase": count_phrase(collectives, individuals),
        "total": total,
        "total_text": format_money(total),
        "total_words": amount_in_words(total),
        "award_names": ", ".join(kinds) or "Giấy khen",
    }
    return render_pdf("awards/decision.html", context)


REGISTER_HEADERS = [
    "Số sổ",
    "Tập thể / cá nhân",
    "Chức vụ, đơn vị",
    "Hình thức",
    "Thành tích",
    "Quyết định số",
    "Ngày ký",
    "Số tiền (đồng)",
    "Mã xác thực",
    "Tình trạng",
]


def register_xlsx(year):
    """The year's register (sổ theo dõi khen thưởng): the commune's header, one row per
    recipient with real dates and numbers, and the total of what is paid."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    commune = Commune.current()
    book = Workbook()
    sheet = book.active
    sheet.title = f"Sổ khen thưởng {year}"
    if commune:
        sheet.append([commune.authority_title.upper()])
        sheet["A1"].font = Font(bold=True)
    sheet.append([f"SỔ THEO DÕI KHEN THƯỞNG NĂM {year}"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
    sheet.append(
        [
            f"Năm của sổ là năm ký quyết định: mọi trường hợp khen thưởng theo quyết định ký "
            f"trong năm {year} được ghi vào sổ này, số sổ đánh liên tục theo thứ tự ban hành."
        ]
    )
    sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    sheet.append([])
    sheet.append(REGISTER_HEADERS)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    lines = list(register(year))
    for line in lines:
        sheet.append(
            [
                line.register_number,
                line.display_name,
                line.position_line,
                line.award_kind.name,
                line.achievement_text,
                line.decision.number,
                line.decision.signed_on,
                line.bonus_amount,
                line.verification_code,
                line.decision.get_status_display(),
            ]
        )
        row = sheet.max_row
        sheet.cell(row, 7).number_format = "dd/mm/yyyy"
        sheet.cell(row, 8).number_format = "#,##0"
        sheet.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
    collectives, individuals, total = totals(
        register(year).filter(decision__status=Decision.Status.ISSUED)
    )
    sheet.append(
        [
            "Tổng cộng",
            count_phrase(collectives, individuals) or "—",
            "(không tính quyết định đã thu hồi)",
            None,
            None,
            None,
            None,
            total,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.cell(sheet.max_row, 8).number_format = "#,##0"
    widths = (8, 30, 34, 20, 40, 14, 12, 14, 26, 12)
    for letter, width in zip("ABCDEFGHIJ", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    return workbook_bytes(book)
