"""Shared start-up for the bench scripts: Django on a scratch database.

SQLite in a temporary file by default; PostgreSQL when DATABASE_URL is set (the script
then creates its own scratch database next to the one named, and drops it after).
"""

import atexit
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    # Issued certificates print their public address in the QR code (never a loopback one).
    os.environ.setdefault("SITE_URL", "https://thidua.example.vn")
    if not os.environ.get("DATABASE_URL"):
        scratch = Path(tempfile.mkdtemp(prefix="thidua-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.settings_dict["NAME"] = _scratch_postgres(connection)
    call_command("migrate", verbosity=0)
    return connection.vendor


def _scratch_postgres(connection):
    name = f"thidua_bench_{os.getpid()}"
    original = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()

    def drop():
        connection.close()
        connection.settings_dict["NAME"] = original
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.close()

    atexit.register(drop)
    return name


def machine():
    import platform

    return f"{os.cpu_count()} cores, Python {platform.python_version()}"


def measure(client, url, repeat):
    """Median milliseconds and the query count of ``repeat`` GETs of ``url`` (after one
    to warm the caches) through Django's test client."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, secure=True)
    times, queries = [], None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries
