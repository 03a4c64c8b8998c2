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
    from pyhanko_certvalidator.util import get_declared_revinfo

    if pdf_bytes == issued_pdf:  # the downloaded file uploaded back before it was signed
        raise SignatureRefused(_("The file carries no digital signature."))
    if not pdf_bytes.startswith(issued_pdf):
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
    dss_crls, dss_ocsps, dss_certs = _dss_revocation_data(reader)
    for signature in signatures:
        moment = signature.self_reported_timestamp
        # No network is assumed: revocation is checked from what the file itself carries
        # (its document security store, the signature's own archived revocation data), and
        # the record says when there was none.
        crls, ocsps = _archived_revocation_data(signature)
        crls, ocsps = dss_crls + crls, dss_ocsps + ocsps
        context = ValidationContext(
            trust_roots=roots,
            other_certs=dss_certs,
            crls=crls,
            ocsps=ocsps,
            allow_fetching=False,
            moment=moment,
            revocation_mode="soft-fail",
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
        # pyHanko consults revocation data for a certificate that says where its status is
        # published (as the government CA's do); only then was anything checked.
        checked = bool(crls or ocsps) and any(get_declared_revinfo(status.signing_cert))
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


def _dss_revocation_data(reader):
    """The CRLs, OCSP responses and certificates of the file's document security store."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.pdf_utils.decode_limits import DecodePurpose
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return [], [], []
    crls = [
        asn1_crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL))
        for ref in dss.crls
    ]
    ocsps = [
        asn1_ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE))
        for ref in dss.ocsps
    ]
    return crls, ocsps, list(dss.load_certs())


def _archived_revocation_data(signature):
    """The CRLs and OCSP responses the signer archived in the signature itself (Adobe's
    revocation-information attribute, which many signing programs write)."""
    from pyhanko.sign.general import (
        MultivaluedAttributeError,
        NonexistentAttributeError,
        find_unique_cms_attribute,
    )

    try:
        archived = find_unique_cms_attribute(
            signature.signer_info["signed_attrs"], "adobe_revocation_info_archival"
        )
    except (NonexistentAttributeError, MultivaluedAttributeError):
        return [], []
    crls = list(archived["crl"]) if archived["crl"] else []
    ocsps = list(archived["ocsp"]) if archived["ocsp"] else []
    return crls, ocsps


# --- the organisation's signature ---------------------------------------------------------

# The place the chairman signs, inside the decision's signature block (awards/decision.html
# draws it from these figures and names it, so that the seal can be placed when his
# signature carries no image of its own).
SIGN_PLACE_ANCHOR = "sign-place"
SIGN_PLACE_MM = (40, 25)
MM = 72 / 25.4
ORGANISATION_FIELD = "CoQuan"


@dataclass(frozen=True)
class OrganisationSigning:
    certificate: Path
    password: str
    seal_image: Path
    seal_diameter_mm: float


def organisation_signing() -> OrganisationSigning | None:
    """The commune's configured organisation certificate and seal, or None."""
    if not settings.ORGANISATION_CERTIFICATE:
        return None
    return OrganisationSigning(
        certificate=Path(settings.ORGANISATION_CERTIFICATE),
        password=settings.ORGANISATION_CERTIFICATE_PASSWORD,
        seal_image=Path(settings.ORGANISATION_SEAL_IMAGE),
        seal_diameter_mm=settings.ORGANISATION_SEAL_DIAMETER_MM,
    )


def chairman_signature_box(pdf_bytes: bytes) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box in points) of the chairman's signature: its widget where his
    signing program drew one, else the place the decision leaves for it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            field = widget.get("/Parent", widget).get_object() if "/Parent" in widget else widget
            if field.get("/FT") != "/Sig" or "/V" not in field:
                continue
            x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
            if abs(x1 - x0) > 1 and abs(y1 - y0) > 1:
                return index, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    destination = reader.named_destinations.get(SIGN_PLACE_ANCHOR)
    if destination is None:
        raise SignatureRefused(
            _("The decision's file does not say where it is signed: the seal cannot be placed.")
        )
    width, height = (v * MM for v in SIGN_PLACE_MM)
    left, top = float(destination.left), float(destination.top)
    return reader.get_destination_page_number(destination), (
        left,
        top - height,
        left + width,
        top,
    )


def seal_box(signature_box, diameter_mm: float) -> tuple[float, float, float, float]:
    """The seal at its real diameter over the left third of the signature, on its left
    (Nghị định 30/2020, Phụ lục I: the seal covers about a third of the signature)."""
    x0, y0, x1, y1 = signature_box
    diameter = diameter_mm * MM
    right = x0 + (x1 - x0) / 3
    middle = (y0 + y1) / 2
    return (right - diameter, middle - diameter / 2, right, middle + diameter / 2)


def add_organisation_signature(pdf_bytes: bytes, signing: OrganisationSigning) -> bytes:
    """``pdf_bytes`` signed once more, incrementally, by the organisation, its seal drawn
    as the new signature's appearance; raises ``SignatureRefused``."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    try:
        signer = signers.SimpleSigner.load_pkcs12(
            str(signing.certificate), passphrase=signing.password.encode() or None
        )
    except Exception:  # a missing file, a wrong password: pyHanko logs and fails alike
        signer = None
    if signer is None:
        raise SignatureRefused(
            _(
                "The organisation's certificate (ORGANISATION_CERTIFICATE) cannot be opened: "
                "check the file and its password (ORGANISATION_CERTIFICATE_PASSWORD)."
            )
        )
    try:
        from PIL import Image

        seal = Image.open(signing.seal_image)
        seal.load()
    except (OSError, ValueError) as error:
        raise SignatureRefused(
            _("The seal's image (ORGANISATION_SEAL_IMAGE) cannot be opened.")
        ) from error
    page, signature = chairman_signature_box(pdf_bytes)
    box = seal_box(signature, signing.seal_diameter_mm)
    style = StaticStampStyle(
        background=PdfImage(seal.convert("RGBA")),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name=ORGANISATION_FIELD),
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=ORGANISATION_FIELD, on_page=page, box=tuple(round(v) for v in box)
        ),
    )
    return pdf_signer.sign_pdf(writer).getvalue()
