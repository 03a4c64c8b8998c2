"""A certificate authority of the tests' own and a signer, for digitally signed decisions
(cryptography makes the certificates; pyHanko signs as the chairman's software would)."""

import datetime
import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOW = datetime.datetime.now(datetime.UTC)
DAY = datetime.timedelta(days=1)


def _name(common_name):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _usage(ca):
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


class Authority:
    """A root CA that issues signing certificates."""

    def __init__(self, name="Thi đua Test Root CA"):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - 400 * DAY)
            .not_valid_after(NOW + 3650 * DAY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(True), critical=True)
            .sign(self.key, hashes.SHA256())
        )

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def crl(self, revoked=(), revoked_at=None) -> bytes:
        """A DER certificate revocation list naming ``revoked`` signers."""
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.cert.subject)
            .last_update(NOW - DAY)
            .next_update(NOW + 30 * DAY)
        )
        for signer in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(signer.cert.serial_number)
                .revocation_date(revoked_at or NOW - 2 * DAY)
                .build()
            )
        return builder.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def signer(self, common_name, not_before=None, not_after=None):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or NOW - 30 * DAY)
            .not_valid_after(not_after or NOW + 365 * DAY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(False), critical=True)
            # Where its revocation list is published, as the government CA's certificates
            # say; the tests never go there (the server does not go online).
            .add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            [x509.UniformResourceIdentifier("http://ca.thidua.test/crl")],
                            None,
                            None,
                            None,
                        )
                    ]
                ),
                critical=False,
            )
            .sign(self.key, hashes.SHA256())
        )
        return Signer(cert, key, self)


class Signer:
    def __init__(self, cert, key, authority):
        self.cert, self.key, self.authority = cert, key, authority

    def pkcs12(self, password: bytes) -> bytes:
        """The key and certificate (with its authority's) as a PKCS#12 file."""
        from cryptography.hazmat.primitives.serialization import pkcs12

        return pkcs12.serialize_key_and_certificates(
            b"thidua",
            self.key,
            self.cert,
            [self.authority.cert],
            serialization.BestAvailableEncryption(password),
        )

    def sign(self, pdf: bytes, field="ChuTich", box=None) -> bytes:
        """``pdf`` with this signer's signature added as an incremental update; ``box``
        (points, on the first page) draws it visibly, as a signing program with the
        signer's image does."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        def der(cert):
            return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

        key = asn1_keys.PrivateKeyInfo.load(
            self.key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        signer = signers.SimpleSigner(
            signing_cert=der(self.cert),
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs([der(self.authority.cert)]),
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        spec = None
        if box is not None:
            from pyhanko.sign import fields

            spec = fields.SigFieldSpec(sig_field_name=field, on_page=0, box=box)
        out = signers.PdfSigner(
            signers.PdfSignatureMetadata(field_name=field), signer=signer, new_field_spec=spec
        ).sign_pdf(writer)
        return out.getvalue()


def with_revocation_list(pdf: bytes, crl: bytes) -> bytes:
    """``pdf`` with ``crl`` added to its document security store (an incremental update
    that changes no content), as a signing program embeds revocation data."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    out = io.BytesIO(pdf)
    DocumentSecurityStore.add_dss(
        out, None, crls=[asn1_crl.CertificateList.load(crl)], force_write=True, strict=False
    )
    return out.getvalue()


def red_seal_png(path, pixels=300):
    """A round red seal on a transparent ground, as a commune scans its own."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (pixels, pixels), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, pixels - 4, pixels - 4), outline=(220, 0, 0, 255), width=pixels // 20)
    draw.ellipse(
        (pixels // 3, pixels // 3, 2 * pixels // 3, 2 * pixels // 3), fill=(220, 0, 0, 255)
    )
    image.save(path)
    return path
