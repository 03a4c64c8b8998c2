"""Background tasks of the commendations: a decision's certificates when they run to
hundreds of pages, and the province's report of every commune."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from emulation.downloads import file_name
from emulation.formatting import format_number
from emulation.jobs import Outcome, run_job
from emulation.policy import policy_for
from emulation.roles import reads_the_province

from .documents import certificates_file_name, certificates_pdf
from .models import Decision
from .province import province_pdf, province_year


@task()
def print_certificates(job_id: int) -> None:
    run_job(job_id, certificates_file)


def certificates_file(job, progress) -> Outcome:
    """Every certificate of the job's decision in one PDF, the pages counted as they are
    laid out."""
    decision = (
        Decision.objects.select_related("movement__commune")
        .filter(pk=job.parameters["decision"])
        .first()
    )
    if decision is None or not policy_for(job.requested_by, decision).can_view():
        raise PermissionDenied(_("This decision does not exist or you may not see it."))
    content = certificates_pdf(decision, progress=progress)
    count = job.total  # the pages laid out, as progress was told
    return Outcome(
        ngettext(
            "%(count)s certificate of decision %(number)s, one page each.",
            "%(count)s certificates of decision %(number)s, one page each.",
            count,
        )
        % {"count": format_number(count), "number": decision.number or _("(draft)")},
        content,
        certificates_file_name(decision),
    )


@task()
def make_province_report(job_id: int) -> None:
    run_job(job_id, province_report_file)


def province_report_file(job, progress) -> Outcome:
    """The province's table of the job's year as a PDF, of the communes its asker reads."""
    user = job.requested_by
    if not reads_the_province(user):
        raise PermissionDenied(_("Only the province's staff read every commune."))
    year = job.parameters["year"]
    table = province_year(year, user)
    return Outcome(
        _("The report of %(communes)s communes for %(year)s.")
        % {"communes": format_number(len(table.communes)), "year": year},
        province_pdf(table),
        file_name("bao-cao-cac-xa", year, extension="pdf"),
    )
