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
    r"Approved|Submit|Signed|Status|Target|Unit|Decision|Pledge|Movement|Commune|Award)\b"
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
