"""Helpers to build and read the spreadsheets the clerk exchanges with the app."""

import csv
import io

from import_export.formats.base_formats import CSV
from openpyxl import Workbook, load_workbook

from emulation.imports import XLSX


def xlsx_bytes(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)


def xlsx_rows(content):
    return [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def dataset_from(content, fmt):
    """The dataset the admin's import page reads from an uploaded file."""
    if fmt == "csv":
        return CSV().create_dataset(content.decode("utf-8-sig"))
    return XLSX().create_dataset(content)
