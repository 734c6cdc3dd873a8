"""Phones: every page of the README's table fits a 390 px screen, for every role, in English
and in Arabic (right to left). Wide tables scroll inside their own box; the page never does.

One browser, the demonstration data loaded once, one signed-in tab per role reused for all its
pages. `PHONE_SHOTS=/some/folder` also saves screenshots (home, a State, the board, my matches)
at 1280 and 390 px for looking at.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from clearinghouse.accounts.models import Role
from clearinghouse.assistance.models import Match
from tests.browser.site_pages import paths_for
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("PHONE_SHOTS")

# What sticks out past the right (or, right to left, the left) edge: named in a failure.
OVERFLOWING = """() => {
  const w = document.documentElement.clientWidth, out = [];
  const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && (rtl ? r.left < -1 : r.right > w + 1)) {
      let box = el.parentElement, clipped = false;
      for (; box && box !== document.body; box = box.parentElement) {
        const o = getComputedStyle(box).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
      }
      if (!clipped) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
        ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return out.slice(0, 5);
}"""


@pytest.fixture
def world(reference_data):
    """The demonstration data and one person per role, bound to records that have work."""
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    proposed = (Match.objects.filter(status="proposed", offer__provider_organisation__isnull=False)
                .select_related("offer__provider_organisation", "request__state").first())
    assert proposed is not None, "the demonstration data has a proposal waiting for an answer"
    return {
        "public": None,
        "expert": make_user("phone-expert", Role.EXPERT),
        "committee": make_user("phone-committee", Role.COMMITTEE),
        "state_poc": make_user("phone-state", Role.STATE_POC, state=proposed.request.state),
        "provider_poc": make_user("phone-provider", Role.PROVIDER_POC,
                                  organisation=proposed.offer.provider_organisation),
    }


def _tab(browser, live_server, user, viewport=PHONE, language=None):
    context = browser.new_context(viewport=viewport, locale="en-GB")
    host = urlparse(live_server.url).netloc
    context.route("**/*", lambda route: route.continue_()
                  if urlparse(route.request.url).netloc == host or route.request.url.startswith("data:")
                  else route.abort())
    if language:
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    if user is not None:
        tab.goto(f"{live_server.url}/accounts/login/")
        tab.fill("#id_username", user.username)
        tab.fill("#id_password", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_load_state()
        assert "/accounts/login/" not in tab.url, f"{user.username} could not sign in"
    return tab


def _open(tab, url):
    """Open a page; False when this role cannot (refused, or sent to sign in)."""
    response = tab.goto(url)
    return response is not None and response.status == 200 and "/accounts/login/" not in tab.url \
        or url.endswith("/accounts/login/")


def _width(tab):
    return tab.evaluate("document.documentElement.scrollWidth")


def _walk(tab, base, paths):
    opened, too_wide = [], []
    for path in paths:
        if not _open(tab, base + path):
            continue
        opened.append(path)
        width = _width(tab)
        if width > PHONE["width"]:
            too_wide.append(f"{path}: {width} px, {tab.evaluate(OVERFLOWING)}")
    return opened, too_wide


def test_every_page_fits_a_phone_for_every_role(browser, live_server, world):
    too_wide, opened_by = [], {}
    for role, user in world.items():
        tab = _tab(browser, live_server, user)
        opened, wide = _walk(tab, live_server.url, paths_for(user))
        opened_by[role] = opened
        too_wide += [f"{role} {line}" for line in wide]
        if role == "provider_poc":
            _buttons_within_reach(tab, live_server.url)
        assert not tab.errors, f"JavaScript errors as {role}: {tab.errors}"
        tab.context.close()
    if SHOTS:
        _screenshots(browser, live_server, world)
    assert not too_wide, "wider than a 390 px phone:\n" + "\n".join(too_wide)
    # The walk really opened each role's pages (not a sign-in page 40 times).
    assert len(opened_by["public"]) >= 20
    assert "/assistance/board/" in opened_by["expert"]
    assert "/assistance/board/" not in opened_by["public"]
    assert "/assistance/my-matches/" in opened_by["provider_poc"]
    assert "/audit/" in opened_by["committee"]
    for role in ("expert", "committee", "state_poc", "provider_poc"):
        assert any(p.startswith("/reports/") and p[9:10].isdigit() for p in opened_by[role]), role
        assert any(p.startswith("/assistance/requests/") and p[21:22].isdigit()
                   for p in opened_by[role]) or role == "provider_poc", role
    assert any(p.startswith("/events/") and p.endswith("/note.html") for p in opened_by["public"])
    assert any(p.startswith("/matrix/") and p.count("/") == 3 and p != "/matrix/template/"
               for p in opened_by["public"])


def _buttons_within_reach(tab, base):
    tab.goto(f"{base}/assistance/my-matches/")
    assert tab.evaluate("window.scrollX") == 0
    buttons = tab.locator("#proposed button")
    assert buttons.count() >= 2, "a proposal waits for an answer, with Accept and Decline"
    for i in range(buttons.count()):
        button = buttons.nth(i)
        box = button.bounding_box()  # the page is not scrolled sideways: x as a person sees it
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (
            f"{button.inner_text()} is off-screen at {box}")
    names = {buttons.nth(i).inner_text().strip() for i in range(buttons.count())}
    assert {"Accept", "Decline"} <= names


ARABIC = ["/", "/states/", "/reporting/status/?as_of=2014-03-31", "/reports/", "/matrix/",
          "/events/", "/assistance/", "/assistance/board/", "/assistance/my-matches/"]


def test_arabic_pages_fit_a_phone(browser, live_server, world):
    too_wide = []
    for role in ("public", "expert", "provider_poc"):
        user = world[role]
        tab = _tab(browser, live_server, user, language="ar")
        tab.goto(live_server.url + "/")
        assert tab.evaluate("[document.documentElement.dir, document.documentElement.lang]") == [
            "rtl", "ar"]
        # The home page's chart draws in Arabic too: coordinates are not in Arabic number format.
        assert tab.evaluate("[...document.querySelectorAll('main svg rect')].map("
                            "r => r.getBBox().width).filter(w => w > 0).length") > 10
        details = [p for p in paths_for(user)
                   if p.startswith(("/states/", "/events/", "/assistance/requests/"))
                   and p.count("/") == 3 and p[-2].isalnum() and not p.endswith("new/")]
        opened, wide = _walk(tab, live_server.url, ARABIC + details)
        assert len(opened) >= 7, (role, opened)
        too_wide += [f"{role} {line}" for line in wide]
        tab.context.close()
    assert not too_wide, "wider than a 390 px phone, in Arabic:\n" + "\n".join(too_wide)


def _screenshots(browser, live_server, world):
    """Home, a State, the board, my matches for each role at 1280 and 390 px (PHONE_SHOTS)."""
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {"public": ["/", "state"], "expert": ["/", "state", "/assistance/board/"],
              "committee": ["/", "state"], "state_poc": ["/", "state"],
              "provider_poc": ["/", "/assistance/my-matches/"]}
    for role, user in world.items():
        for size, viewport in (("390", PHONE), ("1280", DESKTOP)):
            tab = _tab(browser, live_server, user, viewport)
            for path in wanted[role]:
                if path == "state":
                    path = next(p for p in paths_for(user) if p.startswith("/states/") and p != "/states/")
                tab.goto(live_server.url + path)
                name = path.strip("/").replace("/", "-") or "home"
                tab.screenshot(path=str(folder / f"{role}-{name}-{size}.png"), full_page=True)
            tab.context.close()
    for language in ("ar", "zh-hans"):
        tab = _tab(browser, live_server, None, language=language)
        tab.goto(live_server.url + "/")
        tab.screenshot(path=str(folder / f"public-home-{language}-390.png"), full_page=True)
        tab.context.close()
