from django.db import migrations


def council_rules(apps, schema_editor):
    """The council's quorum and votes needed per award kind, seeded unconfirmed
    (awards/reference.py): no result is recorded until the clerk sets them from the
    province's regulation."""
    from awards.reference import seed_council_rules

    seed_council_rules(lambda name: apps.get_model("awards", name))


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0012_nominations_and_council"),
    ]

    operations = [
        migrations.RunPython(council_rules, migrations.RunPython.noop),
    ]
