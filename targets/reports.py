"""The year summary in three outputs (text, PDF, xlsx), all from ``year_summary``."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.achievement import Direction
from emulation.formatting import format_percent, round_percent
from emulation.pdf import render_pdf
from emulation.xlsx import workbook_bytes

from .selectors import year_summary


@dataclass
class Section:
    """A further table of the year summary, contributed by another app (pledge ranking)."""

    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    empty_text: str = ""


# Apps that build on targets (pledges, awards) add their sections here in ready(); this
# keeps the dependency one way while the report stays one document.
_SECTION_PROVIDERS = []


def register_section(provider):
    """``provider(movement)`` returns a ``Section`` or None."""
    if provider not in _SECTION_PROVIDERS:
        _SECTION_PROVIDERS.append(provider)


def sections_for(movement):
    return [s for s in (provider(movement) for provider in _SECTION_PROVIDERS) if s]


def report_context(movement, on=None):
    summary = year_summary(movement)
    return {
        "summary": summary,
        "movement": movement,
        "commune": summary.commune,
        "report_date": on or timezone.localdate(),
        "sections": sections_for(movement),
    }


def title_for(movement):
    return f"Kết quả thực hiện các chỉ tiêu kinh tế - xã hội năm {movement.year}"


def as_text(movement):
    summary = year_summary(movement)
    lines = [title_for(movement).upper(), ""]
    for number, row in enumerate(summary.rows, 1):
        target = row.target
        percent = format_percent(row.percent) if row.percent is not None else ""
        key = " (chủ yếu)" if target.is_key else ""
        if target.direction == Direction.YES_NO:
            # "Giữ chuẩn 19 tiêu chí NTM: đạt", not "TH Đạt / KH — — Đạt".
            lines.append(f"{number}. {target.name}{key}: {row.status_label.lower()}")
            continue
        lines.append(
            f"{number}. {target.name}{key}: TH {target.actual_display or '—'}"
            f" / KH {target.plan_display or '—'}"
            f"{' — ' + percent if percent else ''} — {row.status_label}"
        )
    lines += ["", summary.sentence[:1].upper() + summary.sentence[1:]]
    for section in sections_for(movement):
        lines += ["", section.title.upper()]
        lines += [" | ".join(section.headers)] if section.rows else [section.empty_text]
        lines += [" | ".join(str(cell) for cell in row) for row in section.rows]
    return "\n".join(lines) + "\n"


def as_pdf(movement, on=None):
    """The Báo cáo the commune signs: its number under the issuer, the place and date, the
    body, "Nơi nhận" and the signer block (TM. ỦY BAN NHÂN DÂN)."""
    context = report_context(movement, on)
    context["title"] = title_for(movement)
    context["document_number"] = movement.report_number
    commune = context["commune"]
    context["signer_name"] = movement.report_signer_name or (
        commune.chairman_name if commune else ""
    )
    return render_pdf("reports/year_summary_pdf.html", context)


def as_xlsx(movement):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    summary = year_summary(movement)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Chỉ tiêu {movement.year}"
    commune = summary.commune
    if commune:
        sheet.append([commune.authority_title.upper()])
    sheet.append([title_for(movement).upper()])
    sheet.append([])
    headers = [
        _("No."),
        _("Target"),
        _("Unit of measure"),
        _("Plan"),
        _("Actual"),
        _("Percent of plan"),
        _("Assessment"),
        _("Key target"),
    ]
    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    number_format = "#,##0.####"
    for number, row in enumerate(summary.rows, 1):
        target = row.target
        if target.direction == Direction.YES_NO:
            plan, actual = "", target.actual_display
        else:
            plan, actual = target.plan_value, target.actual_value
            if target.direction == Direction.AT_MOST:
                plan = target.plan_display
        percent = round_percent(row.percent)
        sheet.append(
            [
                number,
                target.name,
                target.unit_of_measure,
                float(plan) if not isinstance(plan, str) and plan is not None else plan,
                float(actual) if not isinstance(actual, str) and actual is not None else actual,
                float(percent) if percent is not None else None,
                str(row.status_label),
                "Có" if target.is_key else "",
            ]
        )
        # Row number by count: worksheet.max_row rescans every cell, which made a long
        # report quadratic.
        for column in (4, 5):
            sheet.cell(header_row + number, column).number_format = number_format
        sheet.cell(header_row + number, 6).number_format = "0.##"
    sheet.append([])
    sheet.append([summary.sentence[:1].upper() + summary.sentence[1:]])
    sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    for section in sections_for(movement):
        extra = book.create_sheet(section.title[:31])
        extra.append([section.title.upper()])
        extra.append(section.headers)
        for cell in extra[2]:
            cell.font = Font(bold=True)
        for row in section.rows:
            extra.append(row)
        if not section.rows:
            extra.append([section.empty_text])
    for letter, width in zip("ABCDEFGH", (6, 48, 14, 12, 12, 12, 16, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook_bytes(book)
