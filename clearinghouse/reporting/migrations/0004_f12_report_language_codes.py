from django.db import migrations


def to_codes(apps, schema_editor):
    """Report languages written as names ("Russian", "Русский", "anglais") become ISO 639-1
    codes, like requests and offers; a text that names no language is kept as it was."""
    from clearinghouse.core.languages import code_for

    Report = apps.get_model("reporting", "NationalReport")
    for report in Report.objects.exclude(language="").only("pk", "language"):
        code = code_for(report.language)
        if code and code != report.language:
            Report.objects.filter(pk=report.pk).update(language=code)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_f12_reports_same_day")]

    operations = [migrations.RunPython(to_codes, migrations.RunPython.noop)]
