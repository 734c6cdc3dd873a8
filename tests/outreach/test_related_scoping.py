"""Related and mentioned events go through the same scoping as the events themselves.

The finding: importing a note that mentions a published event links both ways, and then anyone
opening the published event saw the title, dates and city of the related draft (or confirmed)
event on the page, in the note's MD/HTML/PDF/DOCX and in the API. Now a related event the
reader may not see is left out entirely, and a mention linked to an invisible event shows only
the words of the note itself.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from clearinghouse.outreach import actions
from clearinghouse.outreach.importing import plan_files
from clearinghouse.outreach.models import Event, MentionedEvent
from clearinghouse.outreach.notes import render as note_render
from clearinghouse.outreach.notes.model import Note, RelatedEvent, Sections, Venue
from tests.textof import squeeze, text_of

from .conftest import make_event

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Closed consultation QQRELDRAFT on licensing"
DRAFT_CITY = "Qqdraftcity"
DRAFT_DAY = dt.date(2017, 2, 14)
CONFIRMED_TITLE = "Confirmed round table QQRELCONF"
HIDDEN_TITLE = "Preparatory talks QQMENTIONTARGET"
MENTION_AS_WRITTEN = "Earlier consultations in Tashkent"

DRAFT_SECRETS = [DRAFT_TITLE, DRAFT_CITY, "14 February 2017", "2017-02-14", HIDDEN_TITLE]
CONFIRMED_SECRETS = [CONFIRMED_TITLE, "Qqconfcity"]


@pytest.fixture
def world(db):
    published = make_event("published")  # Regional workshop on export controls, Vienna 2016
    # A note on a later (draft) event mentions the published one: the import links both ways.
    note = Note(
        title=DRAFT_TITLE, kind="meeting", start=DRAFT_DAY, end=DRAFT_DAY,
        venue=Venue(city=DRAFT_CITY, country_name="Kazakhstan", country="KAZ"),
        sections=Sections(background="A closed consultation."),
        related_events=(RelatedEvent(published.title, published.start, published.end,
                                     "Vienna, Austria"),),
    )
    text = note_render.render_markdown(note).encode()
    (draft,) = actions.import_notes("tests", plan_files([("draft.md", text)]))
    confirmed = make_event("confirmed", title=CONFIRMED_TITLE, start=dt.date(2016, 9, 1),
                           city="Qqconfcity")
    actions.update_event("tests", confirmed, related=[published])
    # A mention in the published note, linked to an event only experts see.
    hidden = make_event("draft", title=HIDDEN_TITLE, start=dt.date(2015, 3, 3), city="Tashkent",
                        iso3="KAZ")
    MentionedEvent.objects.create(event=published, title=MENTION_AS_WRITTEN,
                                  start=dt.date(2015, 3, 3), venue="Tashkent", linked=hidden,
                                  position=0)
    published.related.add(hidden)
    return {"published": published, "draft": draft, "confirmed": confirmed, "hidden": hidden}


def test_the_import_links_the_draft_to_the_published_event(world):
    draft, published = world["draft"], world["published"]
    assert draft.status == "draft"
    assert set(published.related.values_list("pk", flat=True)) == {
        draft.pk, world["confirmed"].pk, world["hidden"].pk}
    assert draft.mentions.get().linked == published


def _outputs(client, pk):
    """Every output built from the event: page, note in each format, API detail and note."""
    urls = [f"/events/{pk}/"] + [f"/events/{pk}/note.{fmt}" for fmt in ("md", "html", "pdf",
                                                                        "docx")]
    urls += [f"/api/events/{pk}/"] + [f"/api/events/{pk}/note/{fmt}/" for fmt in ("md", "html",
                                                                                  "pdf", "docx")]
    urls += ["/events/review/2016.pdf", "/events/review/2016.docx", "/events/?year=2016",
             "/events/?export=json", "/api/events/", "/events/calendar/?year=2016&month=5"]
    out = {}
    for url in urls:
        response = client.get(url, HTTP_ACCEPT="application/json" if "/api/" in url else "*/*")
        assert response.status_code == 200, url
        out[url] = squeeze(text_of(response))
    return out


def _leaks(outputs, secrets):
    return sorted((url, s) for url, text in outputs.items() for s in secrets
                  if squeeze(s) in text)


@pytest.mark.parametrize("persona", ["public", "state_poc", "provider_poc", "committee"])
def test_no_output_of_a_published_event_shows_a_related_event_the_reader_may_not_see(
        world, client_for, persona):
    outputs = _outputs(client_for(persona), world["published"].pk)
    secrets = DRAFT_SECRETS + ([] if persona == "committee" else CONFIRMED_SECRETS)
    assert _leaks(outputs, secrets) == []
    # The mention keeps the note's own words, and the event itself is all there.
    note_md = outputs[f"/events/{world['published'].pk}/note.md"]
    assert squeeze(MENTION_AS_WRITTEN) in note_md
    assert squeeze("Regional workshop on export controls") in note_md


def test_readers_allowed_to_see_them_do_see_the_related_events(world, client_for):
    pk = world["published"].pk
    committee = _outputs(client_for("committee"), pk)
    for url in (f"/events/{pk}/", f"/events/{pk}/note.pdf", f"/api/events/{pk}/note/docx/"):
        assert squeeze(CONFIRMED_TITLE) in committee[url], url
    expert = _outputs(client_for("expert"), pk)
    for url in (f"/events/{pk}/", f"/events/{pk}/note.md", f"/events/{pk}/note.docx",
                f"/api/events/{pk}/note/pdf/"):
        assert squeeze(DRAFT_TITLE) in expert[url], url
        assert squeeze(CONFIRMED_TITLE) in expert[url], url


def test_the_api_names_only_linked_events_the_reader_may_see(world, client_for):
    pk = world["published"].pk
    public = client_for("public").get(f"/api/events/{pk}/").json()
    assert public["related"] == []
    assert public["mentions"] == [{"title": MENTION_AS_WRITTEN, "start": "2015-03-03",
                                   "end": None, "venue": "Tashkent", "linked": None}]
    committee = client_for("committee").get(f"/api/events/{pk}/").json()
    assert committee["related"] == [world["confirmed"].pk]
    expert = client_for("expert").get(f"/api/events/{pk}/").json()
    assert sorted(expert["related"]) == sorted(
        [world["draft"].pk, world["confirmed"].pk, world["hidden"].pk])
    assert expert["mentions"][0]["linked"] == world["hidden"].pk


def test_the_note_command_writes_the_public_reading_by_default(world, tmp_path):
    pk = world["published"].pk
    public, expert = tmp_path / "public.md", tmp_path / "expert.md"
    call_command("note", str(pk), "--format", "md", "-o", str(public), stderr=io.StringIO())
    call_command("note", str(pk), "--format", "md", "--as", "expert", "-o", str(expert),
                 stderr=io.StringIO())
    assert DRAFT_TITLE not in public.read_text() and CONFIRMED_TITLE not in public.read_text()
    assert DRAFT_TITLE in expert.read_text() and CONFIRMED_TITLE in expert.read_text()


def test_a_draft_relates_back_only_to_what_its_reader_sees(world, client_for):
    """The expert-only draft's own page (experts) lists the published event it mentions."""
    page = client_for("expert").get(f"/events/{world['draft'].pk}/").content.decode()
    assert "Regional workshop on export controls" in page
    assert Event.objects.visible_to(None).filter(pk=world["draft"].pk).count() == 0
