"""Participant and organiser names: splitting lists and resolving each name.

Every name goes through the injected resolver. A name resolved with less than the minimum
confidence, ambiguously, or not at all is kept verbatim with no entity and a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from clearinghouse.outreach.notes.model import Entity

_ORG_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:government|ministry\s+of\s+foreign\s+affairs|permanent\s+mission|"
    r"delegation|secretariat|embassy|presidency)\s+of\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:and|&|as\s+well\s+as|including|et|ainsi\s+que|y|así\s+como|и|а\s+также)\s+",
                      re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+(?=\S)", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_TRAILING_DIGIT = re.compile(r"(?<=[A-Za-z)])\s?\d{1,2}$")
_CONNECTORS = re.compile(
    r"\s*(?:;|,?\s+in\s+(?:close\s+)?(?:cooperation|collaboration|partnership|coordination)"
    r"\s+with\s+|,?\s+(?:jointly|together)\s+with\s+|,?\s+with\s+the\s+(?:support|assistance)"
    r"\s+of\s+|,?\s+with\s+(?:support|funding)\s+from\s+|,?\s+(?:supported|funded|assisted)"
    r"\s+by\s+|,?\s+co-organi[sz]ed\s+by\s+|,?\s+hosted\s+by\s+|,\s+with\s+(?:the\s+)?"
    # French, Spanish, Russian
    r"|,?\s+en\s+(?:coop[ée]ration|collaboration|partenariat|coordination)\s+avec\s+"
    r"|,?\s+avec\s+(?:le\s+(?:soutien|concours|appui)|l'appui)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)?"
    r"|,?\s+en\s+(?:cooperaci[óo]n|colaboraci[óo]n|coordinaci[óo]n)\s+con\s+"
    r"|,?\s+con\s+el\s+apoyo\s+(?:de\s+la\s+|de\s+los\s+|del\s+|de\s+)?"
    r"|,?\s+в\s+сотрудничестве\s+с\s+|,?\s+при\s+(?:поддержке|содействии)\s+|,?\s+совместно\s+с\s+"
    r")\s*",
    re.IGNORECASE,
)
_NON_LATIN = re.compile(r"[\u0590-\u08ff\u0400-\u04ff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Scripts whose lists are not joined by a Latin or Cyrillic "and".
_RTL_CJK = re.compile(r"[\u0590-\u08ff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _entity(match: Any) -> Entity:
    kind = str(getattr(match, "kind", "")).lower()
    if kind.startswith("org"):
        kind = "organisation"
    return Entity(kind=kind, code=str(match.code))


class Names:
    """Resolution of names with a per-note cache and the warnings it gives."""

    def __init__(self, resolve: Callable[[str], Any], min_confidence: float):
        self._resolve = resolve
        self._cache: dict[str, Any] = {}
        self.min_confidence = min_confidence
        self.warnings: list[str] = []

    def raw(self, text: str) -> Any:
        if text not in self._cache:
            self._cache[text] = self._resolve(text)
        return self._cache[text]

    def _ok(self, res: Any) -> float:
        if res is None or res.match is None or getattr(res, "ambiguous", False):
            return 0.0
        conf = float(res.confidence or 0.0)
        return conf if conf >= self.min_confidence else 0.0

    def confident(self, text: str, *, strict: bool = False) -> float:
        """Confidence of a confident resolution of text (strict: the name itself), else 0."""
        text = text.strip(" ,;.:")
        if not text or len(text) > 200:
            return 0.0
        candidates = self._candidates(text)
        if strict:
            candidates = [text, _ORG_PREFIX.sub("", text).strip()]
        for candidate in candidates:
            conf = self._ok(self.raw(candidate))
            if conf:
                return conf
        return 0.0

    def known(self, text: str) -> bool:
        """Is this text, as a whole, a name the registry knows well (not a close spelling, not
        only a name in brackets inside other words)?"""
        text = text.strip(" ,;.:")
        if not text or len(text) > 300:
            return False
        for candidate in dict.fromkeys([text, _ORG_PREFIX.sub("", text).strip()]):
            res = self.raw(candidate)
            if (res is None or res.match is None or getattr(res, "ambiguous", False)
                    or float(res.confidence or 0.0) < 0.95):
                continue
            if getattr(res, "whole", True):
                return True
        return False

    def best(self, text: str) -> Entity | None:
        for candidate in self._candidates(text.strip(" ,;.:")):
            res = self.raw(candidate)
            if self._ok(res):
                return _entity(res.match)
        return None

    def split_and(self, piece: str) -> list[str] | None:
        """Split 'A and B and C' into names resolving to distinct entities, or None.

        'Bosnia and Herzegovina' stays whole (its halves name one State); 'INTERPOL and
        the World Customs Organization (WCO)' is split.
        """
        memo: dict[str, list[list[str]]] = {}

        def options(s: str) -> list[list[str]]:
            if s in memo:
                return memo[s]
            found = [[s]] if self.confident(s) else []
            for m in list(re.finditer(r"\s+(?:and|&|et|y|и|و)\s+", s))[:6]:
                left, right = s[: m.start()], clean_item(s[m.end() :], keep_the=True)
                if left.count("(") != left.count(")") or not self.confident(left):
                    continue
                found.extend([left, *rest] for rest in options(right))
            memo[s] = found
            return found

        best: list[str] | None = None
        for parts in options(piece):
            codes = [self.best(p) for p in parts]
            if len(set(codes)) == len(codes) and (best is None or len(parts) > len(best)):
                best = parts
        return best

    def _candidates(self, name: str) -> list[str]:
        out = [name]
        bare = _ORG_PREFIX.sub("", name).strip()
        if bare and bare != name:
            out.append(bare)
        first_paren = re.match(r"^([^()]{3,}?)\s*\(([A-Z][A-Za-z-]{1,11})\)", bare or name)
        if first_paren:
            out.append(first_paren.group(1).strip())
            out.append(first_paren.group(2))
        paren = _TRAILING_PAREN.search(bare or name)
        if paren:
            out.append((bare or name)[: paren.start()].strip())
            out.append(paren.group(1).strip())
        if _NON_LATIN.search(name):
            latin = _NON_LATIN.sub("", name)
            latin = re.sub(r"[()\[\]]", " ", latin)
            latin = re.sub(r"\s+", " ", latin).strip(" ,;-/")
            if re.search(r"[A-Za-z]{3}", latin):
                out.append(latin)
            script = re.sub(r"[A-Za-z()\[\]/]+", " ", name)
            script = re.sub(r"\s+", " ", script).strip(" ,;-")
            if script:
                out.append(script)
        more = [_ORG_PREFIX.sub("", c).strip() for c in out]
        return [c for c in dict.fromkeys(out + more) if c]

    def lookup(
        self, name: str, *, role: str, group: str | None = None, warn: bool = True
    ) -> tuple[Entity | None, float]:
        first = None
        for candidate in self._candidates(name):
            res = self.raw(candidate)
            first = first or res
            conf = self._ok(res)
            if conf:
                return _entity(res.match), conf
        if warn:
            self.warnings.append(self._warning(name, role, group, first))
        conf = float(getattr(first, "confidence", 0.0) or 0.0) if first else 0.0
        return None, conf if first is not None and first.match is not None else 0.0

    def _warning(self, name: str, role: str, group: str | None, res: Any) -> str:
        where = f" in {group!r}" if group else ""
        why = "not recognised"
        if res is not None:
            if getattr(res, "ambiguous", False):
                codes = [
                    getattr(getattr(a, "entity", a), "code", str(a))
                    for a in (res.alternatives or ())
                ]
                why = "ambiguous" + (f" ({', '.join(codes)})" if codes else "")
            elif res.match is not None:
                why = f"low confidence ({res.confidence:.2f} for {res.match.code})"
            elif getattr(res, "note", ""):
                why = res.note
        return f"{role} {name!r}{where} kept verbatim, unresolved: {why}"


def split_depth0(text: str, seps: str) -> tuple[list[str], list[str]]:
    """Split at separators outside brackets and double quotes (a quoted name is one name):
    (parts, the separator after each part but the last)."""
    parts, found, depth, buf = [], [], 0, []
    quoted = False
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == '"':
            quoted = not quoted
        if ch in seps and depth == 0 and not quoted:
            parts.append("".join(buf))
            found.append(ch)
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts, found


def clean_item(piece: str, *, keep_the: bool = False) -> str:
    piece = re.sub(r"(?<![\w])['\"]([^'\"]+)['\"](?![\w])", r"\1", piece)
    piece = re.sub(r"\s+", " ", piece)
    piece = piece.strip(" .,;:-\"'")
    piece = _LEADING.sub("", piece)
    if keep_the:
        piece = re.sub(r"^the\s+", "", piece)
    else:
        piece = _LEADING_THE.sub("", piece)
    return piece.strip(" .,;:-\"'")


def split_and(piece: str, names: Names) -> list[str]:
    if not re.search(r"\s(?:and|&|et|y|и|و)\s", piece):
        return [piece]
    parts = names.split_and(piece)
    return parts if parts else [piece]


def split_organizers(text: str, names: Names) -> list[str]:
    from clearinghouse.outreach.notes.participants import split_items

    out: list[str] = []
    for chunk in _CONNECTORS.split(text):
        chunk = chunk.strip(" .,;")
        if not chunk:
            continue
        if re.search(r"\s(?:and|&|et|y|и)\s", chunk) and not _RTL_CJK.search(chunk):
            parts = names.split_and(clean_item(chunk, keep_the=True))
            if parts and len(parts) > 1:
                out.extend(clean_item(p, keep_the=True) for p in parts)
                continue
        if _RTL_CJK.search(chunk) or names.confident(chunk, strict=True):
            out.append(clean_item(chunk, keep_the=True))
            continue
        out.extend(name for name, _remark in split_items(chunk, names, keep_the=True))
    return [o for o in out if o]
