"""Caches that never serve stale or someone else's data: the data generation, anonymous pages,
generated documents (and their throttle)."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test import Client

from clearinghouse.core import generation
from clearinghouse.outreach import actions
from clearinghouse.outreach.models import Event
from clearinghouse.registry.loading import load_reference_data
from clearinghouse.registry.models import State

from .outreach.conftest import make_event

pytestmark = pytest.mark.django_db


def _token_in_db():
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM core_datageneration WHERE id = 1")
        return cursor.fetchone()[0]


# -- the data generation -------------------------------------------------------------------------

def test_every_kind_of_write_changes_the_generation(personas):
    seen = [generation.current()]

    def changed():
        token = generation.current()
        assert token not in seen and token == _token_in_db()
        seen.append(token)

    kaz = State.objects.get(iso3="KAZ")
    kaz.official_name = "Republic of Kazakhstan"
    kaz.save()  # a model save
    changed()
    State.objects.filter(iso3="KAZ").update(official_name="the Republic of Kazakhstan")
    changed()  # a queryset update (no signal)
    event = make_event("draft")
    changed()
    event.related.add(make_event("draft", title="Another"))  # m2m
    changed()
    Event.objects.filter(pk=event.pk).delete()  # a bulk delete
    changed()
    Event.objects.bulk_create([Event(title="Bulk", status="draft", start=dt.date(2015, 1, 1))])
    changed()  # bulk writes, as the importers do
    load_reference_data("tests", force=True)  # the registry reload
    changed()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_state SET official_name = official_name WHERE iso3 = 'KAZ'")
    changed()  # raw SQL


def test_reads_sessions_and_the_audit_log_do_not_change_it(personas):
    before = generation.current()
    list(State.objects.all())
    client = Client()
    client.post("/accounts/login/", {"username": "expert", "password": "wrong"})
    assert generation.current() == before


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_change_comes_after_the_commit(reference_data):
    before = generation.current()
    with transaction.atomic():
        State.objects.filter(iso3="KAZ").update(official_name="Kazakhstan (pending)")
        assert generation.current() == before  # not yet: the change is not committed
    assert generation.current() != before
    after_commit = generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        State.objects.filter(iso3="KAZ").update(official_name="rolled back")
        raise RuntimeError
    assert generation.current() == after_commit  # a rolled-back change changes nothing
    State.objects.filter(iso3="KAZ").update(official_name="Kazakhstan")  # autocommit
    assert generation.current() != after_commit


# -- anonymous pages -----------------------------------------------------------------------------

PUBLIC_PAGES = ["/", "/states/KAZ/", "/reporting/status/", "/events/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_served_from_the_cache_until_a_write(path, personas):
    first = Client().get(path)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    second = Client().get(path)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert "Set-Cookie" not in second and "csrfmiddlewaretoken" not in second.content.decode()
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"
    State.objects.filter(iso3="KAZ").update(official_name="Kazakhstan")
    assert Client().get(path)["X-Page-Cache"] == "miss"


def test_a_write_shows_at_once(personas):
    assert "Seminar on brokering controls" not in Client().get("/events/").content.decode()
    event = make_event("published", title="Seminar on brokering controls")
    assert "Seminar on brokering controls" in Client().get("/events/").content.decode()
    actions.update_event("tests", event, title="Seminar on transit controls")
    page = Client().get("/events/").content.decode()
    assert "Seminar on transit controls" in page and "brokering" not in page


def test_each_language_has_its_own_copy(personas):
    english = Client().get("/", HTTP_ACCEPT_LANGUAGE="en")
    french = Client().get("/fr/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Page-Cache"] == "miss" and french["X-Page-Cache"] == "miss"
    assert english.content != french.content and 'lang="fr"' in french.content.decode()
    assert Client().get("/fr/", HTTP_ACCEPT_LANGUAGE="ru").content == french.content
    # The English copy is never served to a French reader at the unprefixed address: a redirect.
    redirected = Client().get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert redirected.status_code == 302 and redirected["Location"] == "/fr/"
    assert Client().get("/", HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("persona", ["expert", "committee", "state_poc", "provider_poc"])
def test_a_signed_in_role_never_gets_or_leaves_a_cached_page(client_for, persona, personas):
    make_event("draft", title="Draft seminar seen by experts only")
    signed_in = client_for(persona)  # signing in is a write (last_login): before the public
    public = Client().get("/events/")
    assert public["X-Page-Cache"] == "miss"
    page = signed_in.get("/events/")
    assert "X-Page-Cache" not in page  # neither served from nor stored in the page cache
    assert "Sign out" in page.content.decode() and "Sign out" not in public.content.decode()
    again = Client().get("/events/")
    assert again["X-Page-Cache"] == "hit"
    assert persona not in again.content.decode() and "Sign out" not in again.content.decode()
    assert "Draft seminar seen by experts only" not in again.content.decode()


def test_an_experts_page_is_never_served_to_the_public_and_vice_versa(client_for, personas):
    make_event("draft", title="Draft seminar seen by experts only")
    expert = client_for("expert")
    assert "Draft seminar seen by experts only" in expert.get("/events/").content.decode()
    public = Client().get("/events/")
    assert "Draft seminar seen by experts only" not in public.content.decode()
    assert Client().get("/events/")["X-Page-Cache"] == "hit"
    assert "Draft seminar seen by experts only" in expert.get("/events/").content.decode()


def test_pages_with_a_form_token_or_a_message_are_not_cached(personas):
    assert "X-Page-Cache" not in Client().get("/accounts/login/")
    client = Client()
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in Client().get("/api/states/")


def test_the_language_switcher_works_without_a_token(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302 and client.cookies["django_language"].value == "fr"
    assert response["Location"] == "/fr/"
    assert 'lang="fr"' in client.get("/fr/").content.decode()


# -- generated documents -------------------------------------------------------------------------

def test_a_document_is_rendered_once_per_generation(personas):
    make_event("published", start=dt.date(2014, 5, 1))
    first = Client().get("/events/review/2014.docx")
    assert first.status_code == 200 and first["X-Document-Cache"] == "miss"
    second = Client().get("/events/review/2014.docx")
    assert second["X-Document-Cache"] == "hit" and second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    make_event("published", title="Second workshop", start=dt.date(2014, 9, 1))
    third = Client().get("/events/review/2014.docx")
    assert third["X-Document-Cache"] == "miss" and third.content != first.content


def test_documents_are_kept_apart_by_visibility_class_and_language(client_for, personas):
    from .conftest import make_user

    second_expert = Client()
    second_expert.force_login(make_user("expert2", "expert"))  # writes (user, last_login) first
    expert, poc = client_for("expert"), client_for("state_poc")
    make_event("published", start=dt.date(2014, 5, 1))
    make_event("draft", title="Draft seminar seen by experts only", start=dt.date(2014, 6, 1))
    experts_copy = expert.get("/events/review/2014.docx")
    public = Client().get("/events/review/2014.docx")
    assert public["X-Document-Cache"] == "miss" and public.content != experts_copy.content
    # Another expert shares the experts' copy; a point of contact has its own.
    shared = second_expert.get("/events/review/2014.docx")
    assert shared["X-Document-Cache"] == "hit" and shared.content == experts_copy.content
    assert poc.get("/events/review/2014.docx")["X-Document-Cache"] == "miss"
    french = Client().get("/fr/events/review/2014.docx")
    assert french["X-Document-Cache"] == "miss"


def test_note_pdf_and_api_note_are_cached(personas):
    event = make_event("published")
    assert Client().get(f"/events/{event.pk}/note.pdf")["X-Document-Cache"] == "miss"
    cached = Client().get(f"/events/{event.pk}/note.pdf")
    assert cached["X-Document-Cache"] == "hit" and cached.content.startswith(b"%PDF")
    api = Client().get(f"/api/events/{event.pk}/note/docx/")
    assert api.status_code == 200 and api["X-Document-Cache"] == "miss"


def test_document_generation_is_throttled_per_address(settings, personas):
    settings.DOCUMENT_RATE = "2/minute"
    make_event("published", start=dt.date(2014, 5, 1))
    client = Client()
    assert client.get("/events/review/2014.docx", REMOTE_ADDR="10.9.0.1").status_code == 200
    assert client.get("/events/review/2015.docx", REMOTE_ADDR="10.9.0.1").status_code == 200
    refused = client.get("/events/review/2016.docx", REMOTE_ADDR="10.9.0.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many documents" in refused.content.decode()
    # A document already rendered is still served; another address may render.
    assert client.get("/events/review/2014.docx", REMOTE_ADDR="10.9.0.1").status_code == 200
    assert client.get("/events/review/2016.docx", REMOTE_ADDR="10.9.0.2").status_code == 200


def test_a_registry_edit_from_another_process_shows_at_once_in_cached_pages(personas):
    """No registry_changed() call here (another worker made the edit): the resolver follows
    the data generation, so the State search cached under the new generation is right."""
    from clearinghouse.audit.actions import save_record
    from clearinghouse.registry.models import StateAlias
    from clearinghouse.registry.services import resolve

    assert resolve("Qazaqstan Respublikasy").match is None
    before = Client().get("/states/?q=Qazaqstan+Respublikasy").content.decode()
    with transaction.atomic():
        save_record("tests", StateAlias(state=State.objects.get(iso3="KAZ"),
                                        alias="Qazaqstan Respublikasy"))
    assert resolve("Qazaqstan Respublikasy").match.code == "KAZ"
    after = Client().get("/states/?q=Qazaqstan+Respublikasy")
    assert after["X-Page-Cache"] == "miss" and after.content.decode() != before
    assert "/states/KAZ/" in after.content.decode()
