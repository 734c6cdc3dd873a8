from django.db import migrations


class Migration(migrations.Migration):
    """Two reports of additional information may carry one date (a report and its annex); the
    actions refuse the same title twice on one day instead."""

    dependencies = [("reporting", "0002_versioned_revision_and_last_change")]

    operations = [
        migrations.RemoveConstraint(model_name="nationalreport", name="unique_report_per_state_kind_date"),
    ]
