"""No silent lost update in the admin: two experts open the same change form; A saves; B's
save is refused with the comparison table, B's input kept, nothing overwritten. Versioned
records compare their revision; the others (the registry) a fingerprint of their values."""

import datetime as dt

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.audit.models import AuditEntry
from clearinghouse.matrix import actions as matrix
from clearinghouse.matrix.models import Cell
from clearinghouse.registry.models import State
from clearinghouse.reporting.models import NationalReport
from tests.conftest import make_user

from .helpers import client_of, revision_in

pytestmark = pytest.mark.django_db


def admin_data(response, **changes) -> dict:
    """What the admin's change form submits as rendered (inlines included)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(getattr(value, "pk", value))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for item in formset.forms:
            for name in item.fields:
                value = item[name].value()
                data[item.add_prefix(name)] = "" if value is None else str(getattr(value, "pk", value))
    data.update(changes)
    return data


def _two_experts(personas):
    return client_of(personas["expert"]), client_of(make_user("expert-b", Role.EXPERT))


def test_a_versioned_record(personas):
    report = NationalReport.objects.create(state=State.objects.get(iso3="KGZ"), kind="first",
                                           status="published", submitted_on=dt.date(2005, 1, 1),
                                           title="First report")
    a, b = _two_experts(personas)
    url = f"/admin/reporting/nationalreport/{report.pk}/change/"
    page_a, page_b = a.get(url), b.get(url)
    assert revision_in(page_b.content.decode()) == "1"
    assert a.post(url, admin_data(page_a, language="Russian")).status_code == 302
    response = b.post(url, admin_data(page_b, title="B's title"))
    assert response.status_code == 200  # the form again, with the conflict
    html = response.content.decode()
    assert "Someone else changed this record after you opened it" in html
    assert "It was changed by expert at" in html
    assert '<tr class="differs"><th scope="row">Title</th>' in html
    assert '<tr class="differs"><th scope="row">Language</th>' in html
    report.refresh_from_db()
    assert (report.title, report.language, report.revision) == ("First report", "Russian", 2)
    assert AuditEntry.objects.filter(action="reporting.nationalreport.changed").count() == 1
    # B's input is kept and the form now carries the stored revision: saving is deliberate.
    assert response.context["adminform"].form["title"].value() == "B's title"
    assert revision_in(html) == "2"
    assert b.post(url, admin_data(response)).status_code == 302
    report.refresh_from_db()
    assert (report.title, report.modified_by_label) == ("B's title", "expert-b")


def test_a_registry_record_without_a_revision(personas):
    state = State.objects.get(iso3="KAZ")
    a, b = _two_experts(personas)
    url = f"/admin/registry/state/{state.pk}/change/"
    page_a, page_b = a.get(url), b.get(url)
    assert revision_in(page_b.content.decode()).startswith("h")
    assert a.post(url, admin_data(page_a, official_name="Republic of Kazakhstan (A)")).status_code == 302
    response = b.post(url, admin_data(page_b, official_name="Republic of Kazakhstan (B)"))
    assert response.status_code == 200
    assert "It was changed by expert at" in response.content.decode()
    assert State.objects.get(pk=state.pk).official_name == "Republic of Kazakhstan (A)"


def test_a_matrix_cell(personas):
    expert = personas["expert"]
    version = matrix.start_version(expert, State.objects.get(iso3="KAZ"))
    cell = matrix.set_cell(expert, version, "OP1.NPT", "single", "X", "Ratified 1994")
    a, b = _two_experts(personas)
    url = f"/admin/matrix/cell/{cell.pk}/change/"
    page_a, page_b = a.get(url), b.get(url)
    assert a.post(url, admin_data(page_a, source="Ratified 14 Feb 1994")).status_code == 302
    cell.refresh_from_db()
    version.refresh_from_db()
    assert cell.revision == version.revision == 3  # the draft's revision, carried by the cell
    response = b.post(url, admin_data(page_b, remarks="B's remark"))
    assert response.status_code == 200 and "It was changed by expert at" in response.content.decode()
    assert Cell.objects.get(pk=cell.pk).remarks == ""
