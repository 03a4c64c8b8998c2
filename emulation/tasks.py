"""The background task of the core: a spreadsheet import too big for one request."""

from types import SimpleNamespace

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from import_export.results import RowResult
from import_export.signals import post_import

from .formatting import format_number
from .imports import error_messages
from .jobs import Outcome, run_job

# A job's page lists at most this many of a refused file's problems.
ERRORS_LISTED = 100


@task()
def import_spreadsheet(job_id: int) -> None:
    run_job(job_id, import_file)


def import_file(job, progress) -> Outcome:
    """Check and import the job's file in one go, as the account that uploaded it: all
    or nothing (VietnameseModelResource), each row with its change history and an entry
    in the admin log, as the page's import would."""
    params = job.parameters
    model = apps.get_model(params["model"])
    model_admin = admin.site.get_model_admin(model)
    asker = SimpleNamespace(user=job.requested_by)  # what the admin's checks read
    if not model_admin.has_import_permission(asker):
        raise PermissionDenied(_("Your account may not import these rows."))
    input_format = next(
        kind for kind in model_admin.get_import_formats() if kind.__name__ == params["format"]
    )()
    with job.source.open("rb") as handle:
        data = handle.read()
    if not input_format.is_binary():
        data = data.decode(model_admin.from_encoding)
    dataset = input_format.create_dataset(data)
    progress(0, len(dataset))
    resource = import_string(params["resource"])()
    result = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        file_name=params["file_name"],
        user=job.requested_by,
        retain_instance_in_row_result=True,
    )
    if result.has_errors() or result.has_validation_errors():
        problems = error_messages(result)
        shown = problems[:ERRORS_LISTED]
        if len(problems) > len(shown):
            shown.append(
                _("… and %(count)s more.") % {"count": format_number(len(problems) - len(shown))}
            )
        raise ValidationError(
            [_("Nothing was imported from %(file)s:") % {"file": params["file_name"]}, *shown]
        )
    model_admin.generate_log_entries(result, asker)
    post_import.send(sender=None, model=model)
    totals = result.totals
    return Outcome(
        ngettext(
            "%(file)s imported, %(rows)s row: %(new)s new, %(changed)s changed, "
            "%(unchanged)s unchanged.",
            "%(file)s imported, %(rows)s rows: %(new)s new, %(changed)s changed, "
            "%(unchanged)s unchanged.",
            len(dataset),
        )
        % {
            "file": params["file_name"],
            "rows": format_number(len(dataset)),
            "new": format_number(totals[RowResult.IMPORT_TYPE_NEW]),
            "changed": format_number(totals[RowResult.IMPORT_TYPE_UPDATE]),
            "unchanged": format_number(totals[RowResult.IMPORT_TYPE_SKIP]),
        }
    )
