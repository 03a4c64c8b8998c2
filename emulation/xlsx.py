"""Workbooks the product writes (register, year report): text stays text.

openpyxl stores any string starting with "=" as a formula, so a recipient named
"=HYPERLINK(…)" would run in the clerk's Excel. Every text cell is written as text; the
product writes no formulas of its own.
"""

import io

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(book) -> bytes:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
