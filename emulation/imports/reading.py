"""Reading the clerk's files: xlsx by calamine (openpyxl where a cell holds an Excel
error), CSV with a byte-order mark; size in rows refused before anything is parsed; and
the two refusals every cell is subject to (an Excel error value, a control character)."""

import io
import zipfile

import openpyxl
import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from ..text import control_characters

# A commune's year is a few hundred rows; the benchmark imports 5,000. Above this a file
# holds a worker for a minute and gigabytes of memory: it is refused, to be split.
IMPORT_MAX_ROWS = 20_000
# Up to this many rows a file is checked on the page and confirmed there (a second or
# two); a bigger one is checked and imported in one go by the worker (emulation.jobs),
# so no request waits on it.
IMPORT_IN_REQUEST_ROWS = 3_000


class FormulaError(str):
    """An Excel error value in a cell (#DIV/0!, #N/A, #VALUE!…): every column refuses it."""


class TooManyRows(ValueError):
    """A file above IMPORT_MAX_ROWS, refused before it is read."""

    def __init__(self):
        super().__init__(
            _(
                "The file has more than %(limit)s rows; split it into smaller files and "
                "import them one after another."
            )
            % {"limit": f"{IMPORT_MAX_ROWS:,}".replace(",", ".")}
        )


class XLSX(base_formats.XLSX):
    """xlsx read by calamine (Rust) instead of openpyxl: about seven times faster on a
    large sheet, with the values openpyxl's read-only mode gives the widgets: the stored
    result of a formula, whole numbers as int, empty cells as None, trailing blank rows
    dropped. The first visible worksheet is read (what the exports write). Writing xlsx
    stays with openpyxl (through tablib).

    calamine reads a formula's error result as an empty cell, which would import a broken
    formula as "no value"; a file with error cells is therefore read by openpyxl, which
    tells them apart (FormulaError)."""

    def export_data(self, dataset, **kwargs):
        """The written workbook with display formats: figures "#,##0.####" and dates
        "dd/mm/yyyy" (Excel in Vietnamese then shows 5.018,6 and 25/11/2026)."""
        return with_display_formats(super().export_data(dataset, **kwargs))

    def row_count(self, content: bytes) -> int:
        """The data rows of the fullest worksheet, counted without parsing a cell."""
        return max(_scan_worksheets(content)[1] - 1, 0)

    def create_dataset(self, in_stream):
        has_errors, most_rows = _scan_worksheets(in_stream)
        if most_rows > IMPORT_MAX_ROWS + 1:  # and the header row
            raise TooManyRows()
        if has_errors:
            rows = _rows_by_openpyxl(in_stream)
        else:
            rows = _rows_by_calamine(in_stream)
        rows = [[_cell_value(value) for value in row] for row in rows]
        while rows and all(value is None for value in rows[-1]):
            rows.pop()
        if not rows:
            return tablib.Dataset()
        width = max(len(row) for row in rows)
        rows = [row + [None] * (width - len(row)) for row in rows]
        return tablib.Dataset(*rows[1:], headers=rows[0])


FIGURE_FORMAT = "#,##0.####"
DATE_FORMAT = "dd/mm/yyyy"


def with_display_formats(content: bytes) -> bytes:
    import datetime
    import io

    from openpyxl import load_workbook

    from emulation.xlsx import workbook_bytes

    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, bool):
                    continue
                if isinstance(cell.value, (int, float)):
                    cell.number_format = FIGURE_FORMAT
                elif isinstance(cell.value, (datetime.date, datetime.datetime)):
                    cell.number_format = DATE_FORMAT
    return workbook_bytes(book)


def refuse_control_characters(value):
    found = control_characters(value)
    if found:
        raise ValueError(
            _("The cell holds invisible control characters (%(chars)s); retype it.")
            % {"chars": ", ".join(found)}
        )


class CSV(base_formats.CSV):
    """CSV in UTF-8 with a byte-order mark, so that Excel opens Vietnamese correctly; a
    file above IMPORT_MAX_ROWS is refused before it is parsed."""

    def row_count(self, content: bytes) -> int:
        """The data rows, counted as lines (a quoted line break counts once more)."""
        return max(content.rstrip(b"\r\n").count(b"\n"), 0)

    def create_dataset(self, in_stream, **kwargs):
        text = in_stream.decode("utf-8-sig") if isinstance(in_stream, bytes) else in_stream
        if text.count("\n") > IMPORT_MAX_ROWS + 1:
            raise TooManyRows()
        return super().create_dataset(in_stream, **kwargs)

    def export_data(self, dataset, **kwargs):
        data = super().export_data(dataset, **kwargs)
        return data if data.startswith("\ufeff") else "\ufeff" + data


def _scan_worksheets(content):
    """(whether any cell holds an Excel error, the most rows of a worksheet), read from
    the worksheet parts before any parsing (their unpacked size is already limited).

    An error cell is typed t="e"; no other attribute of a worksheet part reads so (the
    formula's t is "shared", "array" or "dataTable"), and a false alarm only means the
    slower reader."""
    has_errors, most_rows = False, 0
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                part = archive.read(name)
                has_errors = has_errors or b't="e"' in part or b"t='e'" in part
                most_rows = max(most_rows, part.count(b"<row ") + part.count(b"<row>"))
    return has_errors, most_rows


def _rows_by_calamine(content):
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    visible = [
        sheet.name
        for sheet in book.sheets_metadata
        if sheet.typ == SheetTypeEnum.WorkSheet and sheet.visible == SheetVisibleEnum.Visible
    ]
    if not visible:
        return []
    return book.get_sheet_by_name(visible[0]).to_python(skip_empty_area=False)


def _rows_by_openpyxl(content):
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    if not visible:
        return []
    return [
        [FormulaError(cell.value) if cell.data_type == "e" else cell.value for cell in row]
        for row in visible[0].iter_rows()
    ]


def refuse_formula_error(value):
    if isinstance(value, FormulaError):
        raise ValueError(
            _(
                "The cell holds the Excel error “%(error)s”: correct the formula in Excel, "
                "then import the file again."
            )
            % {"error": value}
        )


def _cell_value(value):
    if value == "" and not isinstance(value, FormulaError):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
