"""A person who reads only French, Spanish, Russian, Arabic or Chinese meets no English sentence
of the interface: every page of the site, for every role, in each of the five languages, shows
none of the English catalogue's phrases.

The pages are those tests/test_confidentiality.py visits (every named URL pattern, filled with a
record of each kind from tests/confidential_world.py), read as each reader under the language's
address prefix (``/fr/...``; the unprefixed API, admin and accounts pages with the language
cookie). A phrase is a msgid of the catalogue of at least two words without placeholders whose
translation differs from it; the page's visible text (tags, scripts and styles removed) must not
contain it (KNOWN lists what is still to translate, each with its reason). Records' own text (titles, names) is data, not interface, and is not looked at: the
world's records are written so that none repeats a phrase of the interface.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.confidential_world import READERS, build
from tests.test_confidentiality import fill, url_patterns

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import po_tool  # noqa: E402

pytestmark = pytest.mark.django_db

LANGUAGES = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh-hans": "zh_Hans"}
UNPREFIXED = ("/api/", "/admin/", "/accounts/", "/i18n/")
TAGS = re.compile(r"<(script|style|option|select)\b.*?</\1>|<[^>]+>", re.S | re.I)
PLACEHOLDER = re.compile(r"%\(|%[sd]|\{")
# Phrases that stay the same by design in every language: the platform's and the Committee's
# proper names, file formats, codes.
KEPT = {"1540 Clearinghouse"}
# What still shows English today, each with where and why: the list may only shrink (the test
# fails when a phrase outside it appears, and, read in French by every role, when a phrase in it
# no longer does).
KNOWN = {
}


def phrases(catalogue: str) -> list[str]:
    out = []
    for entry in po_tool.catalogue(catalogue):
        text = entry.msgid
        if (entry.msgid_plural or PLACEHOLDER.search(text) or " " not in text.strip()
                or len(text) < 8 or text in KEPT or entry.msgstr.strip() == text.strip()):
            continue
        out.append(" ".join(text.split()))
    return out


def visible_text(body: str) -> str:
    return " ".join(html.unescape(TAGS.sub(" ", body)).split())


def pages(w) -> list[str]:
    """The pages' English (unprefixed) addresses: reverse() adds the active language's prefix."""
    with translation.override("en"):
        return _pages(w)


def _pages(w) -> list[str]:
    urls = []
    for name, params in url_patterns():
        if name.startswith(("admin:", "api:")) or "format" in params or "fmt" in params:
            continue
        for kwargs in fill(name, params, w):
            url = reverse(name, kwargs=kwargs)
            if not re.search(r"\.(pdf|docx|md|csv|xlsx|json|ico|svg)$|/download$|/open$", url):
                urls.append(url)
    return list(dict.fromkeys(urls))


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_no_page_shows_an_english_phrase_of_the_interface(settings, tmp_path, code):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = build(settings.MEDIA_ROOT)
    english = phrases(LANGUAGES[code])
    assert len(english) > 500
    urls = pages(w)
    assert len(urls) > 60
    found, read, statuses = [], 0, {}
    for reader in (READERS if code in ("fr", "ar") else ("public", "expert")):
        client = Client()
        client.cookies["django_language"] = code
        if w.readers[reader] is not None:
            client.force_login(w.readers[reader])
        for url in urls:
            address = url if url.startswith(UNPREFIXED) else f"/{code}{url}"
            response = client.get(address, follow=True)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            read += 1
            text = visible_text(response.content.decode())
            found += [(reader, address, phrase) for phrase in english if phrase in text]
    assert read > 100, statuses  # two readers read about 100 pages, seven about 250
    first = {}
    for reader, address, phrase in found:
        first.setdefault(phrase, f"{reader} {address}")
    new = {phrase: where for phrase, where in first.items() if phrase not in KNOWN}
    assert new == {}, "\n".join(f"{where}: {phrase!r}" for phrase, where in new.items())
    fixed = set(KNOWN) - set(first)
    assert code != "fr" or not fixed, f"no longer in English: remove them from KNOWN: {sorted(fixed)}"
