"""The audit log applies each target's own visibility (decided in clearinghouse/audit/rules.py).

The finding: the audit page and API showed Committee members the titles of expert-only draft
events (an entry copies its target's name). Decision: an entry whose target the reader may not
see is left out entirely; an entry about no record is shown to staff; an entry whose target was
deleted, or whose model has no scope rule, is shown to experts only. Checked for every model
with a scope rule, on the page and in the API.
"""

import pytest
from django.db import transaction

from clearinghouse.accounts import permissions
from clearinghouse.audit.log import record
from clearinghouse.audit.models import AuditEntry
from clearinghouse.outreach import actions as outreach
from clearinghouse.registry.models import Organisation, ReferenceLoad, State
from tests.confidential_world import PUBLIC_MODELS, READERS, build, mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = build(settings.MEDIA_ROOT)
    # One probe entry per record of the world, and one per public model.
    probes = {}
    records = {}
    for secret in w.secrets:
        if secret.label != "audit.auditentry":  # nothing writes an entry about an entry
            records.setdefault((secret.label, secret.record.pk), secret)
    public = [State.objects.get(iso3="KAZ"), Organisation.objects.get(code="OSCE"),
              State.objects.get(iso3="KAZ").memberships.first()]
    from clearinghouse.matrix.models import Field, MatrixTemplate, Section
    from clearinghouse.outreach.models import EventSeries

    series = EventSeries.objects.create(name="Central Asian meetings")
    public += [MatrixTemplate.objects.first(), Section.objects.first(), Field.objects.first(),
               series]
    with transaction.atomic():
        for i, (_key, secret) in enumerate(sorted(records.items(), key=lambda kv: kv[0])):
            marker = mark(f"probe{i}")
            record("tests", "tests.probe", secret.record, {"text": marker}, label=marker)
            probes[marker] = secret.allowed
        for i, obj in enumerate(public):
            marker = mark(f"public{i}")
            record("tests", "tests.probe", obj, {"text": marker}, label=marker)
            probes[marker] = frozenset(READERS)
    covered = {s.label for s in w.secrets} | {o._meta.label_lower for o in public}
    return w, probes, covered


def test_the_probes_cover_every_model_with_a_scope_rule(world):
    _w, probes, covered = world
    assert covered >= set(permissions.SCOPES) - {"audit.auditentry"} | PUBLIC_MODELS
    hidden_from_committee = [m for m, allowed in probes.items() if "committee" not in allowed]
    assert len(hidden_from_committee) >= 6  # a draft event and its parts, an account


@pytest.mark.parametrize("reader", READERS)
def test_each_entry_follows_its_target(world, reader):
    w, probes, _covered = world
    user = w.readers[reader]
    seen = set(AuditEntry.objects.visible_to(user).filter(action="tests.probe")
               .values_list("target_label", flat=True))
    if reader == "expert":
        expected = set(probes)
    elif reader == "committee":
        expected = {m for m, allowed in probes.items() if "committee" in allowed}
    else:
        expected = set()  # the log is for experts and Committee members
    assert seen == expected


def test_the_committees_page_and_api_show_no_entry_about_a_record_it_may_not_see(world,
                                                                                  client):
    w, probes, _covered = world
    client.force_login(w.readers["committee"])
    page = client.get("/audit/?action=tests.probe").content.decode()
    api = client.get("/api/audit/?limit=1000", HTTP_ACCEPT="application/json").content.decode()
    everything = client.get("/audit/").content.decode() + client.get(
        "/api/audit/?limit=1000").content.decode()
    for marker, allowed in probes.items():
        assert (marker in page) == ("committee" in allowed), marker
        assert (marker in api) == ("committee" in allowed), marker
    # Entries the actions wrote themselves (a draft's creation names the draft) are left out too.
    for secret in w.forbidden("committee"):
        assert secret.marker not in everything, secret.marker
    assert mark("confirmedevent") in everything and mark("circulated") in everything


def test_deleted_targets_and_models_without_a_rule_are_for_experts(world, personas):
    w, _probes, _covered = world
    event = outreach.create_event("tests", title="Briefing to be deleted")
    outreach.confirm("tests", event)
    with transaction.atomic():
        record("tests", "tests.gone", event, {}, label="gone-event")
        load = ReferenceLoad.objects.create(fingerprint="x" * 8)
        record("tests", "tests.norule", load, {}, label="no-rule")
    committee = AuditEntry.objects.visible_to(w.readers["committee"])
    assert committee.filter(target_label="gone-event").exists()
    event.delete()
    assert not committee.filter(target_label="gone-event").exists()
    assert not committee.filter(target_label="no-rule").exists()
    expert = AuditEntry.objects.visible_to(w.readers["expert"])
    assert expert.filter(target_label__in=["gone-event", "no-rule"]).count() == 2
