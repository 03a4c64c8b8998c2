"""Checking a digitally signed decision with pyHanko: the signatures are intact, the first
covers exactly the stored issued PDF and later revisions change no content, each signer's
certificate chains to a trusted root and was valid at its signing time. Revocation is
checked only from what the file carries (no network is assumed); the record says when it
could not be."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass
class SignatureCheck:
    signer_name: str
    issuer: str
    signed_at: datetime.datetime
    revocation_note: str


def outside_event_loop(function, *args, **kwargs):
    """Call ``function``, one of pyHanko's blocking calls: they start an event loop of their
    own (asyncio.run), which cannot start inside a running one (an async server, a browser
    test's driver); there it runs in a worker thread. ``function`` must not touch the
    database (a worker thread has its own connection)."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


class SignatureRefused(Exception):
    """A reason the signed file is not accepted, in Vietnamese."""


def trust_roots(folder=None):
    """The certificates of ``folder`` (by default the setting ``SIGNATURE_TRUST_ROOTS``),
    PEM or DER files."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    folder = settings.SIGNATURE_TRUST_ROOTS if folder is None else folder
    if not folder or not Path(folder).is_dir():
        return []
    roots = []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in (".pem", ".crt", ".cer", ".der"):
            continue
        data = path.read_bytes()
        if pem.detect(data):
            roots += [asn1_x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, True)]
        else:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def _name(certificate) -> str:
    subject = certificate.subject.native
    return subject.get("common_name") or certificate.subject.human_friendly


ALLOWED_LATER_CHANGES = ("NONE", "LTA_UPDATES", "FORM_FILLING")


def check_signed_pdf(pdf_bytes: bytes, issued_pdf: bytes, roots=None) -> list[SignatureCheck]:
    """Each signature of ``pdf_bytes`` in order, checked against ``roots`` (by default the
    folder ``SIGNATURE_TRUST_ROOTS``); raises ``SignatureRefused``."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    if not pdf_bytes.startswith(issued_pdf) or len(pdf_bytes) == len(issued_pdf):
        raise SignatureRefused(
            _(
                "The signed part of the file is not, byte for byte, the decision as issued: "
                "sign the PDF downloaded from this decision's page, unchanged."
            )
        )
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
        issued_revisions = PdfFileReader(io.BytesIO(issued_pdf), strict=False).xrefs.total_revisions
    except Exception as error:  # pyHanko's own parse errors: a damaged or foreign file
        raise SignatureRefused(_("The file cannot be read as a PDF.")) from error
    if not signatures:
        raise SignatureRefused(_("The file carries no digital signature."))
    if signatures[0].signed_revision != issued_revisions:
        raise SignatureRefused(
            _("The first signature does not sign the decision as issued, but a changed copy.")
        )
    roots = trust_roots() if roots is None else roots
    if not roots:
        raise SignatureRefused(
            _(
                "No trusted root certificate is installed (setting SIGNATURE_TRUST_ROOTS): "
                "a signature cannot be checked."
            )
        )
    checks = []
    for signature in signatures:
        moment = signature.self_reported_timestamp
        # No network is assumed: revocation is checked from what the file itself carries
        # (soft-fail), and the record says when nothing could be checked.
        context = ValidationContext(
            trust_roots=roots, allow_fetching=False, moment=moment, revocation_mode="soft-fail"
        )
        status = validate_pdf_signature(signature, context)
        signer = _name(status.signing_cert) if status.signing_cert else "?"
        if not status.intact or not status.valid:
            raise SignatureRefused(
                _("The signature of %(signer)s is broken: the file was changed after signing.")
                % {"signer": signer}
            )
        if status.modification_level.name not in ALLOWED_LATER_CHANGES:
            raise SignatureRefused(
                _("After the signature of %(signer)s the file was changed in its content.")
                % {"signer": signer}
            )
        if status.revoked:
            raise SignatureRefused(
                _("The certificate of %(signer)s was revoked.") % {"signer": signer}
            )
        if not status.trusted:
            cert = status.signing_cert
            expired = (
                cert is not None
                and moment is not None
                and not (cert.not_valid_before <= moment <= cert.not_valid_after)
            )
            if expired:
                raise SignatureRefused(
                    _(
                        "The certificate of %(signer)s was not valid at the signing time "
                        "(%(start)s – %(end)s)."
                    )
                    % {
                        "signer": signer,
                        "start": cert.not_valid_before.strftime("%d/%m/%Y"),
                        "end": cert.not_valid_after.strftime("%d/%m/%Y"),
                    }
                )
            raise SignatureRefused(
                _(
                    "The certificate of %(signer)s does not lead to a trusted root certificate "
                    "installed on this server."
                )
                % {"signer": signer}
            )
        checked = bool(getattr(status, "revocation_details", None))
        checks.append(
            SignatureCheck(
                signer_name=signer,
                issuer=_name_of(status.signing_cert.issuer),
                signed_at=moment,
                revocation_note=_("revocation checked against the data in the file")
                if checked
                else _(
                    "revocation not checked: the file carries no revocation data and the "
                    "server does not go online"
                ),
            )
        )
    return checks


def _name_of(name) -> str:
    native = name.native
    return native.get("common_name") or name.human_friendly
