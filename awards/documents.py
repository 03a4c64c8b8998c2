"""The certificate (Giấy khen), decision and register documents; a hamlet's review
minutes and public notice."""

import io
from decimal import Decimal

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from num2words import num2words

from emulation.downloads import file_name
from emulation.formatting import (
    format_date,
    format_long_date,
    format_money,
    format_number,
    format_percent,
)
from emulation.pdf import render_pdf
from emulation.security import site_url_problem
from emulation.xlsx import workbook_bytes

from . import signatures
from .models import Decision, SignedDecision
from .selectors import decision_lines, register, tally


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
    commune = decision.movement.commune
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


# Certificates laid out by one WeasyPrint render: a commune's 3,000 Giấy công nhận are
# rendered in batches of this many pages and joined, so memory stays that of one batch.
PAGES_PER_RENDER = 250


def certificate_count(decision) -> int:
    """How many certificates (pages) the decision prints."""
    return decision.commendations.filter(award_kind__prints_certificate=True).count()


def certificates_file_name(decision) -> str:
    """ "giay-khen-15-QD-UBND.pdf" ("giay-khen-nhap.pdf" for a draft without a number)."""
    return file_name("giay-khen", decision.number or "nhap", extension="pdf")


def printing_problem(decision) -> str | None:
    """Why the certificates of ``decision`` cannot be printed now, or None. A draft's
    preview carries no code; an issued decision's certificates carry the public address."""
    if decision.is_draft:
        return None
    return site_url_problem()


def certificates_pdf(decision, commendations=None, progress=None):
    """Every certificate of a decision in one PDF: one A4 landscape page each, rendered
    ``PAGES_PER_RENDER`` at a time (``progress(pages_done, pages)`` is told after each);
    a revoked decision's pages are crossed "ĐÃ THU HỒI". Refused (ValidationError) while
    the site's public address is not set."""
    problem = printing_problem(decision)
    if problem:
        raise ValidationError(problem)
    lines = [
        line
        for line in (commendations if commendations is not None else decision_lines(decision))
        if line.award_kind.prints_certificate
    ]
    common = _common(decision)
    batches = [
        lines[start : start + PAGES_PER_RENDER] for start in range(0, len(lines), PAGES_PER_RENDER)
    ] or [[]]

    def rendered():
        done = 0
        for batch in batches:
            yield render_pdf(
                "awards/certificates.html", {**common, "pages": certificate_pages(decision, batch)}
            )
            done += len(batch)
            if progress is not None:
                progress(done, len(lines))

    if len(batches) == 1:
        return next(rendered())
    return join_pdfs(rendered())


def join_pdfs(documents) -> bytes:
    """PDFs one after the other, as one file (pypdf: the pages are copied, not re-laid)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for content in documents:
        writer.append(io.BytesIO(content))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def decision_wording(decision, lines, counted) -> dict:
    """What the decision says of its recipients: "tặng" an award, or "công nhận danh
    hiệu" when every line is a title (Gia đình văn hóa); households named as such."""
    kinds = sorted({line.award_kind.name for line in lines}) or ["Giấy khen"]
    award_names = ", ".join(kinds)
    recognises = bool(lines) and all(line.award_kind.is_title for line in lines)
    groups = [
        name
        for name, count in (
            ("tập thể", counted.collectives),
            ("cá nhân", counted.individuals),
            ("hộ gia đình", counted.households),
        )
        if count
    ] or ["tập thể", "cá nhân"]
    who = "các " + (", ".join(groups[:-1]) + " và " + groups[-1] if len(groups) > 1 else groups[0])
    year = decision.movement.year
    if recognises:
        subject = f"Về việc công nhận danh hiệu {award_names} năm {year}"
        article_1 = (
            f"Công nhận danh hiệu {award_names} năm {year} cho {counted.phrase} "
            "(có danh sách kèm theo)."
        )
        list_sub = f"{who} được công nhận danh hiệu {award_names} năm {year}"
    else:
        subject = (
            f"Về việc tặng {award_names} cho {who} đã có thành tích xuất sắc trong thực hiện "
            f"phong trào thi đua năm {year}"
        )
        article_1 = (
            f"Tặng {award_names} cho {counted.phrase} (có danh sách kèm theo) "
            f"{decision.reason.lower()}."
        )
        list_sub = f"{who} được tặng {award_names}"
    return {
        "award_names": award_names,
        "subject": subject,
        "article_1": article_1,
        "who": who,
        "list_sub": list_sub,
        "pays": counted.total > 0 or not recognises,
        "households_only": bool(lines) and all(line.is_household for line in lines),
    }


