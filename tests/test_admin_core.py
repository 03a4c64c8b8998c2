import pytest

from emulation.models import Commune
from tests.factories import CommuneFactory, UnitFactory


@pytest.mark.django_db
def test_login_page_is_vietnamese(client):
    body = client.get("/admin/login/").content.decode()
    assert "Đăng nhập" in body
    assert "Thi đua" in body


def test_clerk_sees_core_models_in_vietnamese(clerk_client):
    body = clerk_client.get("/admin/").content.decode()
    for label in ["Đơn vị", "Phong trào thi đua", "Xã"]:
        assert label in body
    UnitFactory(name="Thôn Lâm Giang")
    body = clerk_client.get("/admin/emulation/unit/").content.decode()
    assert "Thôn Lâm Giang" in body
    assert "Trưởng đơn vị" in body


def test_second_commune_cannot_be_added_in_admin(clerk_client, admin_client):
    CommuneFactory()
    assert admin_client.get("/admin/emulation/commune/add/").status_code == 403
    response = admin_client.post(
        "/admin/emulation/commune/add/", {"name": "Khác", "kind": "xã", "chairman_name": "X"}
    )
    assert response.status_code == 403
    assert Commune.objects.count() == 1
    commune = Commune.current()
    assert clerk_client.get(f"/admin/emulation/commune/{commune.pk}/change/").status_code == 200
    assert clerk_client.post(f"/admin/emulation/commune/{commune.pk}/delete/").status_code == 403


@pytest.mark.django_db
def test_commune_form_refuses_second_commune_with_vietnamese_message(admin_client):
    """Even if the add page is reached before the first row exists, the form validates."""
    response = admin_client.post(
        "/admin/emulation/commune/add/",
        {"name": "Hàm Liêm", "kind": "xã", "chairman_name": "Nguyễn Quang Minh"},
    )
    assert response.status_code == 302
    assert Commune.objects.count() == 1
