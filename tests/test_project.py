"""Project-wide guarantees: migrations committed, translations complete and compiled."""

import gettext
import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = ROOT / "locale" / "vi" / "LC_MESSAGES"


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_message_is_translated_and_compiled(domain):
    po = MESSAGES / f"{domain}.po"
    catalog = polib.pofile(str(po))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid
        for e in catalog.translated_entries()
        if not e.msgid_plural and compiled.gettext(e.msgid) != e.msgstr
    ]
    assert not stale, f"{domain}.mo is older than {domain}.po: {stale[:5]}"


def test_root_leads_to_admin(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_user_guide_images_exist():
    guide = (ROOT / "docs" / "huong-dan-su-dung.md").read_text()
    images = re.findall(r"\]\((images/[^)]+)\)", guide)
    assert len(images) >= 8
    for image in images:
        assert (ROOT / "docs" / image).is_file(), image
