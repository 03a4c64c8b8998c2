import pytest

from awards import services
from awards.models import Commendation, Decision


@pytest.fixture
def line(demo):
    return (
        Commendation.objects.filter(
            recipient_type="individual", decision__movement__commune__name="Hàm Liêm"
        )
        .order_by("register_number")
        .first()
    )


def test_valid_certificate_page_needs_no_login(client, line):
    response = client.get(f"/verify/{line.verification_code}/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in [
        "HỢP LỆ",
        "Hàm Liêm",
        line.display_name,
        "Giấy khen",
        "Số 15/QĐ-UBND, ngày 17/01/2023",
    ]:
        assert text in body
    assert "ĐÃ THU HỒI" not in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_revoked_certificate_says_so_with_the_reason(client, line, clerk):
    services.revoke_decision(
        Decision.objects.get(number="15/QĐ-UBND"), clerk, "Quyết định ban hành sai thẩm quyền"
    )
    body = client.get(f"/verify/{line.verification_code}/").content.decode()
    assert "ĐÃ THU HỒI" in body and "Quyết định ban hành sai thẩm quyền" in body
    assert "HỢP LỆ" not in body


@pytest.mark.parametrize("code", ["unknown", "A" * 22, "x" * 200, "1"])
def test_unknown_code_is_a_plain_404(client, line, code):
    response = client.get(f"/verify/{code}/")
    assert response.status_code == 404
    assert line.display_name not in response.content.decode()


def test_draft_lines_cannot_be_verified(client, draft):
    line = draft.commendations.first()
    Commendation.objects.filter(pk=line.pk).update(verification_code="draft-code-123456789")
    assert client.get("/verify/draft-code-123456789/").status_code == 404


def test_new_codes_are_grouped_and_can_be_typed_in_any_case(client, clerk):
    import re

    from awards.codes import ALPHABET, SYMBOLS, canonical
    from awards.services import issue_decision
    from tests.factories import CommendationFactory

    line = CommendationFactory()
    issue_decision(line.decision, clerk)
    line.refresh_from_db()
    code = line.verification_code
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    assert len(ALPHABET) ** SYMBOLS >= 2**64  # at least 64 random bits (80)
    typed = code.replace("-", "").lower().replace("0", "o").replace("1", "l")
    assert canonical(typed) == code
    for variant in (code.lower(), code.replace("-", " "), typed):
        assert client.get(f"/verify/{variant}/").status_code == 200, variant
    # Typed on the public form: led to the certificate's page.
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == f"/verify/{code}/"
    wrong = client.get("/verify/", {"code": "7KQ3-X9PM-2ABC-DEFG"})
    assert wrong.status_code == 404
    assert "Không có giấy khen nào mang mã này" in wrong.content.decode()


def test_codes_of_the_first_version_keep_working(client, clerk):
    from awards.services import issue_decision
    from tests.factories import CommendationFactory

    line = CommendationFactory()
    issue_decision(line.decision, clerk)
    from awards.models import writing_frozen_records

    old = "Ab3_dE5-fG7hIj9kLm1nOp"  # 22 URL-safe characters, as printed before
    with writing_frozen_records():  # a certificate printed by the first version
        Commendation.objects.filter(pk=line.pk).update(verification_code=old)
    assert client.get(f"/verify/{old}/").status_code == 200
    assert client.get(f"/verify/{old.lower()}/").status_code == 404  # it was case-sensitive


def test_the_public_check_is_rate_limited(client, clerk):
    from awards.views import CHECKS_PER_MINUTE

    for _ in range(CHECKS_PER_MINUTE):
        assert client.get("/verify/KHONG-CO-MA-NAY/").status_code == 404
    limited = client.get("/verify/KHONG-CO-MA-NAY/")
    assert limited.status_code == 429
    assert "Quá nhiều lượt tra cứu" in limited.content.decode()
    # Another address is not limited.
    assert client.get("/verify/KHONG-CO-MA-NAY/", REMOTE_ADDR="10.9.8.7").status_code == 404
