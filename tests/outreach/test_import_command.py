"""`clearinghouse import-note`: the seed note, --json, --dry-run, and bad files."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clearinghouse.outreach.models import Event, MentionedEvent

from .conftest import SEED

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "notes"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-note", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_is_spelled_import_note():
    from django.core.management import get_commands

    assert get_commands()["import-note"] == "clearinghouse.outreach"
    assert get_commands()["note"] == "clearinghouse.outreach"


def test_seed_note_through_the_command_and_the_database():
    out, err = run(SEED, "--json")
    data = json.loads(out)
    assert set(data) == {"file", "title", "kind", "organizers", "start", "end", "venue",
                         "participants", "related_events", "warnings"}
    assert (data["start"], data["end"]) == ("2014-03-11", "2014-03-12")
    assert data["venue"] == {"city": "Astana", "country": "KAZ"}
    states = [p for p in data["participants"] if p["entity"] and p["entity"]["kind"] == "state"]
    orgs = [p for p in data["participants"]
            if p["entity"] and p["entity"]["kind"] == "organisation"]
    assert len(states) == 28 and len(orgs) == 5
    assert {"kind": "state", "code": "PSE"} in [p["entity"] for p in states]
    assert not [p for p in data["participants"] if p["entity"] is None]
    assert [o["entity"]["code"] for o in data["organizers"]] == ["KAZ", "UNODA"]

    event = Event.objects.get(title=data["title"])
    assert event.status == "draft"
    assert (str(event.start), str(event.end)) == ("2014-03-11", "2014-03-12")
    assert (event.venue_city, event.venue_state.iso3) == ("Astana", "KAZ")
    assert event.participants.filter(state__isnull=False).count() == 28
    assert event.participants.filter(organisation__isnull=False).count() == 5
    assert event.participants.filter(state__iso3="PSE", group="Other").exists()
    assert not event.participants.filter(flagged=True).exists()
    assert (event.committee_members, event.committee_experts) == (1, 1)
    assert event.chair_summary_url.startswith("http://www.un.org/en/sc/1540/")
    # The "Previous activities" paragraph: three earlier events, created as drafts and linked.
    mentions = list(MentionedEvent.objects.filter(event=event))
    assert [(m.start.isoformat(), m.linked.venue_city) for m in mentions] == [
        ("2009-12-01", "Ashgabat"), ("2011-03-29", "Dushanbe"), ("2011-07-21", "Almaty")]
    assert {e.status for e in event.related.all()} == {"draft"}
    assert event.related.count() == 3
    assert f"draft event {event.pk}" in err


def test_importing_again_links_to_the_events_already_recorded():
    run(SEED)
    run(SEED, "--new")
    assert Event.objects.filter(start="2009-12-01", venue_city="Ashgabat").count() == 1
    first, second = Event.objects.filter(start="2014-03-11").order_by("pk")
    assert set(first.related.all()) == set(second.related.all())


def test_the_same_note_again_offers_to_update_its_event():
    from clearinghouse.audit.models import AuditEntry

    run(SEED)
    (event,) = Event.objects.filter(start="2014-03-11")
    event.participants.all().delete()  # the expert's copy drifted from the note
    err = io.StringIO()
    with pytest.raises(CommandError, match="--update"):
        call_command("import-note", str(SEED), stderr=err, stdout=io.StringIO())
    assert f"matches event {event.pk} (same title and dates)" in err.getvalue()
    assert Event.objects.filter(start="2014-03-11").count() == 1
    out, err = run(SEED, "--update")
    assert f"event {event.pk} updated" in err
    (again,) = Event.objects.filter(start="2014-03-11")
    assert again.pk == event.pk and again.status == event.status
    assert again.participants.count() == 33
    assert AuditEntry.objects.filter(action="outreach.event.reimported",
                                     target_id=str(event.pk)).exists()
    assert Event.objects.filter(start="2009-12-01").count() == 1


def test_dry_run_writes_nothing_and_several_files_give_an_array():
    files = [SEED, DATA / "au-addis-ababa-2015.txt", DATA / "croatia-poland-peer-review-2013.md"]
    out, err = run(*files, "--dry-run", "--json")
    data = json.loads(out)
    assert isinstance(data, list) and [d["file"] for d in data] == [f.name for f in files]
    assert Event.objects.count() == 0
    assert err.count("not written (dry run)") == 3


def test_unresolved_names_are_kept_verbatim_and_flagged():
    out, _ = run(DATA / "balkans-tirana-2019.txt", "--json")
    data = json.loads(out)
    verbatim = [p["name"] for p in data["participants"] if p["entity"] is None]
    assert "Kosovo" in " ".join(verbatim)
    event = Event.objects.get()
    flagged = list(event.participants.filter(flagged=True).values_list("name", flat=True))
    assert flagged == verbatim
    assert any("Kosovo" in w for w in event.import_warnings)


@pytest.mark.parametrize("bad, message", [
    ("missing.txt", "file not found"),
    ("empty.txt", "is empty"),
    ("note.odt", "unsupported file type .odt"),
    ("broken.pdf", "is not a readable PDF file"),
    ("broken.docx", "is not a readable DOCX file"),
    ("latin1.txt", "is not UTF-8 text"),
    ("letter.txt", "does not look like an Information Note"),
])
def test_a_bad_file_stops_everything(tmp_path, bad, message):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "note.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    (tmp_path / "latin1.txt").write_bytes("Event: S\xe9minaire".encode("latin-1"))
    (tmp_path / "letter.txt").write_text("Dear colleague,\n\nthank you for your letter.\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import-note", str(SEED), str(tmp_path / bad), stderr=err)
    assert bad in err.getvalue() and message in err.getvalue()
    assert Event.objects.count() == 0


def test_the_note_command_writes_each_format(tmp_path):
    run(SEED)
    event = Event.objects.get(start="2014-03-11")
    for fmt, magic in [("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE html>"),
                       ("md", b"# Information Note")]:
        target = tmp_path / f"note.{fmt}"
        call_command("note", str(event.pk), "--format", fmt, "--as", "expert",
                     "-o", str(target), stderr=io.StringIO())
        assert target.read_bytes().startswith(magic)
    with pytest.raises(CommandError, match="is draft: not visible as public"):
        call_command("note", str(event.pk), "--format", "md", "-o", str(tmp_path / "x.md"))
    with pytest.raises(CommandError, match="no event number 999999"):
        call_command("note", "999999", "--format", "md", "-o", str(tmp_path / "x.md"))
    with pytest.raises(CommandError, match="not an event number"):
        call_command("note", "abc", "-o", str(tmp_path / "x.md"))
