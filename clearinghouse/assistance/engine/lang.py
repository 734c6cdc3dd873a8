"""Text in the six UN languages: detection, normalisation, tokens, stems and stop words (pure).

* **Detection** (``detect``): the script decides for Chinese (Han), Arabic and Russian
  (Cyrillic); a Latin-script text is English, French or Spanish as the small ``py3langid``
  model says, restricted to those three (its model is loaded once, on the first Latin text).
* **Tokens** (``analyzer(lang).tokens(text)``): words with their place in the text, so the
  words that triggered a tag can be quoted as written. Latin, Cyrillic and Arabic texts are
  split on non-letters, lower-cased, normalised (Arabic: diacritics, tatweel, alef and
  yeh forms, Arabic-Indic digits; Russian: ё) and stemmed with the Snowball stemmer of the
  language (``PyStemmer``); accents are removed after stemming, so "legislacion" written
  without its accent meets "legislación". Chinese has no spaces: its runs of Han characters
  give character bigrams (measured against jieba in docs/assistance.md), and keywords are
  matched on the characters themselves.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import Stemmer

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")  # the six UN languages
SNOWBALL = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W_]+")
_ZH_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_AR_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي",
                           "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5",
                           "٦": "6", "٧": "7", "٨": "8", "٩": "9",
                           "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5",
                           "۶": "6", "۷": "7", "۸": "8", "۹": "9"})

# Function words and the words every request or offer uses ("requests", "assistance"...):
# left out of the text similarity (keywords still match them).
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""a about above after again all also am an and any are as at be been before
        being below between both but by can could did do does doing during each few for from
        further had has have having he her here hers him his how i if in into is it its itself
        just may me more most my no nor not now of off on once only or other our ours out over
        own same shall she should so some such than that the their theirs them then there these
        they this those through to too under until up upon very via was we were what when where
        which while who whom why will with within would you your including include includes well
        request requests requested requesting offer offers offered provide provides provided
        providing assistance support supports country countries state states national government
        ministry need needs needed new use used e g etc per one two three year years following
        areas area""".split()),
    "fr": frozenset("""a à au aux avec ce ces cet cette d de des du dans elle en et est être
        il ils l la le les leur leurs lui mais ne ni nos notre nous on ou où par pas pour qu que
        qui sa se ses son sont sur ta te tes ton un une vos votre vous y afin ainsi notamment
        dont selon entre également auprès demande demandes sollicite sollicitent souhaite
        souhaiterait assistance appui aide soutien pays état états gouvernement ministère
        national nationale nationaux nationales suivante suivantes suivant suivants domaines
        domaine bénéficier fournir""".split()),
    "es": frozenset("""a al como con de del e el en entre es esta estas este estos ese esa
        la las lo los o para por que se sin sobre su sus también u un una unas unos y ya
        dicho dichos dicha dichas así cada solicita solicitan solicitud solicitudes asistencia
        apoyo ayuda país países estado estados gobierno ministerio nacional nacionales
        siguiente siguientes ámbitos ámbito materia""".split()),
    "ru": frozenset("""а без более бы был была были было в во вы где да для до его её ее же за
        и из или им их к как ко который которые котором которых ли на над не него нее ней
        них но о об он она они оно от по под при с со так также то того только у что чтобы
        эта эти это этого этом я просит просьба оказать оказания оказании содействие
        содействия помощь помощи помощью государство государства республика республики
        министерство министерства следующим следующие направлениям вопросам рамках""".split()),
    "ar": frozenset("""في من على الى إلى عن مع او أو ان أن إن التي الذي الذين هذه هذا ذلك تلك
        كما بما ما لا لم لن قد كان كانت بين حول ضمن لدى عبر بعد قبل عند كل اي أي وفي ومن وعلى
        تطلب يطلب طلب طلبت المساعده المساعدة مساعده مساعدة دعم الدعم دوله دولة الدوله الدولة
        حكومه حكومة وزاره وزارة الوطني الوطنية الوطنيه التاليه التالية يلي فيما""".split()),
    "zh": frozenset("的 和 与 及 在 为 对 等 了 是 并 或 其 以 之 于 将 由 从 向 请 求 协 助 援".split()),
}


