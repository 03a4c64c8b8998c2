"""Units and movements belong to a commune; a commune has its office's accounts.

The data of a single-commune installation move into its commune unchanged: every unit
and movement (and their history) joins the one commune, and the accounts of the office
groups become that commune's office accounts. An installation with units but no commune
row yet gets one named "(chưa nhập tên xã)" for the clerk to complete."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


OFFICE_GROUPS = ("Văn phòng", "Lãnh đạo")  # emulation.roles.CLERK, LEADER


def assign_commune(apps, schema_editor):
    Commune = apps.get_model("emulation", "Commune")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    owned = [
        apps.get_model("emulation", name)
        for name in ("Unit", "Movement", "HistoricalUnit", "HistoricalMovement")
    ]
    commune = Commune.objects.order_by("pk").first()
    if commune is None:
        if not any(model.objects.exists() for model in owned):
            return
        commune = Commune.objects.create(name="(chưa nhập tên xã)", kind="xã", chairman_name="")
    for model in owned:
        model.objects.filter(commune=None).update(commune=commune)
    commune.users.add(*User.objects.filter(groups__name__in=OFFICE_GROUPS).distinct())


class Migration(migrations.Migration):

    dependencies = [
        ('emulation', '0010_cache_table'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='commune',
            name='users',
            field=models.ManyToManyField(blank=True, help_text='The accounts of the commune office (clerks and leaders).', related_name='communes', to=settings.AUTH_USER_MODEL, verbose_name='office accounts'),
        ),
        migrations.AddField(
            model_name='historicalmovement',
            name='commune',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='emulation.commune', verbose_name='commune'),
        ),
        migrations.AddField(
            model_name='historicalunit',
            name='commune',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='emulation.commune', verbose_name='commune'),
        ),
        migrations.AddField(
            model_name='movement',
            name='commune',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='emulation.commune', verbose_name='commune'),
        ),
        migrations.AddField(
            model_name='unit',
            name='commune',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='emulation.commune', verbose_name='commune'),
        ),
        migrations.RunPython(assign_commune, migrations.RunPython.noop),
    ]
