"""Decision and register numbers run per commune and year: an issued decision and each
numbered commendation keep the commune of their movement, and each commune has its own
year counters. A single-commune installation keeps every number as it was."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def number_within_communes(apps, schema_editor):
    Commune = apps.get_model("emulation", "Commune")
    Decision = apps.get_model("awards", "Decision")
    Commendation = apps.get_model("awards", "Commendation")
    RegisterCounter = apps.get_model("awards", "RegisterCounter")
    for commune in Commune.objects.all():
        Decision.objects.filter(movement__commune=commune, number_year__isnull=False).update(
            number_commune=commune
        )
        Commendation.objects.filter(
            decision__movement__commune=commune, register_number__isnull=False
        ).update(register_commune=commune)
    communes = list(Commune.objects.order_by("pk")[:2])
    if len(communes) == 1:
        RegisterCounter.objects.update(commune=communes[0])
    else:
        # No commune to give them: a counter is remade from the highest register number of
        # its commune and year the first time that commune issues in that year.
        RegisterCounter.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0019_fund_commune_required"),
        ("emulation", "0013_many_communes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="registercounter",
            options={
                "ordering": ["commune", "-year"],
                "verbose_name": "register counter",
                "verbose_name_plural": "register counters",
            },
        ),
        migrations.RemoveConstraint(
            model_name="commendation",
            name="commendation_register_number_unique_per_year",
        ),
        migrations.RemoveConstraint(
            model_name="decision",
            name="decision_number_unique_per_year",
        ),
        migrations.AddField(
            model_name="commendation",
            name="register_commune",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="emulation.commune",
                verbose_name="commune of the register",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="number_commune",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="emulation.commune",
                verbose_name="commune of the number",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommendation",
            name="register_commune",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="emulation.commune",
                verbose_name="commune of the register",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="number_commune",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="emulation.commune",
                verbose_name="commune of the number",
            ),
        ),
        migrations.AddField(
            model_name="registercounter",
            name="commune",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="emulation.commune",
                verbose_name="commune",
            ),
        ),
        migrations.AlterField(
            model_name="registercounter",
            name="year",
            field=models.PositiveSmallIntegerField(verbose_name="year"),
        ),
        migrations.RunPython(number_within_communes, migrations.RunPython.noop),
    ]
