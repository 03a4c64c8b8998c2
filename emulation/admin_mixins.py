"""Admin building blocks shared by the apps: history, Vietnamese figures, spreadsheets."""

from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from .forms import VIETNAMESE_FIGURES


class FiguresAdmin(SimpleHistoryAdmin):
    """Figures typed and shown the Vietnamese way (5.018,6); each row's change history."""

    formfield_overrides = VIETNAMESE_FIGURES


class SpreadsheetAdmin(ImportExportModelAdmin, FiguresAdmin):
    """xlsx and csv, dry-run preview then confirm, errors listed by spreadsheet row."""

    formats = [XLSX, CSV]
    import_template_name = "admin/emulation/import.html"
