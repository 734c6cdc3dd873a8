"""Normalisation of the names of States and organisations as they appear in real documents.

Pure functions, no Django: used by the resolver and by importers. They undo what PDF
extraction and typing do to a name (curly apostrophes, accents, case, line-break hyphens,
footnote markers, a leading "the", inverted forms such as "Korea, Republic of"), and what
the six UN languages put around a name: French and Spanish articles and elisions ("le
Mexique", "l'Inde", "los Estados Unidos de América"), the Arabic article and the prefixes
"و" / "ل" / "ب", "Government of" in each language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": "",  # soft hyphen
        "\u0640": "",  # Arabic tatweel
        "\u00a0": " ",
        "\u202f": " ",
    }
)

# Footnote markers: superscript digits, daggers, asterisks, "[1]".
FOOTNOTES = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079\u2020\u2021*]+|\[\d{1,3}\]")
# A word split at a line end: "Turk- menistan", "Organi-\nzation".
LINE_BREAK_HYPHEN = re.compile(r"(\w)-\s+(?=[a-z\u00e0-\u024f\u0430-\u044f])")
BRACKET = re.compile(r"\(([^()]*)\)")
LEADING_THE = re.compile(r"^(the)\s+", re.IGNORECASE)
# "The Government of the Republic of Kazakhstan" names the State; so do "Gouvernement du
# Mexique", "Gobierno de la Argentina", "حكومة المكسيك" and "墨西哥政府".
GOVERNMENT_OF = re.compile(
    r"^(?:the\s+)?(?:government\s+of\s+|gouvernement\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|d'|de\s+)"
    r"|gobierno\s+(?:de\s+la\s+|de\s+los\s+|de\s+las\s+|del\s+|de\s+)|حكومة\s+"
    r"|правительств[оаеу]\s+)",
    re.IGNORECASE,
)
GOVERNMENT_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff])政府$")
INVERTED = re.compile(r"^(?P<head>[^,]+),\s*(?P<tail>[^,]+)$")
# French and Spanish determiners before a name: "le Mexique", "l'Inde", "de la Fédération de
# Russie", "los Estados Unidos de América". Tried after the name as written ("El Salvador").
ARTICLES = re.compile(
    r"^(?:(?:de\s+la|de\s+las|de\s+los|de\s+l'|the|le|la|les|el|los|las|lo|du|des|del|aux|au|"
    r"l'|d')\s*)+(?=\w)",
    re.IGNORECASE,
)
ELISION = re.compile(r"\b([ld])'")
ARABIC = re.compile(r"[\u0600-\u06ff]")
ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")

# Words that say little about which entity is meant; removed to compare the "core" of names.
GENERIC_WORDS = frozenset(
    """the of and republic democratic people's peoples people islamic federal federation
    kingdom state plurinational bolivarian socialist arab united grand duchy principality
    independent commonwealth sultanate union federated
    republique royaume democratique populaire islamique federale socialiste arabe unie uni
    unis etat etats plurinational bolivarienne principaute sultanat federation de du des la
    le les et d l
    republica reino democratica popular islamica socialista unido unida unidos estado
    estados plurinacional bolivariana principado sultanato federacion del los las y el
    республика королевство федеративная демократическая народная исламская социалистическая
    арабская объединенная объединенные соединенное соединенные государство многонациональное
    боливарианская княжество султанат федерация
    جمهورية مملكة ديمقراطية شعبية إسلامية اسلامية اتحادية اشتراكية عربية متحدة دولة
    """.split()
)

# Words of names that are not meaningful alone, in the languages the registry names things
# in: removed to compare two organisation names word by word ("Organisation for the
# Prohibition ..." == "Organisation for Prohibition ...").
STOPWORDS = frozenset(
    """the of and for on in at to a an
    de du des la le les l d et pour en sur au aux
    del los las el y para en sobre
    и по в на для о об
    """.split()
)

# Words that mark a name as an organisation's (in the six languages): a State is never
# accepted for such a name unless the match is exact.
ORGANISATION_WORDS = frozenset(
    """organization organisation office agency commission council centre center committee
    group forum league unit secretariat bank programme program conference association
    institute arrangement regime initiative partnership community union treaty convention
    network foundation unodc nations society university college school academy federation
    chamber consortium alliance project assembly parliament directorate department team
    laboratory industry industries company corporation
    bureau agence comite groupe ligue unite secretariat programme communaute institut
    association regime reseau fondation partenariat alliance conseil assemblee universite
    organizacion oficina organismo agencia comision consejo centro comite grupo liga
    dependencia secretaria programa comunidad instituto asociacion regimen red fundacion
    alianza asamblea universidad
    организация управление агентство комиссия совет центр комитет группа лига секретариат
    программа сообщество институт ассоциация режим сеть фонд партнерство союз содружество
    ассамблея университет
    منظمة مكتب وكالة لجنة مجلس مركز مجموعة جماعة اتحاد رابطة جامعة معهد برنامج فريق وحدة
    شراكة مبادرة نظام
    """.split()
)


def _normalised(words_: frozenset[str]) -> frozenset[str]:
    """The word lists above as :func:`fold` writes words (accents off, Arabic letters unified)."""
    return frozenset(fold(w) for w in words_)


def clean(text: str) -> str:
    """Readable clean-up: quotes, footnote markers, line-break hyphens, spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    text = FOOTNOTES.sub("", text)
    text = LINE_BREAK_HYPHEN.sub(r"\1", text)
    text = re.sub(r"\s+", " ", text).strip(" \t.,;:")
    return text


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _arabic_word(word: str) -> str:
    """An Arabic word without its article and letter variants ("الهند" -> "هند")."""
    word = word.replace("ى", "ي").replace("ة", "ه")
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, quotes unified, single spaces, no leading "the"."""
    text = strip_accents(clean(text)).lower()
    text = LEADING_THE.sub("", text)
    if ARABIC.search(text):
        text = ARABIC_WORD.sub(lambda m: _arabic_word(m.group(0)), text)
    return text


GENERIC_WORDS = _normalised(GENERIC_WORDS)
ORGANISATION_WORDS = _normalised(ORGANISATION_WORDS)
STOPWORDS = _normalised(STOPWORDS)


def compact(text: str) -> str:
    """The key for exact comparison: letters and digits only ("Turk- menistan" == "Turkmenistan")."""
    return "".join(c for c in fold(text) if c.isalnum())


CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RU_ENDINGS = sorted({
    strip_accents(e) for e in  # as fold() writes them ("й" loses its breve)
    """иями ями ами ией ого его ому ему ой ей ий ый ая яя ое ее ые ым им ом ем ую юю ии ия ию ие
    ых их ов ев ам ям ах ях а я ы и у ю е о""".split()}, key=len, reverse=True)
_RU_GENERIC = None  # stems of the generic words, computed on first use


def _ru_stem(word: str) -> str:
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def inflection_key(text: str, core: bool = False) -> str | None:
    """For a Russian name, its words without their case endings ("Кыргызской Республики" and
    "Кыргызская Республика" share one key); ``core``: without the generic words too
    ("Республики Казахстан" -> "казахстан"). None for other scripts."""
    global _RU_GENERIC
    if not CYRILLIC.search(text):
        return None
    folded = fold(text)
    stems = [_ru_stem(w) for w in re.findall(r"\w+", folded)]
    if core:
        if _RU_GENERIC is None:
            _RU_GENERIC = frozenset(_ru_stem(w) for w in GENERIC_WORDS if CYRILLIC.search(w))
        stems = [s for s in stems if s not in _RU_GENERIC and s not in STOPWORDS]
    return " ".join(stems) or None


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", ELISION.sub(r"\1 ", fold(text)))


def core_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in GENERIC_WORDS)


def content_words(text: str) -> frozenset[str]:
    """The words of a name less the stopwords of its language."""
    return frozenset(w for w in words(text) if w not in STOPWORDS)


def looks_like_organisation(text: str) -> bool:
    return any(w in ORGANISATION_WORDS for w in words(text))


def is_code(text: str) -> bool:
    """Is this written as a code or acronym: one token, mostly capitals ("KAZ", "OPCW",
    "BWC-ISU", "HCoC", "U.S.", "СНГ")? "and", "Can" and "Interpol" are not."""
    text = clean(text)
    if not text or " " in text or len(text) > 14:
        return False
    upper = sum(1 for c in text if c.isupper())
    lower = sum(1 for c in text if c.islower())
    return upper >= 2 and upper > lower


def code_form_matches(query: str, recorded: str) -> bool:
    """A code is a code only when written as one: all in capitals, or exactly as recorded."""
    query = clean(query)
    if not any(c.islower() for c in query):
        return True
    return query == clean(recorded)


def _arabic_prefixes(text: str) -> str | None:
    """"والمكسيك" (and Mexico), "للمكسيك" (for Mexico), "بالمكسيك" -> "المكسيك"."""
    first, sep, rest = text.partition(" ")
    if not ARABIC.match(first) or len(first) < 4:
        return None
    stripped = first
    if stripped.startswith("و") and len(stripped) > 3:
        stripped = stripped[1:]
    if stripped.startswith("لل") and len(stripped) > 3:
        stripped = "ال" + stripped[2:]
    elif stripped[:3] in ("بال", "كال", "فال", "وال"):
        stripped = stripped[1:]
    if stripped == first:
        return None
    return stripped + sep + rest


def variants(text: str) -> list[str]:
    """Forms of one name worth looking up, most faithful first.

    "Commonwealth of Independent States (CIS)" gives the full text, the name without the
    bracket and the bracketed acronym; "Korea, Republic of" gives "Republic of Korea";
    "le Mexique" gives "Mexique"; "والمكسيك" gives "المكسيك".
    """
    base = clean(text)
    out = [base]
    for form in list(out):
        if GOVERNMENT_OF.match(form):
            out.append(GOVERNMENT_OF.sub("", form))
        if GOVERNMENT_SUFFIX.search(form):
            out.append(GOVERNMENT_SUFFIX.sub("", form))
    for form in list(out):
        bracket = BRACKET.search(form)
        if bracket:
            outside = clean(BRACKET.sub(" ", form))
            inside = clean(bracket.group(1))
            out += [outside, inside]
    for form in list(out):
        inverted = INVERTED.match(form)
        if inverted:
            out.append(f"{inverted.group('tail')} {inverted.group('head')}")
    for form in list(out):
        if ARTICLES.match(form):
            out.append(ARTICLES.sub("", form))
        arabic = _arabic_prefixes(form)
        if arabic:
            out.append(arabic)
    seen: list[str] = []
    for form in out:
        form = clean(form)
        if form and form not in seen:
            seen.append(form)
    return seen


def sort_key(text: str) -> tuple[str, str]:
    """A key to sort names in any of the six UN languages: accents and case ignored first
    (Égypte with the E's, Österreich with the O's), then the exact text to break ties. A plain
    unicodedata fold, not a full collation (PyICU is not installed): letters of one script sort
    by their code points (Arabic and Cyrillic alphabetically; Chinese by code point, not by
    pinyin or strokes)."""
    text = text or ""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold(), text
