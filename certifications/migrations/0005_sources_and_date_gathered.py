"""Each certification names the pages its facts came from (CertificationSource); the date field says when the facts
were gathered, not that anyone checked them later; the link to the body's page is the "official page" readers confirm
things on, not a source. Eligibility may be blank until it has a source. Renames keep the data."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('certifications', '0004_history_of_shipped_certifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name='certification', old_name='source_url', new_name='official_url'),
        migrations.RenameField(model_name='certification', old_name='facts_checked_on', new_name='facts_gathered_on'),
        migrations.RenameField(model_name='historicalcertification', old_name='source_url', new_name='official_url'),
        migrations.RenameField(
            model_name='historicalcertification', old_name='facts_checked_on', new_name='facts_gathered_on'
        ),
        migrations.AlterField(
            model_name='certification',
            name='eligibility',
            field=models.TextField(blank=True, help_text='Leave blank until you have the rules from a source; the page then sends readers to the body.'),
        ),
        migrations.AlterField(
            model_name='certification',
            name='facts_gathered_on',
            field=models.DateField(help_text='When the facts were taken from the sources listed below. Change it only when you gather them again.'),
        ),
        migrations.AlterField(
            model_name='certification',
            name='official_url',
            field=models.URLField(blank=True, help_text="The certifying body's own page for this credential, where readers confirm the current rules. It is not a source of the facts unless it is also listed under Sources. Blank: the page links to the body's site.", max_length=500, verbose_name='official page'),
        ),
        migrations.AlterField(
            model_name='historicalcertification',
            name='eligibility',
            field=models.TextField(blank=True, help_text='Leave blank until you have the rules from a source; the page then sends readers to the body.'),
        ),
        migrations.AlterField(
            model_name='historicalcertification',
            name='facts_gathered_on',
            field=models.DateField(help_text='When the facts were taken from the sources listed below. Change it only when you gather them again.'),
        ),
        migrations.AlterField(
            model_name='historicalcertification',
            name='official_url',
            field=models.URLField(blank=True, help_text="The certifying body's own page for this credential, where readers confirm the current rules. It is not a source of the facts unless it is also listed under Sources. Blank: the page links to the body's site.", max_length=500, verbose_name='official page'),
        ),
        migrations.CreateModel(
            name='HistoricalCertificationSource',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('title', models.CharField(help_text='What the page is, e.g. "Certification FAQ".', max_length=300)),
                ('publisher', models.CharField(help_text='Whose site it is on, e.g. "AHIMA" or "healthcom.info".', max_length=200)),
                ('url', models.URLField(max_length=500)),
                ('kind', models.CharField(choices=[('official', "The certifying body's own page"), ('copy', "A copy of the certifying body's page, not on its public site"), ('secondary', "Secondary: another organization's account")], default='official', max_length=20)),
                ('page_date', models.CharField(blank=True, help_text='The date or period the page gives for itself, e.g. "2019-2020".', max_length=100)),
                ('may_be_out_of_date', models.BooleanField(default=False, help_text='An older version of a page, or one that states the facts for an earlier year.')),
                ('facts', models.CharField(help_text='The facts taken from it, as the page lists them: "the exam fee and pass mark".', max_length=300)),
                ('covers', models.JSONField(blank=True, default=list, help_text='The parts of the certification page those facts appear in.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('certification', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='certifications.certification')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical certification source',
                'verbose_name_plural': 'historical certification sources',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='CertificationSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('title', models.CharField(help_text='What the page is, e.g. "Certification FAQ".', max_length=300)),
                ('publisher', models.CharField(help_text='Whose site it is on, e.g. "AHIMA" or "healthcom.info".', max_length=200)),
                ('url', models.URLField(max_length=500)),
                ('kind', models.CharField(choices=[('official', "The certifying body's own page"), ('copy', "A copy of the certifying body's page, not on its public site"), ('secondary', "Secondary: another organization's account")], default='official', max_length=20)),
                ('page_date', models.CharField(blank=True, help_text='The date or period the page gives for itself, e.g. "2019-2020".', max_length=100)),
                ('may_be_out_of_date', models.BooleanField(default=False, help_text='An older version of a page, or one that states the facts for an earlier year.')),
                ('facts', models.CharField(help_text='The facts taken from it, as the page lists them: "the exam fee and pass mark".', max_length=300)),
                ('covers', models.JSONField(blank=True, default=list, help_text='The parts of the certification page those facts appear in.')),
                ('certification', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sources', to='certifications.certification')),
            ],
            options={
                'ordering': ['certification', 'order', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['official', 'copy', 'secondary'])), name='certification_source_kind_valid')],
            },
        ),
    ]
