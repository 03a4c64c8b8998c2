"""Digitally signed decisions: the issued PDF is a fixed file; the chairman's signed copy
is accepted only when pyHanko finds it intact, over exactly that file, trusted and valid
when signed; anyone sees it from the certificate's QR code."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError

from awards import documents, services
from awards.models import Decision, SignedDecision
from tests.factories import CommendationFactory, DecisionFactory
from tests.signing import DAY, NOW, Authority


@pytest.fixture
def authority(settings, tmp_path):
    authority = Authority()
    (tmp_path / "root.pem").write_bytes(authority.pem())
    settings.SIGNATURE_TRUST_ROOTS = str(tmp_path)
    return authority


@pytest.fixture
def issued(office):
    decision = DecisionFactory(number="15/QĐ-UBND", signed_on=datetime.date(2023, 1, 17))
    CommendationFactory(decision=decision, full_name="Nguyễn Văn An")
    services.issue_decision(decision, office)
    return Decision.objects.get(pk=decision.pk)


def test_the_issued_decision_is_a_fixed_file(issued, office):
    stored = issued.issued_file
    assert hashlib.sha256(bytes(stored.pdf)).hexdigest() == stored.sha256
    assert documents.decision_pdf(issued) == bytes(stored.pdf)
    assert documents.decision_pdf(issued) == documents.decision_pdf(issued)  # no re-render
    services.revoke_decision(issued, office, "Sai họ tên")
    assert documents.decision_pdf(Decision.objects.get(pk=issued.pk)) == bytes(stored.pdf)
    with pytest.raises(ValidationError):
        stored.delete()


def test_the_chairmans_signed_copy_is_accepted(issued, office, authority):
    signed_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    signed = services.attach_signed_decision(issued, signed_pdf, office)
    assert signed.signer_name == "Nguyễn Quang Minh" and signed.signer_matches
    assert signed.signer_issuer == "Thi đua Test Root CA"
    assert abs(signed.signed_at - NOW) < 2 * DAY
    assert signed.sha256 == hashlib.sha256(signed_pdf).hexdigest()
    assert bytes(SignedDecision.objects.get().pdf) == signed_pdf
    assert signed.revocation_note == (
        "chưa kiểm tra tình trạng thu hồi: tệp không kèm dữ liệu thu hồi và máy chủ không "
        "kết nối mạng"
    )
    with pytest.raises(ValidationError) as refused:
        services.attach_signed_decision(issued, signed_pdf, office)
    assert refused.value.messages == ["Quyết định 15/QĐ-UBND đã có bản ký số."]


def test_the_organisations_second_signature_is_recorded(issued, office, authority):
    once = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    twice = authority.signer("UBND xã Hàm Liêm").sign(once, field="CoQuan")
    signed = services.attach_signed_decision(issued, twice, office)
    assert (signed.signer_name, signed.organisation_name) == (
        "Nguyễn Quang Minh",
        "UBND xã Hàm Liêm",
    )
    assert signed.organisation_signed_at is not None


def test_a_signer_other_than_the_decisions_is_shown(issued, office, authority):
    signed_pdf = authority.signer("Trần Văn Khác").sign(documents.decision_pdf(issued))
    signed = services.attach_signed_decision(issued, signed_pdf, office)
    assert not signed.signer_matches


def _refused(issued, office, pdf):
    with pytest.raises(ValidationError) as refused:
        services.attach_signed_decision(issued, pdf, office)
    assert not SignedDecision.objects.exists()
    (message,) = refused.value.messages
    return message


def test_one_changed_byte_is_refused(issued, office, authority):
    issued_pdf = documents.decision_pdf(issued)
    signed_pdf = bytearray(authority.signer("Nguyễn Quang Minh").sign(issued_pdf))
    # A letter of the catalogue the signing revision rewrites, which the signature covers.
    at = signed_pdf.find(b"/Lang (vi)", len(issued_pdf)) + len(b"/Lang (v")
    assert at > len(issued_pdf)
    signed_pdf[at] = ord("j")
    assert "bị hỏng: tệp đã bị thay đổi sau khi ký" in _refused(issued, office, bytes(signed_pdf))


def test_a_change_inside_the_issued_part_is_refused(issued, office, authority):
    signed_pdf = bytearray(
        authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    )
    signed_pdf[200] = ord("A") if signed_pdf[200] != ord("A") else ord("B")
    assert "không đúng từng byte" in _refused(issued, office, bytes(signed_pdf))


def test_another_decisions_pdf_is_refused(issued, office, authority):
    other = DecisionFactory(number="16/QĐ-UBND", signed_on=datetime.date(2023, 1, 18))
    CommendationFactory(decision=other, full_name="Lê Thị Thu")
    services.issue_decision(other, office)
    other = Decision.objects.get(pk=other.pk)
    signed_other = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(other))
    assert "không đúng từng byte" in _refused(issued, office, signed_other)


def test_an_untrusted_root_is_refused(issued, office, authority):
    stranger = Authority(name="Không tin cậy CA")
    signed_pdf = stranger.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    message = _refused(issued, office, signed_pdf)
    assert "chứng thư gốc tin cậy" in message


def test_an_expired_certificate_is_refused(issued, office, authority):
    expired = authority.signer("Nguyễn Quang Minh", NOW - 400 * DAY, NOW - 10 * DAY)
    message = _refused(issued, office, expired.sign(documents.decision_pdf(issued)))
    assert "không còn hiệu lực" in message


def test_no_roots_installed_refuses_with_the_setting_named(issued, office, authority, settings):
    settings.SIGNATURE_TRUST_ROOTS = ""
    signed_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    assert "SIGNATURE_TRUST_ROOTS" in _refused(issued, office, signed_pdf)


def test_an_unsigned_file_is_refused(issued, office, authority):
    assert "không có chữ ký số" in _refused(issued, office, documents.decision_pdf(issued) + b"\n")


def test_the_clerk_uploads_the_signed_copy_and_anyone_sees_it_from_the_qr_code(
    client, issued, office, authority
):
    client.force_login(office)
    page = client.get(f"/admin/awards/decision/{issued.pk}/change/")
    assert 'id="signed-upload"' in page.text
    from django.core.files.uploadedfile import SimpleUploadedFile

    signed_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    bad = SimpleUploadedFile("qd.pdf", documents.decision_pdf(issued), "application/pdf")
    client.post(f"/admin/awards/decision/{issued.pk}/signed/", {"signed_pdf": bad})
    assert not SignedDecision.objects.exists()
    good = SimpleUploadedFile("qd-ky-so.pdf", signed_pdf, "application/pdf")
    response = client.post(f"/admin/awards/decision/{issued.pk}/signed/", {"signed_pdf": good})
    assert response.status_code == 302
    page = client.get(f"/admin/awards/decision/{issued.pk}/change/")
    assert "Quyết định số 15/QĐ-UBND đã được ký số" in page.text
    assert client.get(f"/admin/awards/decision/{issued.pk}/signed/").content == signed_pdf
    client.logout()
    code = issued.commendations.get().verification_code
    public = client.get(f"/verify/{code}/")
    for expected in [
        "Quyết định số 15/QĐ-UBND đã được ký số",
        "Nguyễn Quang Minh (Thi đua Test Root CA)",
        hashlib.sha256(signed_pdf).hexdigest(),
    ]:
        assert expected in public.text, expected
    download = client.get(f"/verify/{code}/signed.pdf")
    assert download.content == signed_pdf
    assert download["Content-Type"] == "application/pdf"


def test_a_revoked_signed_decision_says_revoked_first(client, issued, office, authority):
    signed_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    services.attach_signed_decision(issued, signed_pdf, office)
    services.revoke_decision(issued, office, "Sai họ tên người được khen")
    code = issued.commendations.get().verification_code
    text = client.get(f"/verify/{code}/").text
    assert text.index("ĐÃ THU HỒI") < text.index("đã được ký số")


def test_only_the_commune_office_attaches(issued, authority):
    from django.core.exceptions import PermissionDenied

    from tests import factories

    head = factories.hamlet_head(factories.UnitFactory(name="Thôn Ku Kê"), username="thon.kuke")
    signed_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    for user in (head, factories.UserFactory(username="no_group")):
        with pytest.raises(PermissionDenied):
            services.attach_signed_decision(issued, signed_pdf, user)
    assert not SignedDecision.objects.exists()


def test_a_signed_decision_validates_in_pyhankos_own_validator(
    issued, office, authority, tmp_path, client
):
    """The independent check: pyHanko's command-line validator, against the same root."""
    signed_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    services.attach_signed_decision(issued, signed_pdf, office)
    code = issued.commendations.get().verification_code
    downloaded = tmp_path / "quyet-dinh-ky-so.pdf"
    downloaded.write_bytes(client.get(f"/verify/{code}/signed.pdf").content)
    summary = _pyhanko_validate(downloaded, tmp_path / "root.pem")
    assert summary.startswith("ChuTich:") and summary.endswith(":VALID")


