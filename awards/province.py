"""The province's roll-up: its communes side by side for one movement year — key
targets met, pledges by status, commendations by recipient and the bonuses paid. The
province home, ``province_report`` and its spreadsheet read this one table.

A handful of grouped queries whatever the number of communes: a province has 100–150.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from emulation.achievement import evaluate
from emulation.formatting import format_number
from emulation.models import Commune, Movement
from emulation.policy import COMMAND_LINE
from emulation.scoping import in_user_communes
from emulation.xlsx import workbook_bytes
from pledges.models import Pledge
from targets.models import Target

from .models import Commendation, Decision, RecipientType

PLEDGE_STATES = Pledge.Status.choices  # (state, label), in workflow order
RECIPIENTS = [RecipientType.COLLECTIVE, RecipientType.INDIVIDUAL, RecipientType.HOUSEHOLD]


@dataclass
class CommuneYear:
    """One commune's figures of the year (a commune without that year's movement has
    zeros and no movement)."""

    commune: Commune | None  # None on the total row
    movement: Movement | None = None
    key_met: int = 0
    key_total: int = 0
    pledges: Counter = field(default_factory=Counter)  # status -> count
    commended: Counter = field(default_factory=Counter)  # recipient type -> count
    bonus_total: int = 0

    @property
    def key_phrase(self) -> str:
        """ "đạt và vượt X/Y chỉ tiêu chủ yếu", as X/Y."""
        return f"{self.key_met}/{self.key_total}"

    @property
    def pledge_count(self) -> int:
        return sum(self.pledges.values())

    def pledge_cells(self) -> list[int]:
        return [self.pledges[status] for status, _label in PLEDGE_STATES]

    def commended_cells(self) -> list[int]:
        return [self.commended[kind] for kind in RECIPIENTS]

    def add(self, other: "CommuneYear") -> None:
        self.key_met += other.key_met
        self.key_total += other.key_total
        self.pledges.update(other.pledges)
        self.commended.update(other.commended)
        self.bonus_total += other.bonus_total


@dataclass
class ProvinceYear:
    year: int
    communes: list[CommuneYear]
    total: CommuneYear

    @property
    def movement_count(self) -> int:
        return sum(1 for row in self.communes if row.movement is not None)


def province_year(year: int, user=COMMAND_LINE) -> ProvinceYear:
    """Every commune the user may see, in name order, with its figures of ``year``."""
    communes = list(in_user_communes(Commune.objects.order_by("name", "pk"), user))
    rows = {commune.pk: CommuneYear(commune) for commune in communes}
    movements = Movement.objects.filter(year=year, commune__in=list(rows))
    for movement in movements:
        rows[movement.commune_id].movement = movement
    of_year = {"movement__year": year, "movement__commune__in": list(rows)}

    key_targets = Target.objects.filter(is_key=True, **of_year).values_list(
        "movement__commune", "direction", "plan_value", "actual_value", "achieved"
    )
    for commune_id, direction, plan, actual, achieved in key_targets:
        row = rows[commune_id]
        row.key_total += 1
        row.key_met += evaluate(direction, plan, actual, achieved).is_met

    pledges = (
        Pledge.objects.filter(**of_year)
        .values_list("movement__commune", "status")
        .annotate(n=Count("pk"))
    )
    for commune_id, status, count in pledges:
        rows[commune_id].pledges[status] = count

    lines = (
        Commendation.objects.filter(
            decision__status=Decision.Status.ISSUED,
            decision__movement__year=year,
            decision__movement__commune__in=list(rows),
        )
        .values_list("decision__movement__commune", "recipient_type")
        .annotate(n=Count("pk"), paid=Sum("bonus_amount"))
    )
    for commune_id, recipient_type, count, paid in lines:
        rows[commune_id].commended[recipient_type] = count
        rows[commune_id].bonus_total += paid or 0

    total = CommuneYear(None)
    for row in rows.values():
        total.add(row)
    return ProvinceYear(year, list(rows.values()), total)


def headers() -> list[str]:
    """The table's columns, as the province home and the report name them."""
    return [
        _("Commune"),
        _("Key targets met"),
        *[str(label) for _status, label in PLEDGE_STATES],
        _("Collectives"),
        _("Individuals"),
        _("Households"),
        _("Bonuses (đồng)"),
    ]


def _cells(row: CommuneYear) -> list:
    return [row.key_phrase, *row.pledge_cells(), *row.commended_cells(), row.bonus_total]


