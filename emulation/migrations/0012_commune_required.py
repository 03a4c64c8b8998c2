"""The commune's ownership made binding, once every row has its commune (0011; apart, as
PostgreSQL does not alter a table in the transaction that updated its rows): units and
movements need a commune; names of units and years of movements are unique within one."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("emulation", "0011_communes_own_units_and_movements")]

    operations = [
        migrations.AlterField(
            model_name='historicalmovement',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year'),
        ),
        migrations.AlterField(
            model_name='historicalunit',
            name='name',
            field=models.CharField(max_length=150, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='movement',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year'),
        ),
        migrations.AlterField(
            model_name='unit',
            name='name',
            field=models.CharField(max_length=150, verbose_name='name'),
        ),
        migrations.AddConstraint(
            model_name='movement',
            constraint=models.UniqueConstraint(fields=('commune', 'year'), name='movement_year_unique_per_commune', violation_error_message='The commune already has a movement for this year.'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.UniqueConstraint(fields=('commune', 'name'), name='unit_name_unique_per_commune', violation_error_message='The commune already has a unit with this name.'),
        ),
        migrations.AlterField(
            model_name='movement',
            name='commune',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='emulation.commune', verbose_name='commune'),
        ),
        migrations.AlterField(
            model_name='unit',
            name='commune',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='emulation.commune', verbose_name='commune'),
        ),
    ]
