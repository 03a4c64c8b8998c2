import io
import zipfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from pledges.models import Pledge

SKIP = {"sessions", "contenttypes", "axes"}


def _everything():
    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIP or model._meta.label == "auth.Permission":
            continue
        tables[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return tables


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# Committed rows, as in real use: PostgreSQL refuses to TRUNCATE tables written earlier in
# the same transaction, which a test's own wrapping transaction would be.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_wipe_restore_round_trip(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    pledge = Pledge.objects.get(status="approved")
    pledge.document.save("scan.pdf", ContentFile("%PDF-1.4 bản quét".encode()), save=True)
    before, files = _everything(), _files(settings.MEDIA_ROOT)
    assert files and sum(len(rows) for rows in before.values()) > 200

    archive = tmp_path / "thidua.zip"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Đã sao lưu" in out.getvalue()
    with zipfile.ZipFile(archive) as opened:
        assert {"manifest.json", "data.xml"} <= set(opened.namelist())

    call_command("flush", interactive=False, verbosity=0)
    for path in settings.MEDIA_ROOT.rglob("*"):
        if path.is_file():
            path.unlink()
    assert _everything() != before

    call_command("restore", str(archive), stdout=io.StringIO())
    assert _everything() == before
    assert _files(settings.MEDIA_ROOT) == files


def test_restore_refuses_a_foreign_or_unsafe_file_and_changes_nothing(demo, tmp_path):
    before = _everything()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="không phải là bản sao lưu"):
        call_command("restore", str(bad))
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("manifest.json", '{"format": "thidua-backup", "version": 1}')
        archive.writestr("data.xml", "<django-objects/>")
        archive.writestr("media/../../etc/passwd", "x")
    with pytest.raises(CommandError, match="tên tệp không an toàn"):
        call_command("restore", str(evil))
    assert _everything() == before
