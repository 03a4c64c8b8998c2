"""Background jobs: work that outgrows a request runs in the worker, not in gunicorn.

A page that has more to do than a request should hold (an import of thousands of rows,
hundreds of certificates, the province's report) calls ``start_job``: it records a
``BackgroundJob`` for the person who asked and puts its task on the queue, in one
transaction, then sends them to the job's page, which follows the work and offers the
file at the end. ``manage.py db_worker`` (django-tasks' database backend) picks the task
up and calls ``run_job`` with the work's own function, a *handler*:

    def handler(job: BackgroundJob, progress: Progress) -> Outcome

which acts as ``job.requested_by`` (the policies still decide), reports its steps
through ``progress`` and returns what came of it; a ValidationError is the Vietnamese
reason the work was refused, and nothing it wrote is kept.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import BackgroundJob

logger = logging.getLogger(__name__)

Status = BackgroundJob.Status

# The longest job measured takes about a minute (3,000 certificates, bench/households.py);
# one "running" for longer than this lost its worker (killed, the machine stopped).
STALLED_AFTER = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Outcome:
    """What a job produced: the sentence the person reads, and the file, if any."""

    message: str
    content: bytes | None = None
    file_name: str = ""


class Progress:
    """How far a job has got, written straight to its row so its page can show it.

    Reported from outside any transaction (between rendered batches, say), it is seen at
    once; from inside one (an import writing its rows) it would be seen only at the end,
    so such work reports none and the page says it is running."""

    def __init__(self, job: BackgroundJob):
        self.job = job

    def __call__(self, done: int, total: int | None = None) -> None:
        if total is not None:
            self.job.total = total
        self.job.done = min(done, self.job.total) if self.job.total else 0
        BackgroundJob.objects.filter(pk=self.job.pk).update(
            done=self.job.done, total=self.job.total
        )


def start_job(
    user,
    task,
    *,
    title: str,
    commune=None,
    parameters: dict | None = None,
    total: int = 0,
    source: ContentFile | None = None,
) -> BackgroundJob:
    """Record the job and queue ``task`` (a django-tasks task taking the job's id) for it,
    in one transaction: the worker never sees a task without its job."""
    with transaction.atomic():
        job = BackgroundJob.objects.create(
            kind=task.name,
            title=title[:255],
            requested_by=user,
            commune=commune,
            parameters=parameters or {},
            total=total,
        )
        if source is not None:
            job.source.save(source.name or "tep", source, save=False)
        job.task_id = str(task.enqueue(job.pk).id)
        job.save(update_fields=["source", "task_id"])
    return job


def run_job(job_id: int, handler) -> None:
    """Run one queued job with ``handler`` (called by the job's task in the worker)."""
    job = BackgroundJob.objects.select_related("requested_by", "commune").get(pk=job_id)
    if job.status != Status.QUEUED:
        return  # already run: a task handed out twice does the work once
    job.status, job.started_at = Status.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    with translation.override(settings.LANGUAGE_CODE):
        try:
            outcome = handler(job, Progress(job))
        except (ValidationError, PermissionDenied) as refused:
            _finish(job, Status.FAILED, _refusal_text(refused))
            return
        except Exception:
            logger.exception("Background job %s (%s) failed", job.pk, job.kind)
            _finish(
                job,
                Status.FAILED,
                _(
                    "The work stopped on an unexpected error; nothing of it was kept. The "
                    "administrator finds the details in the worker's log."
                ),
            )
            raise
    if outcome.content is not None:
        job.result.save(outcome.file_name or "ket-qua", ContentFile(outcome.content), save=False)
        job.result_name = outcome.file_name
    _finish(job, Status.DONE, outcome.message)


def _refusal_text(refused) -> str:
    if isinstance(refused, ValidationError):
        return "\n".join(refused.messages)
    return str(refused) or _("You may not do this.")


FINISHED_FIELDS = ("status", "message", "finished_at", "done", "source", "result", "result_name")


def _finish(job: BackgroundJob, status: str, message: str) -> None:
    job.status, job.message, job.finished_at = status, message, timezone.now()
    if status == Status.DONE and job.total:
        job.done = job.total
    if job.source:
        job.source.delete(save=False)  # the uploaded file was read: no copy is kept
    job.save(update_fields=[*FINISHED_FIELDS])


def prune_finished_jobs(before) -> int:
    """Delete the jobs finished before ``before`` and their files (a certificate batch
    holds a commune's names: it is not kept for ever); the number of jobs deleted. The
    files go once the rows are gone, so a failure leaves every job with its file."""
    finished = BackgroundJob.objects.filter(
        status__in=[Status.DONE, Status.FAILED], finished_at__lt=before
    )
    with transaction.atomic():
        files = [(job.result.storage, job.result.name) for job in finished if job.result]
        count, _deleted = finished.delete()
    for storage, name in files:
        storage.delete(name)
    return count


def fail_stalled_jobs(now) -> int:
    """Mark as not done the jobs whose worker stopped under them (running for longer than
    STALLED_AFTER), so their pages stop waiting; the number marked. What such a job was
    writing was never committed (an import is one transaction), and it made no file."""
    return BackgroundJob.objects.filter(
        status=Status.RUNNING, started_at__lt=now - STALLED_AFTER
    ).update(
        status=Status.FAILED,
        finished_at=now,
        message=_(
            "The worker stopped before this work was finished; nothing of it was kept. "
            "Ask for it again."
        ),
    )
