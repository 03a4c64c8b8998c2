"""A fund needs its commune; one fund per commune and year (after 0018)."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("awards", "0018_funds_belong_to_communes")]

    operations = [
        migrations.AlterField(
            model_name='fund',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000)], verbose_name='year'),
        ),
        migrations.AlterField(
            model_name='historicalfund',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000)], verbose_name='year'),
        ),
        migrations.AddConstraint(
            model_name='fund',
            constraint=models.UniqueConstraint(fields=('commune', 'year'), name='fund_year_unique_per_commune', violation_error_message='The commune already has a fund for this year.'),
        ),
        migrations.AlterField(
            model_name='fund',
            name='commune',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='emulation.commune', verbose_name='commune'),
        ),
    ]
