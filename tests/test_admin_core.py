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


def test_only_the_administrator_adds_a_second_commune(clerk_client, admin_client):
    CommuneFactory()
    assert clerk_client.get("/admin/emulation/commune/add/").status_code == 403
    response = clerk_client.post(
        "/admin/emulation/commune/add/", {"name": "Khác", "kind": "xã", "chairman_name": "X"}
    )
    assert response.status_code == 403
    assert Commune.objects.count() == 1
    # The administrator onboards it (tests/test_onboarding.py).
    assert admin_client.get("/admin/emulation/commune/add/").status_code == 200
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


@pytest.mark.django_db
def test_figures_show_the_precision_entered_in_lists_and_read_only_fields(client):
    """Django pads a decimal column to its places ("5.018,6000"); we show "5.018,6"."""
    from decimal import Decimal

    from awards.models import AwardRule
    from tests.factories import TargetFactory, leader

    target = TargetFactory(
        plan_value=Decimal("5000"), actual_value=Decimal("5018.6"), name="Tổng sản lượng"
    )
    client.force_login(leader())
    listing = client.get("/admin/targets/target/").content.decode()
    assert 'field-actual_value">5.018,6<' in listing and "5.018,6000" not in listing
    page = client.get(f"/admin/targets/target/{target.pk}/change/").content.decode()
    assert '<div class="readonly">5.018,6</div>' in page
    rules = client.get("/admin/awards/awardrule/").content.decode()
    assert AwardRule.objects.filter(individual_coefficient=Decimal("0.3")).exists()
    assert ">0,3<" in rules and "0,300" not in rules