class Analysis:
    """A text analysed in one language: its words (``norms``, ``stems``) and where they are in
    ``text`` (``spans``)."""

    __slots__ = ("text", "norms", "stems", "spans")

    def __init__(self, text: str, norms: list[str], stems: list[str], spans: list[tuple[int, int]]):
        self.text, self.norms, self.stems, self.spans = text, norms, stems, spans


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: ``surface`` as written, ``norm`` normalised, ``stem``; characters
    ``start``-``end`` of the text."""

    surface: str
    norm: str
    stem: str
    start: int
    end: int


def script_language(text: str) -> str | None:
    """The language the script alone decides (zh, ar, ru), or None for a Latin text."""
    han = len(_HAN.findall(text))
    if han >= 2:
        return "zh"
    arabic = len(_ARABIC.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    best = max(arabic, cyrillic, latin)
    if best == 0:
        return "zh" if han else None
    if arabic == best:
        return "ar"
    if cyrillic == best:
        return "ru"
    return None


_IDENTIFIER = None
_LOCK = threading.Lock()


def _identifier():
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _LOCK:
            if _IDENTIFIER is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
                ident.set_languages(["en", "fr", "es"])
                _IDENTIFIER = ident
    return _IDENTIFIER


# Words that tell English, French and Spanish apart (function words only one of them uses).
_MARKERS = {
    "en": frozenset("the of and to for with is are its this that from by on".split()),
    "fr": frozenset("le les des du et pour au aux une sur dans est avec d l qui".split()),
    "es": frozenset("el los las del y para con una por al sobre es que".split()),
}
_LOWER_WORD = re.compile(r"[a-zà-ÿ]+")


def function_word_language(text: str) -> str | None:
    """en, fr or es when the text's function words leave no doubt (at least three, and twice
    as many as for the next language), else None."""
    counts = {lang: 0 for lang in _MARKERS}
    for w in _LOWER_WORD.findall(text.lower()):
        for lang, words in _MARKERS.items():
            if w in words:
                counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda x: -x[1])
    (best, n1), (_, n2) = ranked[0], ranked[1]
    return best if n1 >= 3 and n1 >= 2 * n2 else None


def detect(text: str, default: str = "en") -> str:
    """The UN language ``text`` is written in (``default`` for a text without letters): the
    script for Chinese, Arabic and Russian; for a Latin text its function words when they leave
    no doubt, else the py3langid model (restricted to English, French and Spanish)."""
    lang = script_language(text)
    if lang is not None:
        return lang
    if not _LATIN.search(text):
        return default
    return function_word_language(text) or str(_identifier().classify(text)[0])


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def normalise_arabic(text: str) -> str:
    return _AR_DIACRITICS.sub("", text).translate(_AR_TABLE)


def _arabic_clitics(word: str) -> str:
    """Drop a conjunction or preposition glued to the article: وال فال بال كال -> ال, لل -> ال."""
    if len(word) > 4 and word[0] in "وفبك" and word[1:3] == "ال":
        return word[1:]
    if len(word) > 4 and word.startswith("لل"):
        return "ال" + word[2:]
    return word


class Analyzer:
    """Tokens and stems of one language (stems are cached; thread-safe enough for reads)."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self.stop = STOP_WORDS[lang]
        self._stemmer = Stemmer.Stemmer(SNOWBALL[lang]) if lang in SNOWBALL else None
        self._latin = Stemmer.Stemmer("english")
        analyzer_self = self

        class _Stems(dict):
            def __missing__(self, word):
                value = self[word] = analyzer_self._stem(word)
                return value

        self._cache = _Stems()

    def normalise(self, text: str) -> str:
        """Text as keywords are matched on: NFKC, lower case, script-specific folding."""
        text = unicodedata.normalize("NFKC", text).lower()
        if self.lang == "ar":
            text = normalise_arabic(text)
        elif self.lang == "ru":
            text = text.replace("ё", "е")
        return text

    def stem(self, word: str) -> str:
        return self._cache[word]

    def _stem(self, word: str) -> str:
        if word.isdigit() or len(word) <= 2:
            return word
        if self.lang == "ar":
            if _ARABIC.match(word):
                return self._stemmer.stemWord(_arabic_clitics(word))
            return self._latin.stemWord(word)
        if self.lang == "zh":
            return word if _HAN.match(word) else _strip_accents(self._latin.stemWord(word))
        if self.lang == "ru" and not _CYRILLIC.search(word):
            return _strip_accents(self._latin.stemWord(word))
        return _strip_accents(self._stemmer.stemWord(word))

    def tokens(self, text: str) -> list[Token]:
        """The words of ``text`` (for Chinese: runs of Han characters and other words)."""
        norm = self.normalise(text)
        if len(norm) != len(text):  # NFKC changed lengths (ligatures...): offsets approximate
            text = norm
        pattern = _ZH_WORD if self.lang == "zh" else _WORD
        return [Token(text[m.start():m.end()], m.group(), self.stem(m.group()), m.start(), m.end())
                for m in pattern.finditer(norm)]

    def analyse(self, text: str) -> Analysis:
        """The text's words, stems and their places, in one pass."""
        norm = self.normalise(text)
        if len(norm) != len(text):  # NFKC changed lengths (ligatures...): quote the normalised
            text = norm
        pattern = _ZH_WORD if self.lang == "zh" else _WORD
        spans = [m.span() for m in pattern.finditer(norm)]
        norms = [norm[a:b] for a, b in spans]
        cache = self._cache
        return Analysis(text, norms, [cache[w] for w in norms], spans)

    def terms(self, text: str | Analysis) -> list[str]:
        """Index terms for the text similarity: stems of non-stop words and adjacent pairs
        (Chinese: character bigrams of Han runs without function characters)."""
        a = text if isinstance(text, Analysis) else self.analyse(text)
        stop, norms, stems = self.stop, a.norms, a.stems
        if self.lang == "zh":
            out: list[str] = []
            for norm, stem in zip(norms, stems, strict=True):
                if _HAN.match(norm):
                    if len(norm) == 1:
                        if norm not in stop:
                            out.append(norm)
                    else:
                        out.extend(norm[i:i + 2] for i in range(len(norm) - 1)
                                   if norm[i] not in stop and norm[i + 1] not in stop)
                elif len(norm) > 1 and norm not in stop:
                    out.append(stem)
            return out
        idx = [k for k, n in enumerate(norms)
               if len(n) > 1 and n not in stop and stems[k] not in stop]
        out = [stems[k] for k in idx]
        out += [f"{stems[a]} {stems[b]}" for a, b in zip(idx, idx[1:], strict=False) if b == a + 1]
        return out

@cache
def analyzer(lang: str) -> Analyzer:
    return Analyzer(lang)
