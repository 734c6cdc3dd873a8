"""Cleaning the raw text of a note before it is parsed.

Handles what PDF, DOCX and hand-typed notes do to text: curly quotes and dashes, footnote
markers, line-end hyphens, page numbers, stray characters, Markdown markup and the
"For information only" footnote.
"""

from __future__ import annotations

import re
import unicodedata

from clearinghouse.outreach.notes.labels import LABELS

_CHARS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\ufe58": "-",
    "\ufe63": "-",
    "\uff0d": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
    "\u3000": " ",
    "\t": " ",
    "\u00ad": "",
    "\u200b": "",
    "\ufeff": "",
    "\u200e": "",
    "\u200f": "",
    "\u2060": "",
    "\u202a": "",
    "\u202b": "",
    "\u202c": "",
    "\u202d": "",
    "\u202e": "",
    "\u2066": "",
    "\u2067": "",
    "\u2068": "",
    "\u2069": "",
    "\r": "\n",
    "\f": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}
# Footnote markers and bullets: removed (superscripts before NFKC turns them into digits).
for _c in "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079\u2020\u2021":
    _CHARS[_c] = ""
for _c in "\u2022\u25e6\u25aa\u25a0\u25a1\u25ba\u27a2\u2713\u2714\u2756\u25cf\u25cb\u00a7\u00b6":
    _CHARS[_c] = " "
_TRANS = str.maketrans(_CHARS)


def _words(s: str) -> str:
    return r"\s+".join(s.split())


FOOTNOTE_RE = re.compile(
    r"(?:(?<!\S)(?:\[\d{1,2}\]|\d{1,2}|\*+)\s*)?"
    + _words("For information only")
    + r"\s*[-:,]?\s*"
    + _words("not an official report")
    + r"\s*[.;]?\s*(?:"
    + _words(
        "The views expressed here do not necessarily represent those of the 1540 Committee "
        "or of the organi[sz]ers or participants in the event"
    )
    + r")?\.?",
    re.IGNORECASE,
)

# The footnote in the other languages notes are read in, and its usual variants.
FOOTNOTE_OTHER_RE = re.compile(
    r"(?:(?<!\S)(?:\[\d{1,2}\]|\d{1,2}|\*+)\s*)?"
    r"(?:(?:for\s+information(?:al\s+purposes)?\s+only|information\s+only)\s*[-:,;.]?\s*"
    r"(?:(?:this\s+is\s+)?not\s+an\s+official\s+(?:report|record|document))"
    r"|(?:[àa]\s+titre\s+d'information(?:\s+seulement|\s+uniquement)?|pour\s+information"
    r"(?:\s+seulement|\s+uniquement)?)\s*[-:,;.]?\s*(?:(?:ce\s+document\s+)?ne\s+constitue\s+pas|"
    r"il\s+ne\s+s'agit\s+pas\s+d')\s*(?:un\s+)?(?:rapport|compte\s+rendu|document)\s+officiel"
    r"|(?:s[oó]lo|solamente|[uú]nicamente)\s+(?:a\s+t[ií]tulo\s+informativo|para\s+informaci[oó]n)"
    r"\s*[-:,;.]?\s*(?:no\s+(?:es|constituye)\s+un\s+(?:informe|documento)\s+oficial)"
    r"|(?:только|исключительно)\s+для\s+информации\s*[-:,;.]?\s*(?:не\s+является\s+"
    r"официальн\w+\s+(?:доклад\w*|отчет\w*|документ\w*)))"
    r"\s*[.;]?(?:\s*(?:the\s+views|les\s+opinions|las\s+opiniones|мнения)[^\n]{0,300}?"
    r"(?:event|manifestation|evento|мероприятия)\b)?\.?",
    re.IGNORECASE,
)


def _footnote_pattern(text: str) -> str:
    """A rendered note's footnote as a pattern: any run of spaces (a line break in a PDF)
    between words, and between Chinese characters."""
    text = unicodedata.normalize("NFKC", text.translate(_TRANS))
    return r"\s*".join(re.escape(ch) for ch in text if not ch.isspace())


# The footnote of a note rendered in French, Spanish, Russian, Arabic or Chinese (labels.py).
FOOTNOTE_RENDERED_RE = re.compile(
    r"(?:(?<!\S)(?:\[\d{1,2}\]|\d{1,2}|\*+)\s*)?(?:"
    + "|".join(_footnote_pattern(v["footnote"]) for k, v in LABELS.items() if k != "en")
    + r")\.?",
    re.IGNORECASE,
)
# Page furniture: a running header or footer that ends with its page number, and the
# document's own heading repeated on each page.
_RUNNING_LINE = re.compile(
    r"(?im)^[^\n]{0,120}?\b(?:page|p\.|página|страница)\s*\d{1,3}\s*(?:of|sur|de|из|/)\s*\d{1,3}[ ]*$"
)
_TITLE_LINE = re.compile(
    r"(?im)^[ ]*(?:information\s+note|note\s+d'information|nota\s+informativa|"
    r"информационная\s+записка|مذكرة\s+إعلامية|情况说明)[ ]*\d?[ ]*$"
)

