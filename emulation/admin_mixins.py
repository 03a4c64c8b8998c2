"""Admin building blocks shared by the apps: spreadsheet import/export in Vietnamese."""

from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX


class SpreadsheetAdmin(ImportExportModelAdmin):
    """xlsx and csv, dry-run preview then confirm, errors listed by spreadsheet row."""

    formats = [XLSX, CSV]
    import_template_name = "admin/emulation/import.html"