def decision_pdf(decision) -> bytes:
    """The decision with its attached list: for an issued (or revoked) decision exactly the
    bytes rendered when it was issued; a draft is rendered afresh, marked as a preview."""
    if not decision.is_draft:
        stored = getattr(decision, "issued_file", None)
        if stored is not None:
            return bytes(stored.pdf)
    return render_decision_pdf(decision)


def render_decision_pdf(decision) -> bytes:
    lines = decision_lines(decision)
    counted = tally(decision.commendations.all())
    context = {
        **_common(decision),
        **decision_wording(decision, lines, counted),
        "lines": lines,
        "count_phrase": counted.phrase,
        "total": counted.total,
        "total_text": format_money(counted.total),
        "total_words": amount_in_words(counted.total),
        "sign_place": {
            "anchor": signatures.SIGN_PLACE_ANCHOR,
            "width": signatures.SIGN_PLACE_MM[0],
            "height": signatures.SIGN_PLACE_MM[1],
        },
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
    "Đơn vị đề nghị",
    "Ký số",
]


def proposed_by(line) -> str:
    """Who proposed a recipient: the unit of its nomination; a household, its hamlet (by
    the hamlet's review); a line typed in by the office, nobody."""
    if line.nomination_id:
        return line.nomination.unit.name
    if line.is_household and line.unit_id:
        return line.unit.name
    return ""


def register_xlsx(year, commune):
    """The commune's register (sổ theo dõi khen thưởng) of ``year``: its header, one row
    per recipient with real dates and numbers, and the total of what is paid."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"Sổ khen thưởng {year}"
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
    lines = list(register(year, commune))
    signed = set(
        SignedDecision.objects.filter(
            decision_id__in={line.decision_id for line in lines}
        ).values_list("decision_id", flat=True)
    )
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
                proposed_by(line),
                "Đã ký số" if line.decision_id in signed else "",
            ]
        )
        row = sheet.max_row
        sheet.cell(row, 7).number_format = "dd/mm/yyyy"
        sheet.cell(row, 8).number_format = "#,##0"
        sheet.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
    counted = tally(register(year, commune).filter(decision__status=Decision.Status.ISSUED))
    sheet.append(
        [
            "Tổng cộng",
            counted.phrase or "—",
            "(không tính quyết định đã thu hồi)",
            None,
            None,
            None,
            None,
            counted.total,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.cell(sheet.max_row, 8).number_format = "#,##0"
    widths = (8, 30, 34, 20, 40, 14, 12, 14, 26, 12, 24, 10)
    for letter, width in zip("ABCDEFGHIJKL", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    return workbook_bytes(book)


def _review_context(review):
    from .selectors import review_counts

    commune = review.movement.commune
    counts = review_counts(review)
    lines = list(
        review.votes.filter(registered=True)
        .select_related("household")
        .order_by("household__head_name", "household__address", "pk")
    )
    present = review.present_count
    rows = [
        {
            "line": line,
            "percent": format_percent(Decimal(line.votes_for * 100) / present)
            if present and line.votes_for is not None
            else "",
        }
        for line in lines
    ]
    return {
        "review": review,
        "rows": rows,
        "commune": commune,
        "hamlet": review.unit,
        "year": review.movement.year,
        "counts": counts,
        "lines": lines,
        "passing": [line for line in lines if line.passes],
    }


def minutes_pdf(review):
    """Biên bản họp bình xét: the meeting as the hamlet recorded it, every registered
    household with its votes and result."""
    from .models import QUORUM_PERCENT

    context = _review_context(review)
    present, invited = review.present_count, review.invited_count
    context.update(
        meeting_date=format_long_date(review.meeting_on, "ngày …… tháng …… năm ……"),
        attendance=format_percent(Decimal(present * 100) / invited)
        if present is not None and invited
        else "",
        quorum_met=review.quorum_met,
        quorum=QUORUM_PERCENT,
        needed=review.votes_needed,
    )
    return render_pdf("awards/household_minutes.html", context)


def notice_pdf(review):
    """Danh sách niêm yết: the households proposed, posted publicly with its dates."""
    context = _review_context(review)
    context.update(
        posted_long=format_long_date(review.posted_from, "ngày …… tháng …… năm ……"),
        posted_from=format_date(review.posted_from, "…/…/……"),
        posted_until=format_date(review.posted_until, "…/…/……"),
    )
    return render_pdf("awards/household_notice.html", context)


PAYMENT_HEADERS = ["STT", "Họ tên / tập thể", "Chức vụ, đơn vị", "Hình thức", "Số tiền (đồng)"]


def payment_problem(decision) -> str | None:
    """Why the accountant cannot pay from ``decision``'s list, or None."""
    from django.utils.translation import gettext as _

    if decision.status == Decision.Status.DRAFT:
        return _("A draft decision pays nothing: issue it first.")
    if decision.status == Decision.Status.REVOKED:
        return _("Decision %(number)s is revoked: nothing is paid from it.") % {
            "number": decision.number
        }
    return None


