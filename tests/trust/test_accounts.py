"""The office looks after the hamlet heads' logins; nobody else does, and no page lets
the office make a superuser or an office account."""

import re

import pytest
from django.contrib.auth import get_user_model

from emulation.models import Unit
from emulation.roles import HAMLET_HEAD
from tests import factories

ADD = "/admin/emulation/unitaccount/add/"


def _login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def _slip_password(response):
    return re.search(r'<code id="handover-password">([^<]+)</code>', response.content.decode())[1]


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


@pytest.mark.django_db
def test_the_clerk_creates_a_hamlet_heads_account_and_hands_over_the_password(client):
    clerk = factories.clerk()
    unit = factories.UnitFactory(name="Thôn Lâm Giang")
    client.force_login(clerk)
    page = client.get(ADD).content.decode()
    for field in ("is_superuser", "groups", "user_permissions", "password"):
        assert f'name="{field}"' not in page
    response = client.post(
        ADD,
        {
            "username": "thon.lamgiang2",
            "full_name": "Nguyễn Văn An",
            "unit": unit.pk,
            "is_superuser": "on",  # not a field of the page: ignored
            "groups": "1",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Phiếu giao tài khoản" in body and "Nguyễn Văn An" in body and "Thôn Lâm Giang" in body
    password = _slip_password(response)
    account = get_user_model().objects.get(username="thon.lamgiang2")
    assert (account.last_name, account.first_name) == ("Nguyễn Văn", "An")
    assert not account.is_superuser and account.is_staff
    assert list(account.groups.values_list("name", flat=True)) == [HAMLET_HEAD]
    assert list(Unit.objects.filter(users=account)) == [unit]
    client.logout()
    assert client.login(username="thon.lamgiang2", password=password)
    assert "Xin chào, <strong>Nguyễn Văn An</strong>" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_taken_login_name_is_refused_in_vietnamese_and_nothing_is_made(client):
    unit = factories.UnitFactory()
    factories.hamlet_head(unit, username="thon.a")
    client.force_login(factories.clerk())
    before = get_user_model().objects.count()
    response = client.post(ADD, {"username": "THON.A", "full_name": "Lê Thị B", "unit": unit.pk})
    assert "Tên đăng nhập “THON.A” đã có người dùng" in response.content.decode()
    assert get_user_model().objects.count() == before


@pytest.mark.django_db
def test_the_clerk_resets_a_password_and_the_old_one_stops_working(client):
    head = factories.hamlet_head(factories.UnitFactory(), username="thon.b")
    head.set_password("Cu-mat-khau-2023")
    head.save()
    client.force_login(factories.clerk())
    url = f"/admin/emulation/unitaccount/{head.pk}/reset-password/"
    assert client.get(url).status_code == 405
    response = client.post(url)
    password = _slip_password(response)
    head.refresh_from_db()
    assert head.check_password(password) and not head.check_password("Cu-mat-khau-2023")


def test_the_clerk_lifts_a_lockout(client, demo, axes_on):
    response = _login(client, "thon.kuke", "sai")
    assert "Còn 4 lần thử: nhập sai nữa, tài khoản sẽ bị khoá 15 phút." in response.content.decode()
    for _ in range(4):
        response = _login(client, "thon.kuke", "sai")
    assert response.status_code == 429
    body = response.content.decode()
    assert "bị khoá 15 phút" in body and "Thi đua" in body and "Django" not in body
    head = get_user_model().objects.get(username="thon.kuke")
    clerk = get_user_model().objects.get(username="vanphong")
    office = client.__class__()
    office.force_login(clerk)
    page = office.get(f"/admin/emulation/unitaccount/{head.pk}/change/").content.decode()
    assert "Tài khoản này đang bị khoá" in page and "Mở khoá đăng nhập" in page
    response = office.post(f"/admin/emulation/unitaccount/{head.pk}/unlock/", follow=True)
    assert "đã có thể đăng nhập lại" in response.content.decode()
    assert _login(client, "thon.kuke", "HamLiem2023!").status_code == 302


@pytest.mark.django_db
def test_hamlet_heads_and_the_leader_cannot_manage_accounts(client):
    unit = factories.UnitFactory()
    head = factories.hamlet_head(unit, username="thon.c")
    other = factories.hamlet_head(factories.UnitFactory(), username="thon.d")
    for user in (head, factories.leader()):
        client.force_login(user)
        assert client.get(ADD).status_code == 403
        assert client.get("/admin/emulation/unitaccount/").status_code == 403
        for target in (head, other):
            for action in ("reset-password", "unlock"):
                url = f"/admin/emulation/unitaccount/{target.pk}/{action}/"
                assert client.post(url).status_code in (403, 404)
    # A hamlet head changes their own password on Django's own page, and only there.
    client.force_login(head)
    assert client.get("/admin/password_change/").status_code == 200
    assert client.get(f"/admin/auth/user/{other.pk}/password/").status_code in (403, 404)


@pytest.mark.django_db
def test_office_accounts_and_superusers_are_out_of_the_clerks_reach(client):
    clerk = factories.clerk()
    others = [factories.leader(), factories.clerk(), factories.UserFactory(is_superuser=True)]
    client.force_login(clerk)
    listing = client.get("/admin/emulation/unitaccount/").content.decode()
    for user in others:
        assert user.username not in listing
        base = f"/admin/emulation/unitaccount/{user.pk}"
        assert client.get(f"{base}/change/").status_code == 404
        assert client.post(f"{base}/reset-password/").status_code == 404
        assert client.post(f"{base}/change/", {"username": user.username}).status_code == 404
    # Django's own user pages, which could grant anything, stay closed to the clerk.
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(f"/admin/auth/user/{clerk.pk}/change/").status_code in (403, 404)
