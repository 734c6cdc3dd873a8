"""Every write records who did what and when, in the same transaction."""

import pytest
from django.db import transaction

from clearinghouse.audit.log import record
from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import State

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        record("tests", "registry.test")


def test_entries_are_never_changed():
    with transaction.atomic():
        entry = record("tests", "registry.test")
    entry.action = "rewritten"
    with pytest.raises(ValueError):
        entry.save()


def test_an_admin_edit_is_audited_with_its_author(client_for, personas):
    client = client_for("expert")
    state = State.objects.get(iso3="KAZ")
    page = client.get(f"/admin/registry/state/{state.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(official_name="Republic of Kazakhstan (edited)", admitted="1992-03-02")
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(formset.initial_forms)
        data[f"{prefix}-MIN_NUM_FORMS"], data[f"{prefix}-MAX_NUM_FORMS"] = 0, 1000
        for i, f in enumerate(formset.initial_forms):
            for name in f.fields:
                value = f.initial.get(name, getattr(f.instance, name, None))
                value = getattr(value, "pk", value)
                data[f"{prefix}-{i}-{name}"] = "" if value is None else value
    response = client.post(f"/admin/registry/state/{state.pk}/change/", data)
    if response.status_code != 302:
        errors = [response.context["adminform"].form.errors] + [
            fs.formset.errors for fs in response.context["inline_admin_formsets"]
        ]
        raise AssertionError(errors)
    entry = AuditEntry.objects.filter(action="registry.state.changed").first()
    assert entry.actor == personas["expert"]
    assert entry.changes["official_name"] == "Republic of Kazakhstan (edited)"


def test_a_failed_change_leaves_no_audit_row():
    before = AuditEntry.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        record("tests", "registry.test")
        1 / 0  # noqa: B018
    assert AuditEntry.objects.count() == before
