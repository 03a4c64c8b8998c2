import re

import pytest

from awards.models import Commendation, Decision
from pledges.models import Pledge
from targets.models import Target

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


def _login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def test_failed_logins_lock_the_account_from_that_address(client, demo, axes_on):
    for _ in range(4):
        response = _login(client, "vanphong", "sai-mat-khau")
        assert response.status_code == 200
        assert "Bạn hãy nhập đúng" in response.content.decode()
    assert _login(client, "vanphong", "sai-mat-khau").status_code == 429  # the fifth
    response = _login(client, "vanphong", "HamLiem2023!")  # right password, too late
    assert response.status_code == 429
    assert "nên bị khoá 15 phút" in response.content.decode()
    # Another account from the same address is not locked; the same account from
    # another address is not either.
    assert _login(client, "lanhdao", "HamLiem2023!").status_code == 302
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "vanphong", "password": "HamLiem2023!"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302


def test_success_resets_the_count(client, demo, axes_on):
    for _ in range(4):
        _login(client, "thon.kuke", "sai")
    assert _login(client, "thon.kuke", "HamLiem2023!").status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "thon.kuke", "sai")
    assert _login(client, "thon.kuke", "HamLiem2023!").status_code == 302


def test_session_expires_and_cookies_are_guarded(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= set(names)


def _pages(demo_ids):
    target, pledge, decision, line = demo_ids
    return [
        "/admin/",
        "/admin/targets/target/",
        f"/admin/targets/target/{target}/change/",
        "/admin/targets/target/report/2022/",
        "/admin/targets/target/import/",
        "/admin/targets/target/export/",
        "/admin/pledges/pledge/",
        f"/admin/pledges/pledge/{pledge}/change/",
        "/admin/pledges/pledge/ranking/2023/",
        "/admin/pledges/pledgeitem/",
        "/admin/awards/decision/",
        f"/admin/awards/decision/{decision}/change/",
        "/admin/awards/commendation/",
        "/admin/targets/historicaltarget/",
        f"/admin/targets/target/{target}/history/",
        "/admin/emulation/unit/add/",
    ]


@pytest.fixture
def demo_ids(demo):
    return (
        Target.objects.filter(movement__commune__name="Hàm Liêm").first().pk,
        Pledge.objects.filter(movement__commune__name="Hàm Liêm").first().pk,
        Decision.objects.filter(movement__commune__name="Hàm Liêm").first().pk,
        Commendation.objects.filter(decision__movement__commune__name="Hàm Liêm")
        .first()
        .verification_code,
    )


def test_pages_load_under_the_content_security_policy(clerk_client, demo_ids):
    from django.test import Client

    client = Client()
    for url in _pages(demo_ids):
        response = clerk_client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert not INLINE_SCRIPT.findall(response.content.decode()), url
    for url in ["/admin/login/", f"/verify/{demo_ids[3]}/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert not INLINE_SCRIPT.findall(response.content.decode()), url


def test_security_headers(client):
    response = client.get("/admin/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _login_via_proxy(client, forwarded_for, password="sai-mat-khau"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "vanphong", "password": password},
        REMOTE_ADDR="127.0.0.1",  # the reverse proxy on the same machine
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_one_proxy_each_client_is_counted_by_its_own_address(
    client, demo, axes_on, settings
):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        _login_via_proxy(client, "203.0.113.5")
    assert _login_via_proxy(client, "203.0.113.5", "HamLiem2023!").status_code == 429
    # The clerk in the commune office, behind the same proxy, is not locked out.
    assert _login_via_proxy(client, "198.51.100.7", "HamLiem2023!").status_code == 302
    # A forged header is only the client's own left part: the proxy's entry counts.
    forged = _login_via_proxy(client, "198.51.100.7, 203.0.113.5", "HamLiem2023!")
    assert forged.status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(client, demo, axes_on):
    for n in range(5):
        _login_via_proxy(client, f"203.0.113.{n}")  # a new address each time: ignored
    assert _login_via_proxy(client, "198.51.100.7", "HamLiem2023!").status_code == 429