_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_MD_HEADING = re.compile(r"(?m)^[ ]{0,3}#{1,6}[ ]+")
_MD_BULLET = re.compile(r"(?m)^[ ]{0,6}[-*+][ ]+(?=\S)(?![\d\s-]*$)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_RULE = re.compile(r"(?m)^[ ]{0,3}(?:[-*_][ ]*){3,}$")
_BRACKET_MARK = re.compile(r"\[\^?\d{1,2}\](?::)?")
_STAR_MARK = re.compile(r"(?<=[\w).,\]\"'])\*+")
_PAGE_LINE = re.compile(
    r"(?im)^[ ]*(?:-[ ]*)?(?:page[ ]+)?\d{1,3}(?:[ ]*(?:/|of)[ ]*\d{1,3})?(?:[ ]*-)?[ ]*$"
)
_STRAY_LINE = re.compile(r"(?m)^[ ]*[^\w\s\"'(]{1,3}[ ]*$")
_STRAY_CHARS = re.compile(r"[|~^\\]")
_LINE_HYPHEN = re.compile(r"(\w+)-[ ]*\n\s*(\w+)")
_SPACE_HYPHEN = re.compile(r"(?<=[a-z])(\w*)- (?=[a-z])")
_WORD = re.compile(r"[\w'-]+")


def normalise_chars(text: str) -> str:
    """Quotes, dashes, spaces, superscript markers and bullets; then NFKC."""
    text = text.translate(_TRANS)
    return unicodedata.normalize("NFKC", text)


def strip_markdown(text: str) -> str:
    text = _MD_LINK.sub(r"\1 (\2)", text)
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = text.replace("**", "").replace("__", "")
    text = _MD_BULLET.sub("", text)
    return _MD_ESCAPE.sub(r"\1", text)


_URL_START = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)
# A link cut at a line end after a slash: "https://www.un.org/en/sc/1540/\ntransparency-..."
_URL_BREAK = re.compile(
    r"((?:https?://|www\.)\S*/)[ ]*\n[ ]*"
    r"(?=[a-z0-9][\w]*[./#?=&%_-][\w./#?=&%-]*(?:\s|$))(?=[\w./#?=&%-]*[a-z])",
    re.IGNORECASE)


def _in_url(text: str, at: int) -> bool:
    """Is the word ending at ``at`` part of a link (no space back to "http" or "www.")?"""
    return bool(_URL_START.search(text[max(0, at - 300):at]))


def _dehyphenate(text: str) -> str:
    words = {w.lower() for w in _WORD.findall(text)}

    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if _in_url(m.string, m.end(1)):
            return f"{left}-{right}"  # a link keeps its hyphens: "transparency-and-outreach"
        if right[:1].isupper() or right[:1].isdigit() or left[-1:].isdigit():
            return f"{left}-{right}"
        hyphenated = f"{left}-{right}".lower()
        if hyphenated in words and f"{left}{right}".lower() not in words:
            return f"{left}-{right}"
        return left + right

    text = _URL_BREAK.sub(r"\1", text)
    text = _LINE_HYPHEN.sub(join, text)

    def space(m: re.Match[str]) -> str:
        return m.group(1) + "-" if _in_url(m.string, m.end(1)) else m.group(1)

    return _SPACE_HYPHEN.sub(space, text)


def clean(text: str, *, markdown: bool = False) -> str:
    """Return text ready for parsing; paragraph breaks (blank lines) are kept."""
    text = normalise_chars(text)
    if markdown or re.search(r"(?m)^#{1,6} |\*\*\w", text):
        text = strip_markdown(text)
    text = _BRACKET_MARK.sub("", text)
    text = _STAR_MARK.sub("", text)
    text = _STRAY_CHARS.sub(" ", text)
    text = _RUNNING_LINE.sub("", text)
    text = _TITLE_LINE.sub("", text)
    text = _PAGE_LINE.sub("", text)
    text = _STRAY_LINE.sub("", text)
    text = _dehyphenate(text)
    text = FOOTNOTE_RE.sub("\n", text)
    text = FOOTNOTE_RENDERED_RE.sub("\n", text)  # whole, before its first words go
    text = FOOTNOTE_OTHER_RE.sub("\n", text)
    text = re.sub(r"(https?://)\s+(?=\w)", r"\1", text)
    text = re.sub(r"[ ]+", " ", text)
    text = re.sub(r"\([ ]+", "(", re.sub(r"[ ]+\)", ")", text))
    text = re.sub(r"([\u0590-\u08ff\u3400-\u9fff])\(", r"\1 (", text)
    text = re.sub(r"(?m)^ | $", "", text)
    return text.strip()


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_GOES_ON = re.compile(
    r"(?:[,(\-/&]|\b(?:and|or|of|the|in|on|at|to|for|with|by|from|a|an|et|de|du|des|la|le|les|"
    r"y|el|los|las|del|и|в|на|по|с)|\d)$", re.IGNORECASE)


def paragraphs(text: str) -> list[str]:
    """Split on blank lines; rejoin a paragraph cut by a page break or a footnote (the part
    before ends without a full stop, and the part after starts with a small letter, or the
    part before has an open bracket or ends with a comma, a number or a small word)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = collapse(block)
        if not block:
            continue
        previous = out[-1] if out else ""
        cut = previous and not re.search(r"[.!?:;)\"]$", previous) and (
            block[:1].islower() or previous.count("(") > previous.count(")")
            or _GOES_ON.search(previous))
        if cut:
            out[-1] = f"{previous} {block}"
        else:
            out.append(block)
    return out


_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "table", "ul",
           "ol", "section", "article", "header", "footer", "dd", "dt"}


def html_to_text(markup: str) -> str:
    """The text of an HTML note: one paragraph per block element; no style, script or title."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("style", "script", "title", "head"):
                self.skip += 1
            elif tag in _BLOCKS:
                self.out.append("\n\n")

        def handle_endtag(self, tag):
            if tag in ("style", "script", "title", "head"):
                self.skip = max(0, self.skip - 1)
            elif tag in _BLOCKS:
                self.out.append("\n\n")

        def handle_data(self, data):
            if not self.skip:
                self.out.append(data)

    reader = _Text()
    reader.feed(markup)
    reader.close()
    text = "".join(reader.out)
    return re.sub(r"\n\s*\n(?:\s*\n)*", "\n\n", text).strip()
