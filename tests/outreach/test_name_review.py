"""Experts resolve the names a note or the form could not (issue 10): on the event page they
pick the entity from suggestions (and may remember the name as an alias) or create a new
organisation; on the import review page they add an alias or create an organisation and the
notes are read again. All audited; the next import knows the name; only experts may."""

import pytest

from clearinghouse.audit.models import AuditEntry
from clearinghouse.outreach.importing import plan_files
from clearinghouse.outreach.models import Event
from clearinghouse.registry import services
from clearinghouse.registry.loading import load_reference_data
from clearinghouse.registry.models import Organisation, OrganisationAlias

from .conftest import make_event

pytestmark = pytest.mark.django_db
NOTE = ("Event: Seminar on Nothing\nDate and Venue: 3 May 2021, Vienna, Austria\n"
        "Participants: States: Austria, Kenya\nCivil society: Centre for Nowhere Studies\n\n"
        "1. Background\n\nText.\n")


@pytest.fixture(autouse=True)
def fresh_resolver():
    services.registry_changed()
    yield
    services.registry_changed()


def flagged(event):
    return event.participants.get(name="Centre for Nowhere Studies")


def test_the_event_page_offers_suggestions_to_experts_only(client_for, personas):
    event = make_event("draft")
    page = client_for("expert").get(f"/events/{event.pk}/").content.decode()
    assert 'class="name-review"' in page and "Centre for Nowhere Studies" in page
    assert 'value="organisation:' in page  # suggestions from the registry
    event = make_event("published", title="Published one")
    for persona in ("committee", "state_poc", "provider_poc", "public"):
        page = client_for(persona).get(f"/events/{event.pk}/").content.decode()
        assert 'class="name-review"' not in page, persona


