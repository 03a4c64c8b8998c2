import pytest

from awards import services
from awards.models import Commendation, Decision


@pytest.fixture
def line(demo):
    return (
        Commendation.objects.filter(recipient_type="individual").order_by("register_number").first()
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
