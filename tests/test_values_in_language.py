"""Stored values and machine keys read in the reader's language: export tables' labels, the
audit log's recorded codes and model names, a request's history (statuses, channel), the
imports page's descriptions of the file formats."""

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.db import transaction
from django.utils import translation
from openpyxl import load_workbook

from clearinghouse.accounts import invitations
from clearinghouse.assistance import actions as assistance
from clearinghouse.audit.log import record
from clearinghouse.audit.models import AuditEntry
from clearinghouse.core.exports import Table, to_csv, to_json, to_xlsx
from clearinghouse.matrix.models import MatrixVersion, Procedure
from clearinghouse.registry.models import State
from tests.readers import reader

pytestmark = pytest.mark.django_db


def _client(user=None, language="fr"):
    return reader(user, language)


def _visible(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_a_table_writes_its_labels_in_the_readers_language_and_json_its_keys():
    from django.utils.translation import gettext_lazy as _

    table = Table("t", ["year", "events"], [[2016, 3]], labels={"year": _("Year"),
                                                              "events": _("Events")})
    with translation.override("fr"):
        header = next(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig"))))
        assert header == ["Année", "Événements"]
        assert next(csv.reader(io.StringIO(to_csv(table, keys=True).decode("utf-8-sig")))) == [
            "year", "events"]
        book = load_workbook(io.BytesIO(to_xlsx(table)))
        assert [c.value for c in next(book.active.iter_rows(max_row=1))] == header
        data = to_json(table)
        assert data["columns"] == ["year", "events"] and data["rows"] == [
            {"year": 2016, "events": 3}]
        assert data["labels"] == {"year": "Année", "events": "Événements"}
    # A table without labels writes its keys, as before.
    plain = Table("t", ["state", "date"], [["KAZ", dt.date(2024, 1, 2)]])
    assert to_csv(plain).decode("utf-8-sig").splitlines()[0] == "state,date"


def test_audit_log_shows_recorded_codes_and_model_names_in_the_readers_language(personas):
    expert = personas["expert"]
    invitations.invite(expert, "new-poc@example.org", "state_poc", state="KAZ")
    with transaction.atomic():
        record(expert, "registry.reference_loaded", None, {"organisation_aliases": 3},
               label="data")
        # An older entry that recorded an English label: shown as recorded.
        record(expert, "tests.old", State.objects.get(iso3="KAZ"), {"role": "State point of "
                                                                   "contact (old entry)"})
    entry = AuditEntry.objects.get(action="accounts.invitation.created")
    assert entry.target_label == "new-poc@example.org"
    with translation.override("fr"):
        lines = entry.change_lines()
        assert "rôle: Point de contact de l'État" in lines, lines
        assert "Bureau du Président: non" in lines
    page = _client(expert).get("/audit/").content.decode()
    assert "State point of contact (old entry)" in page
    text = page.replace("State point of contact (old entry)", "")
    assert "State point of contact" not in text
    assert "organisation aliases" not in text and "organisation_aliases" not in text
    ar = _client(expert, "ar").get("/audit/").content.decode()
    assert "state_poc" not in ar and "State point of contact" not in ar.replace(
        "State point of contact (old entry)", "")


def test_matrix_approval_in_the_audit_log_has_no_english_status(personas):
    from clearinghouse.matrix import actions as matrix

    expert = personas["expert"]
    kaz = State.objects.get(iso3="KAZ")
    version = matrix.start_version(expert, kaz)
    matrix.approve(expert, version, dt.date(2024, 1, 1), reference="1540/SR.9")
    entry = AuditEntry.objects.get(action="matrix.version.approved")
    assert "approved by the Committee" not in entry.target_label
    with translation.override("zh-hans"):
        assert any("1540/SR.9" in line for line in entry.change_lines())
    page = _client(expert, "fr").get("/audit/").content.decode()
    with translation.override("fr"):
        meeting = str(Procedure.MEETING.label)
        procedure = str(MatrixVersion._meta.get_field("decision_procedure").verbose_name)
    assert meeting != "at a meeting" and html.escape(f"{procedure}: {meeting}") in page
    assert "approved by the Committee" not in page and ": meeting" not in page


def test_a_requests_history_shows_statuses_and_channel_by_their_labels(personas):
    expert = personas["expert"]
    kaz = State.objects.get(iso3="KAZ")
    req = assistance.create_request(expert, state=kaz, received=dt.date(2025, 5, 2),
                                     title="QQHISTORY", description="Training.",
                                     channel="note_verbale")
    assistance.transition(req, expert, "authenticated")
    # A step recorded before channels were kept as codes: its English label.
    req.events.filter(kind="received").update(note="note verbale")
    page = _client(expert, "ar").get(f"/assistance/requests/{req.pk}/").content.decode()
    history = _visible(page[page.index("<caption>"):])
    assert "مذكرة شفوية" in history  # note verbale
    assert "note verbale" not in history and "note_verbale" not in history
    assert "authenticated" not in history and "transition" not in history
    fr = _client(expert, "fr").get(f"/assistance/requests/{req.pk}/").content.decode()
    fr_history = _visible(fr[fr.index(">Historique<"):])
    assert "authenticated" not in fr_history and "received" not in fr_history
    req.refresh_from_db()
    assert req.events.get(kind="transition").to_status == "authenticated"  # codes kept


def test_imports_page_describes_the_file_formats_in_the_readers_language(personas):
    page = _client(personas["expert"], "fr").get("/imports/").content.decode()
    assert "date of report" not in page and "One row per cell" not in page
    assert "<code>state, field, value</code>" in page


def test_an_export_meant_to_be_loaded_back_loads_as_written_in_any_language(personas):
    """Reports exported from a French page keep the importer's column names as their header,
    so the file loads back on /imports/ as is."""
    from clearinghouse.core.importing import run_import
    from clearinghouse.reporting.models import NationalReport

    expert = personas["expert"]
    run_import("reports", "r.csv", b"state,kind,date,title\nKAZ,first,2004-10-28,QQFIRST\n",
               expert)
    exported = _client(expert, "fr").get("/reports/?export=csv").content
    header = exported.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[:4] == ["state", "name", "kind", "date"]
    NationalReport.objects.all().delete()
    outcome = run_import("reports", "export.csv", exported, expert)
    assert NationalReport.objects.get().title == "QQFIRST", outcome