def test_expert_links_a_name_and_the_next_import_knows_it(client_for, personas,
                                                         django_capture_on_commit_callbacks):
    event = make_event("draft")
    link = flagged(event)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("expert").post(f"/events/{event.pk}/names/", {
            "link": f"participant-{link.pk}", "entity": "organisation:VERTIC", "remember": "1"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.organisation.code, link.flagged, link.confidence) == ("VERTIC", False, 1.0)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["outreach.name.linked", "registry.alias.added"]
    alias = OrganisationAlias.objects.get(alias="Centre for Nowhere Studies")
    assert (alias.organisation.code, alias.source) == ("VERTIC", "expert")
    (plan,) = plan_files([("note.txt", NOTE.encode())])
    assert [p.organisation.code for p in plan.participants if p.organisation] == ["VERTIC"]
    assert not plan.flagged


def test_another_process_sees_the_new_name(personas):
    """Registry writes change the registry's version (its newest audit entry): a process that
    did not make the change rebuilds its resolver at its next check."""
    from clearinghouse.registry import actions as registry_actions

    before = services.resolver()
    assert before.resolve("Centre for Nowhere Studies").match is None
    registry_actions.add_alias(personas["expert"], Organisation.objects.get(code="VERTIC"),
                               "Centre for Nowhere Studies")  # no on_commit in a test transaction
    after = services.resolver()
    assert after is not before
    assert after.resolve("Centre for Nowhere Studies").match.code == "VERTIC"


def test_expert_creates_an_organisation_for_a_name(client_for, personas,
                                                   django_capture_on_commit_callbacks):
    event = make_event("draft")
    link = flagged(event)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("expert").post(f"/events/{event.pk}/names/", {
            "link": f"participant-{link.pk}", "do": "create",
            "new_name": "Centre for Nowhere Studies", "new_code": "CNWS", "new_kind": "academia",
            "new_website": "https://nowhere.example"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(code="CNWS")
    assert (organisation.kind, organisation.source) == ("academia", "expert")
    link.refresh_from_db()
    assert link.organisation == organisation and not link.flagged
    assert AuditEntry.objects.filter(action="registry.organisation.created",
                                     target_id=str(organisation.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        load_reference_data("tests", force=True)  # a reload of the reference files keeps it
    assert Organisation.objects.filter(code="CNWS").exists()
    (plan,) = plan_files([("note.txt", NOTE.encode())])
    assert [p.organisation.code for p in plan.participants if p.organisation] == ["CNWS"]


@pytest.mark.parametrize("data, message", [
    ({"entity": ""}, "Pick an entity"),
    ({"code": "NOPE"}, "No State or organisation has the code"),
    ({"do": "create", "new_code": "OPCW", "new_kind": "industry"}, "is taken"),
    ({"do": "create", "new_code": "X1", "new_kind": "nonsense"}, "Choose a kind"),
    ({"do": "create", "new_code": "X1", "new_kind": "industry", "new_name": "OPCW"},
     "already names"),
])
def test_bad_choices_change_nothing_and_say_why(client_for, personas, data, message):
    event = make_event("draft")
    link = flagged(event)
    expert = client_for("expert")  # signing in is audited too: count after it
    count = AuditEntry.objects.count()
    response = expert.post(f"/events/{event.pk}/names/",
                                         {"link": f"participant-{link.pk}", **data}, follow=True)
    assert message in response.content.decode()
    link.refresh_from_db()
    assert link.flagged and link.organisation is None
    assert AuditEntry.objects.count() == count


def test_an_ambiguous_name_is_not_remembered(client_for, personas):
    event = make_event("draft")
    event.participants.filter(name="China").update(name="Korea", state=None, flagged=True)
    link = event.participants.get(name="Korea")
    client_for("expert").post(f"/events/{event.pk}/names/", {
        "link": f"participant-{link.pk}", "entity": "state:KOR", "remember": "1"})
    link.refresh_from_db()
    assert link.flagged  # nothing done: untick "remember" to link this one only
    client_for("expert").post(f"/events/{event.pk}/names/", {
        "link": f"participant-{link.pk}", "entity": "state:KOR"})
    link.refresh_from_db()
    assert link.state.iso3 == "KOR" and not link.flagged
    assert services.resolver().resolve("Korea").ambiguous


@pytest.mark.parametrize("persona", ["committee", "state_poc", "provider_poc", "public"])
def test_only_experts_resolve_names(client_for, personas, persona):
    event = make_event("draft")
    link = flagged(event)
    response = client_for(persona).post(f"/events/{event.pk}/names/", {
        "link": f"participant-{link.pk}", "entity": "organisation:VERTIC", "remember": "1"})
    assert response.status_code in (403, 404)
    link.refresh_from_db()
    assert link.flagged and not OrganisationAlias.objects.filter(
        alias="Centre for Nowhere Studies").exists()


def test_the_import_review_adds_an_alias_and_reads_the_notes_again(
        client_for, personas, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("expert")
    page = client.post("/events/import/", {"files": [SimpleUploadedFile("n.txt", NOTE.encode())]})
    html = page.content.decode()
    assert 'class="name-review"' in html and 'name="name_action"' in html
    token = page.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/events/import/", {"token": token, "name_action": "alias",
                                                "name": "Centre for Nowhere Studies",
                                                "entity": "organisation:VERTIC"})
    assert again.status_code == 200
    (plan,) = again.context["plans"]
    assert not plan.flagged and AuditEntry.objects.filter(action="registry.alias.added").exists()
    created = client.post("/events/import/", {"token": token})
    assert created.status_code == 302
    event = Event.objects.get(title="Seminar on Nothing")
    assert event.participants.get(name="Centre for Nowhere Studies").organisation.code == "VERTIC"


def test_the_import_review_creates_an_organisation(client_for, personas,
                                                   django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("expert")
    page = client.post("/events/import/", {"files": [SimpleUploadedFile("n.txt", NOTE.encode())]})
    token = page.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/events/import/", {
            "token": token, "name_action": "create", "do": "create",
            "name": "Centre for Nowhere Studies", "new_code": "CNWS", "new_kind": "civil_society"})
    (plan,) = again.context["plans"]
    assert [p.organisation.code for p in plan.participants if p.organisation] == ["CNWS"]


def test_reimporting_on_the_review_page_offers_to_update(client_for, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("expert")

    def upload():
        page = client.post("/events/import/",
                           {"files": [SimpleUploadedFile("n.txt", NOTE.encode())]})
        return page, page.context["token"]

    _page, token = upload()
    client.post("/events/import/", {"token": token})
    (event,) = Event.objects.filter(title="Seminar on Nothing")
    page, token = upload()
    html = page.content.decode()
    assert f"This note matches event #{event.pk}" in html and 'value="update" checked' in html
    client.post("/events/import/", {"token": token, "again-0": "update"})
    assert Event.objects.filter(title="Seminar on Nothing").count() == 1
    assert AuditEntry.objects.filter(action="outreach.event.reimported",
                                     target_id=str(event.pk)).exists()
    _page, token = upload()
    client.post("/events/import/", {"token": token, "again-0": "new"})
    assert Event.objects.filter(title="Seminar on Nothing").count() == 2


def test_updating_an_event_that_changed_after_the_review_writes_nothing(client_for, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clearinghouse.outreach import actions

    client = client_for("expert")
    page = client.post("/events/import/", {"files": [SimpleUploadedFile("n.txt", NOTE.encode())]})
    client.post("/events/import/", {"token": page.context["token"]})
    (event,) = Event.objects.filter(title="Seminar on Nothing")
    page = client.post("/events/import/", {"files": [SimpleUploadedFile("n.txt", NOTE.encode())]})
    html = page.content.decode()
    revision = html.split('name="again-revision-0" value="')[1].split('"')[0]
    actions.update_event("someone else", event, highlights="Changed meanwhile.")
    response = client.post("/events/import/", {"token": page.context["token"], "again-0": "update",
                                                "again-revision-0": revision})
    assert response.status_code == 409
    assert "was changed after you reviewed the notes" in response.content.decode()
    event.refresh_from_db()
    assert event.highlights == "Changed meanwhile."
    assert Event.objects.filter(title="Seminar on Nothing").count() == 1
