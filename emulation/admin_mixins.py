"""Admin building blocks shared by the apps: spreadsheet import/export in Vietnamese."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from .forms import VIETNAMESE_FIGURES


class FiguresAdmin(admin.ModelAdmin):
    """Figures typed and shown the Vietnamese way (5.018,6) in forms and list edits."""

    formfield_overrides = VIETNAMESE_FIGURES


class SpreadsheetAdmin(ImportExportModelAdmin, FiguresAdmin):
    """xlsx and csv, dry-run preview then confirm, errors listed by spreadsheet row."""

    formats = [XLSX, CSV]
    import_template_name = "admin/emulation/import.html"