def province_text(table: ProvinceYear) -> str:
    """The table as aligned plain text (the command's default output)."""
    named = [(str(row.commune), row) for row in table.communes]
    named.append((_("Whole province"), table.total))
    rows = [headers()] + [[name, *map(_text_cell, _cells(row))] for name, row in named]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    title = _("Emulation and commendation of the communes, %(year)s") % {"year": table.year}
    out = [title, ""]
    for first, *rest in rows:
        cells = [first.ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)
        ]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out) + "\n"


def _text_cell(value) -> str:
    return value if isinstance(value, str) else format_number(value)


def province_pdf(table: ProvinceYear, as_of=None) -> bytes:
    """The table on A4 landscape pages, a row per commune and the province's total."""
    from django.utils import timezone

    from emulation.formatting import format_date
    from emulation.pdf import render_pdf

    as_of = as_of or timezone.localdate()
    communes = len(table.communes)
    context = {
        "title": _("Emulation and commendation of the communes, %(year)s") % {"year": table.year},
        "note": _("%(communes)s communes, %(movements)s with a movement this year; as of %(date)s.")
        % {
            "communes": format_number(communes),
            "movements": format_number(table.movement_count),
            "date": format_date(as_of),
        },
        "headers": headers(),
        "rows": [
            (str(row.commune), [_text_cell(cell) for cell in _cells(row)]) for row in table.communes
        ],
        "total": (_("Whole province"), [_text_cell(cell) for cell in _cells(table.total)]),
    }
    return render_pdf("awards/province_report.html", context)


def province_xlsx(table: ProvinceYear) -> bytes:
    """The table as a workbook, and the year's movements laid out as the Ministry's form
    0601.N/BNV-TĐKT (Thông tư 02/2023/TT-BNV) counts them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Communes"))[:31]
    sheet.append([_("Emulation and commendation of the communes, %(year)s") % {"year": table.year}])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(headers())
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.communes:
        sheet.append([str(row.commune), *_cells(row)])
    sheet.append([str(_("Whole province")), *_cells(table.total)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=4, min_col=len(headers()), max_col=len(headers())):
        for cell in line:
            cell.number_format = "#,##0"
    sheet.column_dimensions["A"].width = 28

    form = book.create_sheet("0601.N")
    for line in form_0601(table):
        form.append(line)
    form["A1"].font = Font(bold=True)
    return workbook_bytes(book)


def form_0601(table: ProvinceYear) -> list[list]:
    """ "Số phong trào thi đua" (biểu 0601.N/BNV-TĐKT): each commune's yearly movement is a
    regular (thường xuyên hàng năm), one-year movement of a locality, launched by the
    commune (column 4, "Cơ quan, tổ chức, đơn vị"). Rows the product holds nothing for
    are written as 0."""
    count = table.movement_count
    return [
        ["Biểu số: 0601.N/BNV-TĐKT — SỐ PHONG TRÀO THI ĐUA", None, None, None, None, None],
        [f"Năm {table.year}. Đơn vị tính: Phong trào", None, None, None, None, None],
        [
            "",
            "Mã số",
            "Tổng số",
            "Cấp Trung ương",
            "Cấp bộ, ngành, tỉnh",
            "Cơ quan, tổ chức, đơn vị",
        ],
        ["A", "B", "1=(2+3+4)", "2", "3", "4"],
        ["Tổng số", "01", count, 0, 0, count],
        ["- Toàn quốc", "02", 0, 0, 0, 0],
        ["- Bộ, ban, ngành đoàn thể, địa phương", "03", count, 0, 0, count],
        ["- Cụm, khối thi đua", "04", 0, 0, 0, 0],
        ["- Cơ quan, tổ chức, đơn vị", "05", 0, 0, 0, 0],
        ["- Dưới 1 năm", "06", 0, 0, 0, 0],
        ["- 1 năm", "07", count, 0, 0, count],
        ["- Từ 1 năm đến dưới 3 năm", "08", 0, 0, 0, 0],
        ["- Từ 3 năm đến dưới 5 năm", "09", 0, 0, 0, 0],
        ["- Từ 5 năm trở lên", "10", 0, 0, 0, 0],
        ["- Thi đua theo chuyên đề", "11", 0, 0, 0, 0],
        ["- Thi đua thường xuyên hàng năm", "12", count, 0, 0, count],
    ]
