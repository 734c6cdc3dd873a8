"""Load the matrix template shipped in data/template-v1.json (idempotent)."""

from django.db import migrations


def load(apps, schema_editor):
    from clearinghouse.matrix.template import load_template

    load_template(apps)


class Migration(migrations.Migration):
    dependencies = [("matrix", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