def test_the_demo_decision_is_signed_by_the_demo_authority(demo, client):
    decision = Decision.objects.get(number="15/QĐ-UBND")
    signed = decision.signed
    assert (signed.signer_name, signed.signer_issuer) == (
        "Nguyễn Quang Minh",
        "Thi đua Demo Root CA",
    )
    assert signed.signer_matches
    assert bytes(signed.pdf).startswith(bytes(decision.issued_file.pdf))
    code = decision.commendations.order_by("register_number").first().verification_code
    page = client.get(f"/verify/{code}/").text
    assert "Quyết định số 15/QĐ-UBND đã được ký số" in page
    assert "Nguyễn Quang Minh (Thi đua Demo Root CA)" in page


# --- revocation from the data the file carries -----------------------------------------


def test_revocation_is_checked_from_the_files_own_data(issued, office, authority):
    from tests.signing import with_revocation_list

    chairman = authority.signer("Nguyễn Quang Minh")
    signed_pdf = with_revocation_list(
        chairman.sign(documents.decision_pdf(issued)), authority.crl(revoked=())
    )
    signed = services.attach_signed_decision(issued, signed_pdf, office)
    assert signed.revocation_note == "đã kiểm tra tình trạng thu hồi theo dữ liệu kèm trong tệp"


def test_a_certificate_revoked_before_signing_is_refused(issued, office, authority):
    from tests.signing import with_revocation_list

    chairman = authority.signer("Nguyễn Quang Minh")
    signed_pdf = with_revocation_list(
        chairman.sign(documents.decision_pdf(issued)),
        authority.crl(revoked=[chairman], revoked_at=NOW - 3 * DAY),
    )
    assert _refused(issued, office, signed_pdf) == (
        "Chứng thư số của Nguyễn Quang Minh đã bị thu hồi."
    )


