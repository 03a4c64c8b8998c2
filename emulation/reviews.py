"""The office's answer to something a unit handed in (a pledge's results, a hamlet's
household review): one way to record it, shared by the workflows."""

from django.utils import timezone


def record_review(locked, user, status, note=""):
    """Save ``locked`` (read under a row lock) in ``status`` with the note, who and when."""
    locked.status = status
    locked.review_note = note
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = user
    locked._history_user = user
    locked.save()
    return locked
