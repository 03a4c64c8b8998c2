"""Every admin page a clerk, leader or hamlet head can reach reads in Vietnamese."""

import html
import re
from pathlib import Path

import polib
import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from pledges.models import Pledge

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = {"emulation", "targets", "pledges", "awards"}
# English words that only an untranslated label would put on a page.
ENGLISH = re.compile(
    r"\b(the|and|with|for|from|Add|Change|Delete|Save|Search|Filter|Select|Show|Hide|History|"
    r"Import|Export|Unknown|None|Yes|Home|View|action|selected|counts|Error|Draft|Issued|"
    r"Approved|Submit|Signed|Status|Target|Unit|Decision|Pledge|Movement|Commune|Award|"
    r"Toggle|theme|Skip|Please|correct|Choose|Welcome|Page|Server|This|password|short)\b"
)


def _msgids():
    catalog = polib.pofile(str(ROOT / "locale/vi/LC_MESSAGES/django.po"))
    return [
        e.msgid
        for e in catalog
        if len(e.msgid) >= 6 and e.msgid != e.msgstr and "%" not in e.msgid and "{" not in e.msgid
    ]


def _visible_text(body):
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", body)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def _urls(user, user_is_office):
    urls = ["/admin/", "/admin/password_change/"]
    for pledge in Pledge.objects.filter(unit__users=user):
        urls += [
            reverse("admin:pledges_pledge_change", args=[pledge.pk]),
            reverse("admin:pledges_pledge_history", args=[pledge.pk]),
        ]
    if user_is_office:
        urls += [
            "/admin/reports/?year=2022",
            "/admin/reports/?year=2023",
            "/admin/targets/target/report/2022/",
            "/admin/pledges/pledge/ranking/2023/",
            "/admin/targets/target/import/",
            "/admin/targets/target/export/",
            "/admin/pledges/pledgeitem/import/",
            "/admin/awards/commendation/import/",
        ]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        urls += [reverse(f"{base}_changelist"), reverse(f"{base}_add")]
        first = model_admin.model._default_manager.order_by("pk").first()
        if first is not None:
            urls += [
                reverse(f"{base}_change", args=[first.pk]),
                reverse(f"{base}_history", args=[first.pk]),
            ]
    return urls


@pytest.mark.parametrize("username", ["vanphong", "lanhdao", "thon.lamgiang", "thon.kuke"])
def test_no_english_left_on_any_reachable_page(client, demo, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    office = username in ("vanphong", "lanhdao")
    msgids = _msgids()
    checked = 0
    for url in _urls(user, office):
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        checked += 1
        text = _visible_text(response.content.decode())
        left = [m for m in msgids if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text)]
        assert not left, (url, left[:5])
        match = ENGLISH.search(text)
        assert match is None, (url, text[max(0, match.start() - 60) : match.end() + 60])
    assert checked >= (40 if office else 5)


def _assert_vietnamese(url, response):
    text = _visible_text(response.content.decode())
    left = [m for m in _msgids() if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text)]
    assert not left, (url, left[:5])
    match = ENGLISH.search(text)
    assert match is None, (url, text[max(0, match.start() - 60) : match.end() + 60])
    assert "Django" not in text, url


@pytest.mark.django_db
def test_error_pages_and_form_errors_read_in_vietnamese(client, settings):
    settings.DEBUG = False
    from tests import factories

    factories.CommuneFactory()
    client.force_login(factories.hamlet_head(factories.UnitFactory()))
    missing = client.get("/admin/targets/target/999999/change/")
    assert missing.status_code in (403, 404)
    _assert_vietnamese("missing row", missing)
    not_found = client.get("/khong-co-trang-nay/")
    assert not_found.status_code == 404 and "Không tìm thấy trang" in not_found.content.decode()
    _assert_vietnamese("404", not_found)
    forbidden = client.get("/admin/emulation/unitaccount/add/")
    assert forbidden.status_code == 403 and "Không được phép" in forbidden.content.decode()
    _assert_vietnamese("403", forbidden)
    client.logout()
    login = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert "Bạn hãy nhập đúng" in login.content.decode()
    _assert_vietnamese("login error", login)
    clerk = factories.clerk()
    client.force_login(clerk)
    form = client.post("/admin/emulation/unitaccount/add/", {"username": "", "full_name": ""})
    _assert_vietnamese("form errors", form)
    short = client.post(
        "/admin/password_change/",
        {"old_password": "x", "new_password1": "ab1", "new_password2": "ab1"},
    )
    _assert_vietnamese("password too short", short)
    assert "quá ngắn" in short.content.decode()
    assert "Vui lòng sửa lỗi bên dưới." in short.content.decode()


def test_server_error_page_reads_in_vietnamese():
    from django.template.loader import render_to_string

    body = render_to_string("500.html")
    assert "Lỗi máy chủ" in body and "dữ liệu không bị thay đổi" in body
    assert ENGLISH.search(_visible_text(body)) is None


def test_public_verification_pages_read_in_vietnamese(client, demo):
    from awards.models import Commendation

    code = Commendation.objects.exclude(verification_code="").first().verification_code
    for url in ("/verify/", f"/verify/{code}/", "/verify/KHONG-CO-MA-NAY/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        _assert_vietnamese(url, response)
