"""Split a request's description into proposed needs (pure): numbered and bulleted lists in any
of the six UN languages.

Recognised items, at the start of a line or after ``:`` ``;`` (``؛`` ``：`` ``；``):

* numbers ``1.`` ``1)`` ``(1)`` ``1°`` ``１．`` ``（1）``, Arabic-Indic ``١.`` ``٢-``;
* letters ``a)`` ``(b)`` ``c.``, Cyrillic ``а)`` ``б)``, Arabic ``أ)`` ``ب)`` ``ج)``;
* Roman numerals ``i.`` ``ii)`` ``(iv)``; Chinese ``一、`` ``（二）``, circled ``①``;
* bullets ``-`` ``•`` ``·`` ``▪`` ``*`` ``–`` at the start of a line;
* ordinal words followed by a comma or colon, also after a full stop: "First, ... Second,";
  "Premièrement, ... Deuxièmement,", "En premier lieu,"; "Primero, ... Segundo,", "En primer
  lugar,"; "Во-первых, ... Во-вторых,"; "أولاً، ... ثانياً،"; "第一，... 第二，", "首先，... 其次，".

A list is a run of at least two items of one style numbered 1, 2, 3... (bullets: any two);
numbering may restart at 1 under a new heading line ending with a colon ("Related to border
controls:"), which then becomes each item's heading. The list that starts first wins (nested
lists stay inside their item). Anything else (one item, no list, "resolution 1540 (2004)",
"Recommendation 7.") keeps the request one need. The splitter only proposes: the expert or the
State's point of contact confirms or edits the needs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CLOSE = re.compile(r"[\s;,:؛；，。.]+$")
_TRAILING_AND = re.compile(r"\s+(?:and|or|et|ou|y|e|o|и|или|و)\s*$", re.IGNORECASE)
_STRONG = re.compile(r"(?:\A|(?<=[\n:;؛。；：]))[ \t\u3000\u00a0]*"
                     r"(?:(?:and|or|et|ou|y|e|o|и|или|و)\s+)?", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])[ \t\u00a0]+")

ORDINALS: dict[str, int] = {}
for _words in (
    ["first", "second", "third", "fourth", "fifth", "sixth"],
    ["firstly", "secondly", "thirdly", "fourthly", "fifthly"],
    ["premièrement", "deuxièmement", "troisièmement", "quatrièmement", "cinquièmement"],
    ["en premier lieu", "en deuxième lieu", "en troisième lieu", "en quatrième lieu"],
    ["primero", "segundo", "tercero", "cuarto", "quinto"],
    ["en primer lugar", "en segundo lugar", "en tercer lugar", "en cuarto lugar"],
    ["во-первых", "во-вторых", "в-третьих", "в-четвертых", "в-пятых"],
    ["أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً"],
    ["أولا", "ثانيا", "ثالثا", "رابعا", "خامسا"],
    ["第一", "第二", "第三", "第四", "第五"],
):
    for _n, _w in enumerate(_words, 1):
        ORDINALS[_w] = _n
ORDINALS.update({"en second lieu": 2, "в-четвёртых": 4, "首先": 1, "其次": 2, "再次": 3,
                 "第六": 6})
_ORDINAL = re.compile(
    "(" + "|".join(re.escape(w) for w in sorted(ORDINALS, key=len, reverse=True)) + r")"
    r"\s*[,،，:：]\s*", re.IGNORECASE)

_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}
_CYR = "абвгдежзиклмн"
_ABJAD = "ابجدهوزحطي"

# (family, shape, pattern): group 1 is the numeral; each needs text after it
_MARKERS = [
    ("decimal", "paren", re.compile(r"\((\d{1,2})\)\s*(?=\S)")),
    ("decimal", "dot", re.compile(r"(\d{1,2})\s?[.．](?!\d)\s*(?=\S)")),
    ("decimal", "close", re.compile(r"(\d{1,2})\s?\)\s*(?=\S)")),
    ("decimal", "comma", re.compile(r"(\d{1,2})\s?[、]\s*(?=\S)")),
    ("decimal", "degree", re.compile(r"(\d{1,2})\s?[°ºª](?:[.)])?\s*(?=\S)")),
    ("arabic_digit", "any", re.compile(r"([١-٩][٠-٩]?)\s?[.)\-–]\s*(?=\S)")),
    ("roman", "paren", re.compile(r"\(([ivx]{1,5})\)\s+(?=\S)", re.IGNORECASE)),
    ("roman", "dot", re.compile(r"([ivx]{1,5})[.)]\s+(?=\S)", re.IGNORECASE)),
    ("latin", "paren", re.compile(r"\(([a-h])\)\s+(?=\S)", re.IGNORECASE)),
    ("latin", "dot", re.compile(r"([a-h])[.)]\s+(?=\S)", re.IGNORECASE)),
    ("cyrillic", "paren", re.compile(r"\(([а-н])\)\s*(?=\S)", re.IGNORECASE)),
    ("cyrillic", "close", re.compile(r"([а-н])\)\s*(?=\S)", re.IGNORECASE)),
    ("arabic_letter", "any", re.compile(r"\(?([أابجدهوز])\s?[)\-–]\s*(?=\S)")),
    ("chinese", "paren", re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]\s*(?=\S)")),
    ("chinese", "comma", re.compile(r"([一二三四五六七八九十]{1,3})[、．.]\s*(?=\S)")),
    ("circled", "any", re.compile(r"([\u2460-\u2473])\s*(?=\S)")),
    ("bullet", "any", re.compile(r"([-•·▪◦●*–—])\s+(?=\S)")),
]


@dataclass(frozen=True)
class ProposedNeed:
    """One item of the list: its words (marker removed), the marker, the heading it sits under,
    and where it is in the description (``start``-``end``)."""

    text: str
    marker: str = ""
    heading: str = ""
    start: int = 0
    end: int = 0

    @property
    def full_text(self) -> str:
        """The words that describe the need: heading and item."""
        return f"{self.heading.rstrip(':： ')}: {self.text}" if self.heading else self.text


@dataclass(frozen=True)
class Split:
    """``needs`` has one element (the whole description) when the text holds no list."""

    preamble: str
    needs: tuple[ProposedNeed, ...]
    postamble: str = ""

    @property
    def is_list(self) -> bool:
        return len(self.needs) > 1


@dataclass(frozen=True)
class _Mark:
    family: str
    shape: str
    value: int | None
    start: int  # where the marker begins
    body: int  # where the item's words begin
    boundary: str  # "line" (start of text or line), "inline" (after : ;), "sentence"
    marker: str


def _value(family: str, raw: str) -> int | None:
    raw = raw.lower()
    if family == "decimal":
        return int(raw)
    if family == "arabic_digit":
        return int(raw.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
    if family == "roman":
        values = {"i": 1, "v": 5, "x": 10}
        total = 0
        for a, b in zip(raw, raw[1:] + " ", strict=True):
            v = values[a]
            total += -v if b != " " and values.get(b, 0) > v else v
        return total
    if family == "latin":
        return ord(raw) - ord("a") + 1
    if family == "cyrillic":
        return _CYR.index(raw) + 1 if raw in _CYR else None
    if family == "arabic_letter":
        return _ABJAD.index("ا" if raw == "أ" else raw) + 1
    if family == "chinese":
        if raw == "十":
            return 10
        if raw.startswith("十"):
            return 10 + _ZH_DIGITS[raw[1]]
        if raw.endswith("十"):
            return _ZH_DIGITS[raw[0]] * 10
        if len(raw) == 3:
            return _ZH_DIGITS[raw[0]] * 10 + _ZH_DIGITS[raw[2]]
        return _ZH_DIGITS.get(raw)
    if family == "circled":
        return ord(raw) - 0x2460 + 1
    return None


def _boundary(text: str, pos: int) -> str:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u3000\u00a0":
        k -= 1
    return "line" if k < 0 or text[k] == "\n" else "inline"


def _marks(text: str, original: str) -> list[_Mark]:
    out: list[_Mark] = []
    seen: set[tuple[int, str]] = set()
    starts = [(m.end(), None) for m in _STRONG.finditer(text)]
    starts += [(m.end(), "sentence") for m in _SENTENCE.finditer(text)]
    for pos, kind in starts:
        if pos >= len(text):
            continue
        boundary = kind or _boundary(text, pos)
        m = _ORDINAL.match(text, pos)
        if m and (pos, "ordinal") not in seen:
            seen.add((pos, "ordinal"))
            word = m.group(1).lower()
            out.append(_Mark("ordinal", "word", ORDINALS[word], pos, m.end(), boundary,
                             m.group(1)))
        if boundary == "sentence":
            continue  # numbers and letters only at the start of a line or after : ;
        for family, shape, pattern in _MARKERS:
            if family == "bullet" and boundary != "line":
                continue
            # NFKC turns circled numbers into digits and ª º into letters: read the original
            m = pattern.match(original if family == "circled" or shape == "degree" else text,
                              pos)
            if not m or (pos, family + shape) in seen:
                continue
            value = _value(family, m.group(1)) if family != "bullet" else None
            if family != "bullet" and value is None:
                continue
            seen.add((pos, family + shape))
            out.append(_Mark(family, shape, value, pos, m.end(), boundary,
                             m.group(0).strip()))
    out.sort(key=lambda x: x.start)
    return out


def _heading_before(text: str, pos: int, floor: int) -> tuple[str, int] | None:
    """The line just before ``pos`` if it ends with a colon (a heading), and where it starts."""
    line_end = text.rfind("\n", floor, pos)
    while line_end >= 0:
        line_start = max(text.rfind("\n", floor, line_end) + 1, floor)
        line = text[line_start:line_end].strip()
        if line:
            if line[-1] in ":：" and len(line) < 200:
                return line, line_start
            return None
        if line_start <= floor:
            return None
        line_end = line_start - 1  # a blank line: look at the one before
    return None


def _sequence(marks: list[_Mark], text: str) -> list[tuple[_Mark, str]]:
    """The marks of one style that form a list (with each mark's heading), or []."""
    if not marks:
        return []
    if marks[0].family == "bullet":
        return [(m, "") for m in marks] if len(marks) >= 2 else []
    first = next((k for k, m in enumerate(marks) if m.value == 1), None)
    if first is None:
        return []
    chosen = [(marks[first], "")]
    restarts = False
    for m in marks[first + 1:]:
        last = chosen[-1][0]
        if m.value == last.value + 1:
            chosen.append((m, ""))
        elif m.value == 1:
            heading = _heading_before(text, m.start, last.body)
            if heading is not None:
                chosen.append((m, heading[0]))
                restarts = True
    if len(chosen) < 2:
        return []
    if restarts:
        head = _heading_before(text, chosen[0][0].start, 0)
        chosen[0] = (chosen[0][0], head[0] if head else "")
    return chosen


def _clean(words: str) -> str:
    words = " ".join(words.split())
    words = _CLOSE.sub("", words)
    return _CLOSE.sub("", _TRAILING_AND.sub("", words)).strip()


def split_needs(description: str) -> Split:
    """Proposed needs of a description (one need when it holds no list)."""
    text = unicodedata.normalize("NFKC", description)
    if len(text) != len(description):
        description = text
    whole = Split("", (ProposedNeed(_clean(description), "", "", 0, len(description)),))
    marks = _marks(text, description if len(description) == len(text) else text)
    styles: dict[tuple[str, str], list[_Mark]] = {}
    for m in marks:
        styles.setdefault((m.family, m.shape), []).append(m)
    best: list[tuple[_Mark, str]] = []
    for style_marks in styles.values():
        seq = _sequence(style_marks, text)
        if not seq:
            continue
        if not best or (seq[0][0].start, -len(seq)) < (best[0][0].start, -len(best)):
            best = seq
    if not best:
        return whole
    items = []
    postamble = ""
    for k, (mark, heading) in enumerate(best):
        if k + 1 < len(best):
            nxt_mark, nxt_heading = best[k + 1]
            end = nxt_mark.start
            if nxt_heading:
                found = _heading_before(text, nxt_mark.start, mark.body)
                if found:
                    end = found[1]
        else:
            end = len(text)
            para = text.find("\n\n", mark.body)
            if para >= 0 and text[para:].strip():
                end = para
                postamble = _clean(description[para:])
        words = _clean(description[mark.body:end])
        if words:
            items.append(ProposedNeed(words, mark.marker, heading, mark.start, end))
    if len(items) < 2:
        return whole
    first = best[0][0]
    preamble_end = first.start
    if best[0][1]:
        found = _heading_before(text, first.start, 0)
        if found:
            preamble_end = found[1]
    return Split(_clean(description[:preamble_end]), tuple(items), postamble)
