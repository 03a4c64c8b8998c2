"""Admin building blocks shared by the apps: history, Vietnamese figures, spreadsheets."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin

from .downloads import file_name
from .formatting import format_number
from .forms import VIETNAMESE_FIGURES, SpreadsheetExportForm, SpreadsheetImportForm
from .history import HistoryAdmin
from .imports import CSV, IMPORT_IN_REQUEST_ROWS, IMPORT_MAX_ROWS, XLSX, TooManyRows
from .scoping import own_commune


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

    def import_action(self, request, **kwargs):
        """A file of more than IMPORT_IN_REQUEST_ROWS rows goes to the worker, which checks
        and imports it in one go (all or nothing); a smaller one is checked here and
        confirmed on the preview, as before."""
        if request.method == "POST" and self.has_import_permission(request):
            job = self._import_in_background(request)
            if job is not None:
                return HttpResponseRedirect(job_url(self.admin_site, job))
        return super().import_action(request, **kwargs)

    def _import_in_background(self, request):
        form = self.create_import_form(request)
        if not form.is_valid():
            return None  # the page shows why
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        upload = form.cleaned_data["import_file"]
        content = b"".join(upload.chunks())
        try:
            rows = input_format.row_count(content)
        except Exception:  # not a readable file: the page says so in its own words
            return None
        if not IMPORT_IN_REQUEST_ROWS < rows <= IMPORT_MAX_ROWS:
            return None
        from .jobs import start_job
        from .tasks import import_spreadsheet

        resource = self.choose_import_resource_class(form, request)
        extension = input_format.get_extension()
        job = start_job(
            request.user,
            import_spreadsheet,
            title=_("Import of %(file)s into %(rows)s")
            % {"file": upload.name, "rows": self.model._meta.verbose_name_plural},
            commune=own_commune(request.user),
            parameters={
                "model": self.model._meta.label,
                "resource": f"{resource.__module__}.{resource.__qualname__}",
                "format": type(input_format).__name__,
                "file_name": upload.name,
            },
            total=rows,
            source=ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}"),
        )
        self.message_user(
            request,
            _(
                "The file has %(rows)s rows: it is checked and imported in the background, "
                "all or nothing. This page shows when it is done."
            )
            % {"rows": format_number(rows)},
            messages.INFO,
        )
        return job

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


def job_url(admin_site, job) -> str:
    """The page that follows a background job."""
    return reverse(f"{admin_site.name}:emulation_backgroundjob_change", args=[job.pk])


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
