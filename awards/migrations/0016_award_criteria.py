from django.db import migrations


def award_criteria(apps, schema_editor):
    """The titles' criteria for the office's checklist (awards/reference.py)."""
    from awards.reference import seed_award_criteria

    seed_award_criteria(lambda name: apps.get_model("awards", name))


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0015_registrations_and_criteria"),
    ]

    operations = [
        migrations.RunPython(award_criteria, migrations.RunPython.noop),
    ]
