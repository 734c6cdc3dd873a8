"""Matches keep their reasons as the engine's reason codes (shown in the reader's language).

Reasons stored before were English sentences: each becomes a "legacy" reason, shown as
written (there is no way back from a sentence to its code)."""

from django.db import migrations


def to_codes(apps, schema_editor):
    Match = apps.get_model("assistance", "Match")
    for match in Match.objects.all().only("pk", "reasons").iterator():
        reasons = match.reasons or []
        if any(isinstance(r, str) for r in reasons):
            match.reasons = [{"code": "legacy", "params": {"text": r}, "quotes": []}
                             if isinstance(r, str) else r for r in reasons]
            Match.objects.filter(pk=match.pk).update(reasons=match.reasons)


def to_sentences(apps, schema_editor):
    Match = apps.get_model("assistance", "Match")
    for match in Match.objects.all().only("pk", "reasons").iterator():
        reasons = match.reasons or []
        if any(isinstance(r, dict) and r.get("code") == "legacy" for r in reasons):
            Match.objects.filter(pk=match.pk).update(reasons=[
                r["params"].get("text", "") if isinstance(r, dict) and r.get("code") == "legacy"
                else r for r in reasons])


class Migration(migrations.Migration):

    dependencies = [("assistance", "0004_feedback")]

    operations = [migrations.RunPython(to_codes, to_sentences)]
