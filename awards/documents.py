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


def register_xlsx(year):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"Sổ khen thưởng {year}"
    sheet.append([f"SỔ THEO DÕI KHEN THƯỞNG NĂM {year}"])
    headers = [
        "Số sổ",
        "Tập thể / cá nhân",
        "Chức vụ, đơn vị",
        "Hình thức",
        "Quyết định số",
        "Ngày ký",
        "Số tiền (đồng)",
        "Mã xác thực",
        "Tình trạng",
    ]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row_number, line in enumerate(register(year), start=3):
        sheet.append(
            [
                line.register_number,
                line.display_name,
                line.position_line,
                line.award_kind.name,
                line.decision.number,
                format_date(line.decision.signed_on),
                line.bonus_amount,
                line.verification_code,
                line.decision.get_status_display(),
            ]
        )
        sheet.cell(row_number, 7).number_format = "#,##0"
    for letter, width in zip("ABCDEFGHI", (8, 32, 36, 20, 16, 12, 14, 26, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook_bytes(book)
