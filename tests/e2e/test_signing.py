"""The clerk's steps for a digitally signed decision, in a real browser: download the
issued decision, have the chairman sign it, upload it; the product adds the commune's
own signature with its seal; anyone sees it from a certificate's QR code."""

import shutil

import pytest

from awards.demo import DEMO_SIGNING, HOUSEHOLD_NUMBER, signed_by_demo_chairman
from awards.models import Decision, SignedDecision
from tests.e2e.conftest import E2E
from tests.signing import Authority, red_seal_png

pytestmark = E2E


@pytest.fixture
def commune_signing(settings, tmp_path):
    """The demo authority's root and the commune's own authority installed; the commune's
    organisation certificate and seal configured."""
    roots = tmp_path / "roots"
    roots.mkdir()
    shutil.copy(DEMO_SIGNING / "root.pem", roots / "demo-root.pem")
    authority = Authority(name="Thi đua Test Root CA")
    (roots / "test-root.pem").write_bytes(authority.pem())
    settings.SIGNATURE_TRUST_ROOTS = str(roots)
    (tmp_path / "coquan.p12").write_bytes(authority.signer("UBND xã Hàm Liêm").pkcs12(b"mk"))
    settings.ORGANISATION_CERTIFICATE = str(tmp_path / "coquan.p12")
    settings.ORGANISATION_CERTIFICATE_PASSWORD = "mk"
    settings.ORGANISATION_SEAL_IMAGE = str(red_seal_png(tmp_path / "con-dau.png"))


def test_clerk_uploads_the_chairmans_signed_decision(journey, commune_signing, tmp_path):
    decision = Decision.objects.get(number=HOUSEHOLD_NUMBER)
    clerk = journey("clerk-signing")
    clerk.login("vanphong")
    clerk.go(f"/admin/awards/decision/{decision.pk}/change/")
    assert clerk.page.is_visible("#signed-upload")
    clerk.shot("issued decision waiting for its signature")

    issued = clerk.context.request.get(
        clerk.url + f"/admin/awards/decision/{decision.pk}/decision.pdf"
    )
    assert issued.body() == bytes(decision.issued_file.pdf)
    # The clerk first picks the unsigned file by mistake: refused, nothing kept.
    unsigned = tmp_path / "quyet-dinh.pdf"
    unsigned.write_bytes(issued.body())
    clerk.page.set_input_files("#id_signed_pdf", str(unsigned))
    clerk.page.click("#signed-upload input[type=submit]")
    clerk.page.wait_for_load_state()
    assert "Tệp không có chữ ký số." in clerk.text()
    assert not SignedDecision.objects.filter(decision=decision).exists()
    clerk.shot("an unsigned file is refused")

    signed = tmp_path / "quyet-dinh-da-ky.pdf"
    signed.write_bytes(signed_by_demo_chairman(issued.body()))
    clerk.page.set_input_files("#id_signed_pdf", str(signed))
    clerk.page.click("#signed-upload input[type=submit]")
    clerk.page.wait_for_load_state()
    text = clerk.text()
    assert f"Quyết định số {HOUSEHOLD_NUMBER} đã được ký số" in text
    assert "Nguyễn Quang Minh (Thi đua Demo Root CA)" in text
    assert "Chữ ký số của cơ quan: UBND xã Hàm Liêm" in text
    clerk.shot("signed by the chairman and the commune")

    kept = SignedDecision.objects.get(decision=decision)
    assert bytes(kept.pdf).startswith(signed.read_bytes())
    code = decision.commendations.order_by("register_number").first().verification_code
    public = journey("public-check-signed", width=390, height=844)
    public.go(f"/verify/{code}/")
    assert f"Quyết định số {HOUSEHOLD_NUMBER} đã được ký số" in public.text()
    assert "UBND xã Hàm Liêm" in public.text()
    public.shot("a signed decision")
    download = public.context.request.get(public.url + f"/verify/{code}/signed.pdf")
    assert download.body() == bytes(kept.pdf)
