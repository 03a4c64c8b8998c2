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
    pledge = Pledge.objects.get(movement__commune__name="Hàm Liêm", status="approved")
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
    (settings.MEDIA_ROOT / "stray.pdf").write_bytes(b"%PDF-1.4 not in the archive")
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


MANIFEST = '{"format": "thidua-backup", "version": 1}'


def _archive(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


@pytest.mark.parametrize(
    "members, problem",
    [
        ({"manifest.json": MANIFEST}, "thiếu tệp dữ liệu"),
        ({"manifest.json": MANIFEST, "data.xml": "<django-objects><object"}, "không đọc được"),
        (
            {
                "manifest.json": MANIFEST,
                "data.xml": '<django-objects version="1.0"><object model="khong.co" pk="1">'
                "</object></django-objects>",
            },
            "không đọc được",
        ),
        ({"manifest.json": "[1, 2]", "data.xml": "<django-objects/>"}, None),
    ],
    ids=["no data", "broken xml", "unknown model", "manifest not an object"],
)
def test_a_malformed_archive_is_named_in_vietnamese_and_changes_nothing(
    demo, tmp_path, members, problem
):
    before = _everything()
    archive = _archive(tmp_path / "hong.zip", members)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    message = str(refused.value)
    if problem is None:
        assert message == "Tệp này không phải là bản sao lưu của Thi đua."
    else:
        assert message.startswith("Bản sao lưu bị hỏng hoặc thiếu: ")
        assert problem in message and "Không có gì bị thay đổi" in message
    assert "Traceback" not in message
    assert _everything() == before


def test_a_truncated_archive_is_named_in_vietnamese(demo, tmp_path):
    before = _everything()
    whole = _archive(
        tmp_path / "du.zip",
        {"manifest.json": MANIFEST, "data.xml": "<django-objects/>" + " " * 50_000},
    )
    content = whole.read_bytes()
    # Damage the compressed data of data.xml, keeping the directory readable.
    start = content.index(b"data.xml") + len("data.xml")
    damaged = content[:start] + bytes(b ^ 0xFF for b in content[start : start + 200])
    damaged += content[start + 200 :]
    broken = tmp_path / "hong.zip"
    broken.write_bytes(damaged)
    with pytest.raises(CommandError, match="Bản sao lưu bị hỏng hoặc thiếu"):
        call_command("restore", str(broken))
    assert _everything() == before