# --- the organisation's signature, added by the product --------------------------------


@pytest.fixture
def organisation(settings, tmp_path, authority):
    from tests.signing import red_seal_png

    commune = authority.signer("UBND xã Hàm Liêm")
    (tmp_path / "coquan.p12").write_bytes(commune.pkcs12(b"mat-khau"))
    settings.ORGANISATION_CERTIFICATE = str(tmp_path / "coquan.p12")
    settings.ORGANISATION_CERTIFICATE_PASSWORD = "mat-khau"
    settings.ORGANISATION_SEAL_IMAGE = str(red_seal_png(tmp_path / "dau.png"))
    settings.ORGANISATION_SEAL_DIAMETER_MM = 35
    return commune


def _widgets(pdf):
    """{field name: (page index, rect)} of the signature widgets."""
    import io

    from pypdf import PdfReader

    found = {}
    for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/FT") == "/Sig":
                found[str(widget["/T"])] = (index, [float(v) for v in widget["/Rect"]])
    return found


MM = 72 / 25.4


def test_the_organisation_signs_second_with_its_seal_over_the_place_of_signing(
    issued, office, authority, organisation
):
    from pypdf import PdfReader

    chairman_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    signed = services.attach_signed_decision(issued, chairman_pdf, office)
    assert (signed.signer_name, signed.organisation_name) == (
        "Nguyễn Quang Minh",
        "UBND xã Hàm Liêm",
    )
    assert signed.organisation_signed_at >= signed.signed_at
    kept = bytes(SignedDecision.objects.get().pdf)
    assert kept.startswith(chairman_pdf) and len(kept) > len(chairman_pdf)  # incremental
    assert signed.sha256 == hashlib.sha256(kept).hexdigest()
    # The chairman's signature is invisible: the seal goes over the left third of the
    # place the decision leaves for it, at the seal's real diameter.
    import io

    reader = PdfReader(io.BytesIO(kept))
    place = reader.named_destinations["sign-place"]
    page, (x0, y0, x1, y1) = _widgets(kept)["CoQuan"]
    assert page == reader.get_destination_page_number(place)
    assert x1 - x0 == pytest.approx(35 * MM, abs=1) and y1 - y0 == pytest.approx(35 * MM, abs=1)
    assert x1 == pytest.approx(float(place.left) + 40 * MM / 3, abs=1)
    assert (y0 + y1) / 2 == pytest.approx(float(place.top) - 25 * MM / 2, abs=1)
    page_width = float(reader.pages[page].mediabox.width)
    assert x0 > page_width / 2 - 35 * MM  # in the signer's column, on the right half
    # Its appearance is the seal's image, with its transparency.
    widget = next(
        a.get_object()
        for a in reader.pages[page]["/Annots"]
        if a.get_object().get("/T") == "CoQuan"
    )
    images = [
        x.get_object()
        for x in _xobjects(widget["/AP"]["/N"].get_object())
        if x.get_object().get("/Subtype") == "/Image"
    ]
    assert images and "/SMask" in images[0] and int(images[0]["/Width"]) == 300


