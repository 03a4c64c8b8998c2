"""Admin building blocks shared by the apps: history, Vietnamese figures, spreadsheets."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin

from .downloads import file_name
from .forms import VIETNAMESE_FIGURES, SpreadsheetExportForm, SpreadsheetImportForm
from .history import HistoryAdmin
from .imports import CSV, XLSX, TooManyRows


class FiguresAdmin(HistoryAdmin):
    """Figures typed and shown the Vietnamese way (5.018,6); each row's change history."""

    formfield_overrides = VIETNAMESE_FIGURES


class SpreadsheetAdmin(ImportExportModelAdmin, FiguresAdmin):
    """xlsx and csv, dry-run preview then confirm, errors listed by spreadsheet row."""

    formats = [XLSX, CSV]
    import_form_class = SpreadsheetImportForm
    export_form_class = SpreadsheetExportForm
    import_template_name = "admin/emulation/import.html"

    def get_export_filename(self, request, queryset, file_format):
        """ "chi-tieu-2023.xlsx": what is exported and the year(s) it covers."""
        years = sorted(set(self.export_years(queryset)))
        span = f"{years[0]}-{years[-1]}" if len(years) > 1 else (years[0] if years else "")
        return file_name(
            str(self.model._meta.verbose_name_plural).lower(),
            span,
            extension=file_format.get_extension(),
        )

    def export_years(self, queryset):
        """The movement years of the exported rows (override for another path)."""
        path = getattr(self, "movement_year_path", None)
        return queryset.values_list(path, flat=True).distinct() if path else []

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # import-export writes native numbers only for its own binary classes (exact type),
        # and our xlsx reader is a subclass: say which kind of file is being written.
        request.thidua_binary_export = file_format.is_binary()
        return super().get_export_data(file_format, request, queryset, **kwargs)

    def get_data_for_export(self, request, queryset, **kwargs):
        if getattr(request, "thidua_binary_export", False):
            kwargs["force_native_type"] = True  # numbers as numbers, dates as dates in xlsx
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        dataset.title = str(self.model._meta.verbose_name_plural).capitalize()[:31]
        return dataset

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, TooManyRows):
            form.add_error("import_file", str(e))
            return
        # The library names the reader's exception class; the clerk needs what to do.
        form.add_error(
            "import_file",
            _(
                "The file could not be read: it is damaged or not in the chosen format. "
                "Save it again from Excel as .xlsx (or as CSV UTF-8) and choose it here."
            ),
        )


class WorkflowActionsMixin:
    """Admin buttons that call a workflow service: the service decides, the admin reports."""

    def run_workflow_action(self, request, obj, action, success_message):
        """Call ``action()``; report its refusal or ``success_message`` in Vietnamese and log
        the change. Returns whether it went through."""
        try:
            action()
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return False
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        self.log_change(request, obj, [{"changed": {"fields": ["status"]}}])
        self.message_user(request, success_message(), messages.SUCCESS)
        return True