def _payment_context(decision):
    problem = payment_problem(decision)
    if problem:
        raise ValidationError(problem)
    lines = [line for line in decision_lines(decision) if line.bonus_amount]
    total = sum(line.bonus_amount for line in lines)
    return {
        **_common(decision),
        "lines": lines,
        "total": total,
        "total_text": format_money(total),
        "total_words": amount_in_words(total),
        "reference": (
            f"(Kèm theo Quyết định số {decision.number} ngày {format_date(decision.signed_on)} "
            f"của Chủ tịch UBND {decision.movement.commune.kind} "
            f"{decision.movement.commune.name})"
        ),
    }


def payment_list_pdf(decision) -> bytes:
    """Danh sách chi tiền thưởng: every paid recipient of an issued decision with the
    amount and a column to sign on receipt; the total in figures and in words."""
    return render_pdf("awards/payment_list.html", _payment_context(decision))


def payment_list_xlsx(decision) -> bytes:
    """The same list as a workbook for the accountant (numbers as numbers)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    context = _payment_context(decision)
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách chi tiền thưởng"
    sheet.append([context["commune"].authority_title.upper()])
    sheet["A1"].font = Font(bold=True)
    sheet.append(["DANH SÁCH CHI TIỀN THƯỞNG"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
    sheet.append([context["reference"]])
    sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    sheet.append([])
    sheet.append([*PAYMENT_HEADERS, "Ký nhận"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, line in enumerate(context["lines"], 1):
        sheet.append(
            [
                number,
                line.display_name,
                line.position_line,
                line.award_kind.name,
                line.bonus_amount,
                None,
            ]
        )
        sheet.cell(sheet.max_row, 5).number_format = "#,##0"
    sheet.append(["Tổng cộng", None, None, None, context["total"]])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.cell(sheet.max_row, 5).number_format = "#,##0"
    sheet.append([f"Bằng chữ: {context['total_words']}."])
    sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    for letter, width in zip("ABCDEF", (6, 32, 36, 20, 16, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    return workbook_bytes(book)


def council_minutes_pdf(meeting) -> bytes:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng: the meeting and its votes as recorded,
    with the rules each result was counted by."""
    votes = list(
        meeting.votes.select_related(
            "nomination__unit", "nomination__award_kind", "nomination__household", "rule"
        ).order_by("nomination__award_kind__order", "nomination__pk")
    )
    rules = {}
    for vote in votes:
        rule = vote.rule
        rules.setdefault(
            rule.pk,
            f"“{rule.award_kind}”: cuộc họp có giá trị khi có mặt từ "
            f"{format_number(rule.quorum_percent)}% thành viên; được thông qua khi có từ "
            f"{format_number(rule.pass_percent)}% phiếu đồng ý {rule.get_pass_base_display()} "
            f"({rule.legal_source}).",
        )
    present, total = meeting.members_present, meeting.members_total
    return render_pdf(
        "awards/council_minutes.html",
        {
            "meeting": meeting,
            "commune": meeting.movement.commune,
            "year": meeting.movement.year,
            "day_long": format_long_date(meeting.held_on),
            "day_short": format_date(meeting.held_on),
            "attendance": format_percent(Decimal(present * 100) / total) if total else "",
            "attendees": meeting.attendee_lines(),
            "votes": votes,
            "rules": list(rules.values()),
            "passed": sum(1 for vote in votes if vote.passed),
        },
    )


def nomination_report_pdf(nomination) -> bytes:
    """Báo cáo tóm tắt thành tích, made from the nomination's record, for a unit that has
    no scanned report to attach (or to print, sign and scan)."""
    from django.utils import timezone

    day = timezone.localdate(nomination.submitted_at) if nomination.submitted_at else None
    return render_pdf(
        "awards/nomination_report.html",
        {
            "nomination": nomination,
            "commune": nomination.movement.commune,
            "year": nomination.movement.year,
            "day_long": format_long_date(day or timezone.localdate()),
            "paragraphs": [
                line.strip() for line in nomination.achievement.splitlines() if line.strip()
            ],
        },
    )
