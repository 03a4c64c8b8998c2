"""Backup and restore of the whole installation: every table and every uploaded file.

An archive is a zip holding ``manifest.json``, ``data.xml`` (Django's portable XML
serialization, exact to the microsecond where its JSON rounds to milliseconds, with
natural keys for content types and permissions, so it loads into SQLite or PostgreSQL
alike) and ``media/…``. The data are read in one transaction while the app
keeps running: on PostgreSQL a REPEATABLE READ snapshot; on SQLite a read transaction,
during which writers wait a moment. No server needs stopping.
"""

import io
import json
import shutil
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from xml.sax import SAXException

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "thidua-backup"
VERSION = 1
# Sessions and login-attempt counters are not records worth restoring.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(Exception):
    pass


def _dump():
    out = io.StringIO()
    call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, format="xml", stdout=out)
    return out.getvalue()


def _snapshot():
    """Every table, read in one transaction: a consistent picture of a running system."""
    # Inside a caller's transaction (a test, a larger job) that transaction's view is used.
    fresh = not connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and fresh:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            elif connection.vendor == "sqlite":
                cursor.execute("SELECT count(*) FROM django_migrations")  # takes the read lock
        return _dump()


def media_files() -> list[str]:
    """The name of every uploaded file in the configured storage (a folder, shared by the
    app servers, or S3-compatible object storage): read through the storage, not a path."""
    names = []

    def walk(folder):
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:  # nothing was ever uploaded
            return
        names.extend(f"{folder}/{name}" if folder else name for name in files)
        for name in folders:
            walk(f"{folder}/{name}" if folder else name)

    walk("")
    return sorted(names)


def make_backup(path):
    """Write the archive to ``path``; returns the manifest."""
    path = Path(path)
    data = _snapshot()
    files = media_files()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "engine": connection.vendor,
        "rows": data.count("<object "),
        "media": files,
    }
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        archive.writestr("data.xml", data)
        for name in files:
            with default_storage.open(name, "rb") as source:
                with archive.open("media/" + name, "w", force_zip64=True) as target:
                    shutil.copyfileobj(source, target)
    partial.replace(path)  # never leave a half-written archive under the real name
    return manifest


@contextmanager
def _history_paused():
    """Loading rows back is not a change to record: the archive holds their history."""
    before = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = before


def _safe_media_name(name):
    relative = PurePosixPath(name).relative_to("media")
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(_("The archive holds an unsafe file name: %(name)s") % {"name": name})
    return relative


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(_("This file is not a Thi đua backup.")) from error
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or manifest.get("version") != VERSION
    ):
        raise BackupError(_("This file is not a Thi đua backup."))
    return manifest


def restore_backup(path):
    """Replace every table and the uploaded files with the archive's. All or nothing for the
    database; the files are swapped in only once the database is restored."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(_("This file is not a Thi đua backup.")) from error
    with archive, tempfile.TemporaryDirectory() as folder:
        manifest = read_manifest(archive)
        try:
            _restore_from(archive, Path(folder))
        except BackupError:
            raise
        except (
            KeyError,
            EOFError,
            OSError,
            ValueError,
            zipfile.BadZipFile,
            zlib.error,
            SAXException,
            DeserializationError,
            DatabaseError,
        ) as error:
            raise _damaged(error) from error
    return manifest


def _damaged(error):
    # One sentence the clerk can act on; the details stay in the exception chain.
    if isinstance(error, KeyError):
        problem = _("the data file is missing")
    elif isinstance(error, (zipfile.BadZipFile, EOFError, zlib.error, OSError)):
        problem = _("the compressed file is damaged")
    elif isinstance(error, DatabaseError):
        problem = _("its rows do not fit this version of the database")
    else:
        problem = _("its data cannot be read")
    return BackupError(
        _(
            "The backup archive is damaged or incomplete: %(problem)s. Nothing was changed; "
            "use another copy of the backup."
        )
        % {"problem": problem}
    )


def _restore_from(archive, folder):
    """Stage the files, restore the database in one transaction, then swap the files."""
    names = [n for n in archive.namelist() if n.startswith("media/") and not n.endswith("/")]
    staged = folder / "media"
    for name in names:
        target = staged / _safe_media_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(name) as source, open(target, "wb") as handle:
            shutil.copyfileobj(source, handle)
    fixture = folder / "data.xml"
    fixture.write_bytes(archive.read("data.xml"))
    # Every row is read once before anything is flushed: a broken archive stops here.
    with open(fixture, "rb") as stream:
        for _row in serializers.deserialize("xml", stream, handle_forward_references=True):
            pass
    with transaction.atomic(), _history_paused():
        call_command("flush", interactive=False, verbosity=0)
        # flush re-creates content types, permissions and the role groups (under new
        # ids); the archive brings the groups back as they were, so make room for them.
        Group.objects.all().delete()
        call_command("loaddata", str(fixture), verbosity=0)
    for name in media_files():
        default_storage.delete(name)
    for path in sorted(staged.rglob("*")) if staged.exists() else []:
        if path.is_file():
            with open(path, "rb") as handle:
                default_storage.save(path.relative_to(staged).as_posix(), File(handle))
