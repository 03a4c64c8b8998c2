"""Reference data a commune needs on day one (see awards/reference.py)."""

from django.db import migrations

from awards.reference import seed


def load(apps, schema_editor):
    seed(apps.get_model("awards", "BaseSalary"), apps.get_model("awards", "LegalBasis"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
