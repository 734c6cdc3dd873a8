"""Normalisation of the names of States and organisations as they appear in real documents.

Pure functions, no Django: used by the resolver and by importers. They undo what PDF
extraction and typing do to a name (curly apostrophes, accents, case, line-break hyphens,
footnote markers, a leading "the", inverted forms such as "Korea, Republic of").
"""

from __future__ import annotations

import re
import unicodedata

QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": "",  # soft hyphen
    }
)

# Footnote markers: superscript digits, daggers, asterisks, "[1]".
FOOTNOTES = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079\u2020\u2021*]+|\[\d{1,3}\]")
# A word split at a line end: "Turk- menistan", "Organi-\nzation".
LINE_BREAK_HYPHEN = re.compile(r"(\w)-\s+(?=[a-z\u00e0-\u024f])")
BRACKET = re.compile(r"\(([^()]*)\)")
LEADING_THE = re.compile(r"^(the)\s+", re.IGNORECASE)
# "The Government of the Republic of Kazakhstan" names the State.
GOVERNMENT_OF = re.compile(r"^(the\s+)?government\s+of\s+", re.IGNORECASE)
INVERTED = re.compile(r"^(?P<head>[^,]+),\s*(?P<tail>[^,]+)$")

# Words that say little about which entity is meant; removed to compare the "core" of names.
GENERIC_WORDS = frozenset(
    """the of and republic democratic people's peoples people islamic federal federation
    kingdom state plurinational bolivarian socialist arab united grand duchy principality
    independent commonwealth sultanate union federated""".split()
)

# Words that mark a name as an organisation's: a State is never accepted for such a name
# unless the match is exact.
ORGANISATION_WORDS = frozenset(
    """organization organisation office agency commission council centre center committee
    group forum league unit secretariat bank programme program conference association
    institute arrangement regime initiative partnership community union treaty convention
    network foundation unodc nations""".split()
)


def clean(text: str) -> str:
    """Readable clean-up: quotes, footnote markers, line-break hyphens, spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    text = FOOTNOTES.sub("", text)
    text = LINE_BREAK_HYPHEN.sub(r"\1", text)
    text = re.sub(r"\s+", " ", text).strip(" \t.,;:")
    return text


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, no accents, quotes unified, single spaces, no leading "the"."""
    text = strip_accents(clean(text)).lower()
    text = LEADING_THE.sub("", text)
    return text


def compact(text: str) -> str:
    """The key for exact comparison: letters and digits only ("Turk- menistan" == "Turkmenistan")."""
    return "".join(c for c in fold(text) if c.isalnum())


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", fold(text))


def core_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in GENERIC_WORDS)


def looks_like_organisation(text: str) -> bool:
    return any(w in ORGANISATION_WORDS for w in words(text))


def variants(text: str) -> list[str]:
    """Forms of one name worth looking up, most faithful first.

    "Commonwealth of Independent States (CIS)" gives the full text, the name without the
    bracket and the bracketed acronym; "Korea, Republic of" gives "Republic of Korea".
    """
    base = clean(text)
    out = [base]
    if GOVERNMENT_OF.match(base):
        out.append(GOVERNMENT_OF.sub("", base))
    bracket = BRACKET.search(base)
    if bracket:
        outside = clean(BRACKET.sub(" ", base))
        inside = clean(bracket.group(1))
        out += [outside, inside]
    for form in list(out):
        inverted = INVERTED.match(form)
        if inverted:
            out.append(f"{inverted.group('tail')} {inverted.group('head')}")
    seen: list[str] = []
    for form in out:
        if form and form not in seen:
            seen.append(form)
    return seen
