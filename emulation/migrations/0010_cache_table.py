"""The database cache's table (settings.CACHES), made by ``migrate`` itself so that no
deployment step is forgotten; createcachetable leaves an existing table alone."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("emulation", "0009_registration_deadline")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
