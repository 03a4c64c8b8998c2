"""Admin building blocks shared by the apps: history, Vietnamese figures, spreadsheets."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin

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
