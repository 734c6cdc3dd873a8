"""An expert uploads an Information Note, reviews what was read, creates the draft, confirms it."""

from pathlib import Path

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.outreach.models import Event
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path("/work/shared/seeds/information-note-astana-2014.txt")
if not SEED.exists():
    SEED = (Path(__file__).resolve().parents[2] / "clearinghouse" / "outreach" / "data"
            / "information-note-astana-2014.txt")


def test_import_review_and_confirm_a_note(page, login):
    make_user("browser-expert", Role.EXPERT)
    login("browser-expert", PASSWORD)
    page.goto(f"{page.base_url}/events/import/")
    page.set_input_files("#note-files", str(SEED))
    page.click("#read-notes")
    # The review: the text on one side, what was read on the other; nothing written yet.
    page.wait_for_selector("text=Text read from the file")
    assert "Astana" in page.inner_text(".side-by-side pre")
    assert page.inner_text(".parsed-dates") == "2014-03-11 – 2014-03-12"
    assert page.locator("text=State of Palestine").count() >= 1
    assert Event.objects.count() == 0
    page.click("#create-drafts")
    page.wait_for_selector("#confirm-event")
    assert "This is a draft" in page.inner_text("main")
    event = Event.objects.get(start="2014-03-11")
    assert page.url.endswith(f"/events/{event.pk}/")
    page.click("#confirm-event")
    page.wait_for_selector("text=The event is confirmed")
    event.refresh_from_db()
    assert event.status == "confirmed"
    assert page.locator("#confirm-event").count() == 0
    assert page.locator("#publish-event").count() == 1


def test_expert_resolves_an_unmatched_name_on_the_review_page(page, login, tmp_path):
    """A note lists a body the registry does not know; the expert adds the name as an alias of
    the right organisation on the review page, the note is read again, the draft is linked."""
    note = tmp_path / "note.txt"
    note.write_text("Event: Seminar on Verification\nDate and Venue: 3 May 2021, Vienna, Austria\n"
                    "Participants: States: Austria, Kenya\nCivil society: Verification Centre of "
                    "London\n\n1. Background\n\nText.\n", encoding="utf-8")
    make_user("browser-expert", Role.EXPERT)
    login("browser-expert", PASSWORD)
    page.goto(f"{page.base_url}/events/import/")
    page.set_input_files("#note-files", str(note))
    page.click("#read-notes")
    page.wait_for_selector(".name-review")
    form = page.locator(".review-item form.pick").first
    form.locator("input[name=code]").fill("VERTIC")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=The registry now knows")
    assert page.locator(".name-review").count() == 0  # nothing left to check
    page.click("#create-drafts")
    page.wait_for_selector("#confirm-event")
    event = Event.objects.get(title="Seminar on Verification")
    assert event.participants.get(name="Verification Centre of London").organisation.code == "VERTIC"
