"""One language field everywhere (reports, requests, offers): ISO 639-1 codes, the six official
languages of the United Nations first, then the others Django names (pure: no database).

``choices()`` for a form's select; ``code_for(text)`` reads a code or a language's name in
English or in itself ("Russian", "Русский", "ru") and returns the code, or "" when unknown.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
_UN_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian",
             "es": "Spanish"}


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """code -> English name, for every two-letter code Django knows, plus Chinese."""
    out = {code: info["name"] for code, info in LANG_INFO.items()
           if len(code) == 2 and "name" in info}
    out.update(_UN_NAMES)
    return out


def name(code: str) -> str:
    return names().get(code, code)


def choices() -> list:
    """Grouped choices: the six UN languages, then the others by name."""
    others = sorted(((c, n) for c, n in names().items() if c not in UN_LANGUAGES),
                    key=lambda item: item[1])
    return [("", "—"),
            (_("Official languages of the United Nations"), [(c, _UN_NAMES[c]) for c in UN_LANGUAGES]),
            (_("Other languages"), others)]


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index = {}
    for code, info in LANG_INFO.items():
        if len(code) == 2 and "name" in info:
            index.update({code: code, info["name"].casefold(): code,
                          info.get("name_local", "").casefold(): code})
    for code, english in _UN_NAMES.items():
        index.update({code: code, english.casefold(): code})
    index.update({"中文": "zh", "chinese": "zh", "العربية": "ar", "anglais": "en", "français": "fr",
                  "francais": "fr", "espagnol": "es", "russe": "ru", "arabe": "ar", "chinois": "zh",
                  "inglés": "en", "francés": "fr", "ruso": "ru", "árabe": "ar", "español": "es"})
    index.pop("", None)
    return index


def code_for(text: str) -> str:
    """The ISO 639-1 code for a code or a language's name; "" when it is not one."""
    return _index().get((text or "").strip().casefold(), "")
