"""The numbering constraints per commune and year (a migration of their own: PostgreSQL
does not alter a table that has rows changed earlier in the same transaction)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0020_numbers_per_commune"),
    ]

    operations = [
        migrations.AlterField(
            model_name="registercounter",
            name="commune",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="emulation.commune",
                verbose_name="commune",
            ),
        ),
        migrations.AddConstraint(
            model_name="commendation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("register_number__isnull", False)),
                fields=("register_commune", "register_year", "register_number"),
                name="commendation_register_number_unique_per_commune_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("number_year__isnull", False)),
                fields=("number_commune", "number_year", "number"),
                name="decision_number_unique_per_commune_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="registercounter",
            constraint=models.UniqueConstraint(
                fields=("commune", "year"), name="register_counter_unique_per_commune_year"
            ),
        ),
    ]
