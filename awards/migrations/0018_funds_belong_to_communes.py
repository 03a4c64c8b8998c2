"""A fund is its commune's: the funds of a single-commune installation join that commune
(0019 then requires it, apart, as PostgreSQL does not alter a table in the transaction
that updated its rows)."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def assign_commune(apps, schema_editor):
    Commune = apps.get_model("emulation", "Commune")
    owned = [apps.get_model("awards", name) for name in ("Fund", "HistoricalFund")]
    if not owned[0].objects.exists():
        return
    commune = Commune.objects.order_by("pk").first() or Commune.objects.create(
        name="(chưa nhập tên xã)", kind="xã", chairman_name=""
    )
    for model in owned:
        model.objects.filter(commune=None).update(commune=commune)


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0017_signed_decisions'),
        ('emulation', '0012_commune_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='fund',
            name='commune',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='emulation.commune', verbose_name='commune'),
        ),
        migrations.AddField(
            model_name='historicalfund',
            name='commune',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='emulation.commune', verbose_name='commune'),
        ),
        migrations.RunPython(assign_commune, migrations.RunPython.noop),
    ]
