import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _clean_environment():
    """This process's environment without what only the test run itself sets."""
    dropped = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    return {k: v for k, v in os.environ.items() if k not in dropped}


def _setting(expression, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "emulation.settings"
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_sqlite_file_in_project_folder_by_default():
    engine = _setting("settings.DATABASES['default']['ENGINE']")
    name = _setting("settings.DATABASES['default']['NAME']")
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "db.sqlite3"


def test_database_url_is_honoured():
    url = "postgres://thidua:secret@127.0.0.1:5433/thidua"
    assert _setting("settings.DATABASES['default']['ENGINE']", DATABASE_URL=url) == (
        "django.db.backends.postgresql"
    )
    assert _setting("settings.DATABASES['default']['PORT']", DATABASE_URL=url) == "5433"
    assert _setting("settings.DATABASES['default']['NAME']", DATABASE_URL=url) == "thidua"


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 30 + "-production-key-" + "y" * 30,
    "ALLOWED_HOSTS": "thidua.example.vn",
    "SITE_URL": "https://thidua.example.vn",
}


def _deploy_check(**env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL")
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="emulation.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("site_url", [None, "http://127.0.0.1:8000", "https://localhost"])
def test_deploy_check_fails_without_a_public_site_url(site_url):
    env = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}
    if site_url:
        env["SITE_URL"] = site_url
    result = _deploy_check(**env)
    assert result.returncode != 0
    assert "thidua.E001" in result.stderr + result.stdout
    assert "mã QR của mọi giấy khen" in result.stderr + result.stdout


def test_production_settings_are_secure_and_deploy_check_is_clean():
    env = PRODUCTION
    assert _setting("settings.SECURE_SSL_REDIRECT", **env) == "True"
    assert _setting("settings.SESSION_COOKIE_SECURE", **env) == "True"
    result = _deploy_check(**env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_from_environment():
    assert _setting("settings.DEBUG", DEBUG="1") == "True"
    assert _setting("settings.DEBUG", DEBUG="") == "False"


def test_deploy_check_names_signing_files_that_are_not_there(tmp_path):
    result = _deploy_check(
        **PRODUCTION,
        SIGNATURE_TRUST_ROOTS=str(tmp_path / "khong-co"),
        ORGANISATION_CERTIFICATE=str(tmp_path / "coquan.p12"),
    )
    output = result.stderr + result.stdout
    assert result.returncode != 0 and output.count("thidua.E002") == 3
    assert f"SIGNATURE_TRUST_ROOTS={tmp_path / 'khong-co'} không phải là một thư mục." in output
    assert f"ORGANISATION_CERTIFICATE={tmp_path / 'coquan.p12'} không phải là một tệp." in output
    assert "ORGANISATION_SEAL_IMAGE= không phải là một tệp." in output


def test_files_go_to_s3_compatible_storage_when_chosen():
    expression = (
        "(lambda s: (type(s).__name__, s.bucket_name, s.url('quet/ban-quet.pdf').split('?')[0]))"
        "(__import__('django.core.files.storage', fromlist=['storages']).storages['default'])"
    )
    chosen = _setting(
        expression,
        FILE_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="thidua-tinh",
        AWS_S3_ENDPOINT_URL="https://s3.tinh.example.vn",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="khoa",
        AWS_SECRET_ACCESS_KEY="bi-mat",
    )
    # A private bucket: the address is signed (checked offline, no request is made).
    assert chosen == str(
        ("S3Storage", "thidua-tinh", "https://s3.tinh.example.vn/thidua-tinh/quet/ban-quet.pdf")
    )
    assert _setting("settings.STORAGES['default']['BACKEND']") == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_the_cache_app_servers_share_is_a_database_table():
    assert _setting("settings.CACHES['default']") == str(
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "thidua_cache"}
    )
