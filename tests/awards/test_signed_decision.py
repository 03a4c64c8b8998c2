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
    import subprocess
    import sys
    from pathlib import Path

    signed_pdf = authority.signer("Nguyễn Quang Minh").sign(documents.decision_pdf(issued))
    services.attach_signed_decision(issued, signed_pdf, office)
    code = issued.commendations.get().verification_code
    downloaded = tmp_path / "quyet-dinh-ky-so.pdf"
    downloaded.write_bytes(client.get(f"/verify/{code}/signed.pdf").content)
    root = tmp_path / "root.pem"
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
            str(root),
            str(downloaded),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().startswith("ChuTich:") and result.stdout.strip().endswith(":VALID")


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