def _xobjects(stream):
    """Every XObject an appearance stream draws, nested forms included."""
    resources = stream.get("/Resources", {})
    for xobject in (resources.get("/XObject") or {}).values():
        yield xobject
        if xobject.get_object().get("/Subtype") == "/Form":
            yield from _xobjects(xobject.get_object())


def test_the_seal_overlaps_a_third_of_a_visible_signature(issued, office, authority, organisation):
    box = (330, 250, 450, 310)  # where the chairman's program drew his signature image
    chairman_pdf = authority.signer("Nguyễn Quang Minh").sign(
        documents.decision_pdf(issued), box=box
    )
    services.attach_signed_decision(issued, chairman_pdf, office)
    kept = bytes(SignedDecision.objects.get().pdf)
    page, (x0, y0, x1, y1) = _widgets(kept)["CoQuan"]
    assert page == _widgets(kept)["ChuTich"][0] == 0
    assert x1 == pytest.approx(330 + 120 / 3, abs=1)
    assert (y0 + y1) / 2 == pytest.approx(280, abs=1)
    assert x0 < 330  # on the signature's left, reaching beyond it


def test_both_signatures_validate_in_pyhankos_own_validator(
    issued, office, authority, organisation, tmp_path
):
    chairman_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    services.attach_signed_decision(issued, chairman_pdf, office)
    signed = tmp_path / "qd.pdf"
    signed.write_bytes(bytes(SignedDecision.objects.get().pdf))
    lines = _pyhanko_validate(signed, tmp_path / "root.pem").splitlines()
    assert [line.split(":")[0] for line in lines] == ["ChuTich", "CoQuan"]
    assert all(line.endswith(":VALID") for line in lines), lines


def _pyhanko_validate(pdf_path, root_path) -> str:
    import subprocess
    import sys
    from pathlib import Path

    cli = Path(sys.executable).with_name("pyhanko")
    result = subprocess.run(
        [
            str(cli),
            "sign",
            "validate",
            "--executive-summary",
            "--no-revocation-check",
            "--trust-replace",
            "--trust",
            str(root_path),
            str(pdf_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def test_a_wrong_organisation_password_refuses_and_keeps_nothing(
    issued, office, authority, organisation, settings
):
    settings.ORGANISATION_CERTIFICATE_PASSWORD = "sai"
    chairman_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    assert _refused(issued, office, chairman_pdf) == (
        "Không mở được chứng thư số của cơ quan (ORGANISATION_CERTIFICATE): kiểm tra lại tệp "
        "và mật khẩu (ORGANISATION_CERTIFICATE_PASSWORD)."
    )


def test_a_missing_seal_image_refuses_and_keeps_nothing(
    issued, office, authority, organisation, settings, tmp_path
):
    settings.ORGANISATION_SEAL_IMAGE = str(tmp_path / "khong-co.png")
    chairman_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    assert _refused(issued, office, chairman_pdf) == (
        "Không mở được ảnh con dấu (ORGANISATION_SEAL_IMAGE)."
    )


def test_an_uploaded_organisation_signature_is_not_signed_again(
    issued, office, authority, organisation
):
    once = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    twice = organisation.sign(once, field="CoQuanTuKy")
    services.attach_signed_decision(issued, twice, office)
    assert bytes(SignedDecision.objects.get().pdf) == twice
