"""Checks and storage names for uploaded scans (signed pledges and other attachments)."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAX_SCAN_BYTES = 10 * 1024 * 1024

# Recognised by their first bytes, not by the name the browser sends.
SIGNATURES = {
    b"%PDF-": "pdf",
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}


def sniff_type(upload):
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    for signature, extension in SIGNATURES.items():
        if head.startswith(signature):
            return extension
    return None


def validate_scan(upload):
    """A PDF, JPEG or PNG of at most 10 MB, judged by its content."""
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB is accepted."),
            params={
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                "limit": MAX_SCAN_BYTES // 1024 // 1024,
            },
            code="too_large",
        )
    if getattr(upload, "_committed", False):
        return  # already stored: checked when it was uploaded
    if sniff_type(upload) is None:
        raise ValidationError(
            _("Only a PDF, JPEG or PNG scan is accepted; this file is none of them."),
            code="bad_type",
        )


@deconstructible
class RandomName:
    """upload_to: a random name under ``folder``, so names never collide or traverse."""

    EXTENSIONS = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png"}

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = self.EXTENSIONS.get(PurePath(filename).suffix.lower(), "bin")
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder
