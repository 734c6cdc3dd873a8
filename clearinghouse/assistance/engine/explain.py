"""Readable reasons for a score, and for a pair that is not a candidate ("why not")."""

from __future__ import annotations

from .models import Tag
from .scoring import Model

LANGUAGES = {
    "ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian",
    "es": "Spanish", "pt": "Portuguese", "de": "German", "ja": "Japanese", "ko": "Korean",
    "fa": "Persian", "tr": "Turkish", "uk": "Ukrainian", "kk": "Kazakh", "ky": "Kyrgyz",
    "tg": "Tajik", "uz": "Uzbek", "tk": "Turkmen", "sw": "Swahili", "id": "Indonesian",
    "ms": "Malay", "th": "Thai", "vi": "Vietnamese", "hi": "Hindi", "ur": "Urdu",
    "it": "Italian", "nl": "Dutch", "mn": "Mongolian", "hy": "Armenian", "ka": "Georgian",
    "az": "Azerbaijani", "sr": "Serbian", "sq": "Albanian", "mk": "Macedonian",
}
RELATION_TEXT = {
    "offer_broader": "offer covers the broader {o}, which includes requested {r}",
    "offer_narrower": "requested {r}; offer covers part of it: {o}",
    "sibling": "same branch: requested {r}, offer covers {o}",
    "related": "related: requested {r}, offer covers {o}",
}


def _lang(code: str) -> str:
    return LANGUAGES.get(code, code)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _source(tag: Tag) -> str:
    if tag.source == "given":
        return "given"
    quoted = ", ".join(f"'{e}'" for e in tag.evidence[:3])
    return f"inferred from {quoted}" if quoted else "inferred"


def _cached(model: Model, key: tuple, make):
    cache = model.__dict__.setdefault("_reason_cache", {})
    value = cache.get(key)
    if value is None:
        value = cache[key] = make()
    return value


def eligibility_reason(model: Model, i: int, j: int) -> tuple[bool, str]:
    req = model.requests[i]
    return _cached(model, ("elig", req.state, j), lambda: _eligibility(model, i, j))


def _eligibility(model: Model, i: int, j: int) -> tuple[bool, str]:
    req, off = model.requests[i], model.offers[j]
    if not off.eligibility:
        return True, "Eligible: the offer is open to any State"
    for label, members in off.eligibility:
        if req.state in members:
            if label == req.state_name:
                return True, f"Eligible: the offer names {req.state_name}"
            return True, f"Eligible: {req.state_name} is in {label}"
    labels = _join([label for label, _ in off.eligibility])
    return False, f"Not eligible: {req.state_name} is not in {labels}"


def validity_reason(model: Model, i: int, j: int) -> tuple[bool, str | None]:
    req, off = model.requests[i], model.offers[j]
    if off.valid_to and req.date > off.valid_to:
        return False, f"Not valid: the offer ended on {off.valid_to}, before the request " \
                      f"date {req.date}"
    if off.valid_from and req.date < off.valid_from:
        return False, f"Not valid: the offer starts on {off.valid_from}, after the request " \
                      f"date {req.date}"
    if off.valid_from or off.valid_to:
        span = f"{off.valid_from or 'open start'} to {off.valid_to or 'open end'}"
        return True, f"Valid: the offer runs {span}, covering the request date {req.date}"
    return True, None


def _signed(x: float) -> str:
    return f"{x:+.2f}"


def area_reason(model: Model, i: int, j: int, contribution: float) -> str:
    rtags = model.req_tags[i].areas
    if not rtags:
        return f"Area: none stated or recognised in the request ({_signed(contribution)})"
    o_codes = model.off_tags[j].codes("areas")
    sources = _cached(model, ("src", i), lambda: [_source(rt) for rt in rtags])
    parts = [_cached(model, ("a", rt.code, o_codes), lambda rt=rt: _area_part(model, rt, o_codes))
             + f" ({src})" for rt, src in zip(rtags, sources, strict=True)]
    return "Area: " + "; ".join(parts) + f" ({_signed(contribution)})"


def _area_part(model: Model, rt: Tag, o_codes: tuple[str, ...]) -> str:
    tax = model.taxonomy
    best, best_fit = None, 0.0
    for oc in o_codes:
        rel = tax.relation(rt.code, oc)
        fit = tax.relatedness.get(rel, 0.0) if rel else 0.0
        if fit > best_fit:
            best, best_fit = (oc, rel), fit
    r_label = tax.label("areas", rt.code)
    if best is None:
        return f"no offer area matches requested {r_label}"
    if best[1] == "exact":
        return f"exact match on {r_label}"
    return RELATION_TEXT[best[1]].format(r=r_label, o=tax.label("areas", best[0]))


def _set_reason(name: str, labels: dict[str, str], rtags, otags, contribution: float,
                verb: str) -> str:
    r = [t.code for t in rtags]
    o = [t.code for t in otags]
    c = _signed(contribution)
    if not r:
        return f"{name}: the request names none (neutral, {c})"
    if not o:
        return f"{name}: the offer is not specific (neutral, {c})"
    common = [labels.get(x, x) for x in r if x in o]
    rl = _join([labels.get(x, x) for x in r])
    ol = _join([labels.get(x, x) for x in o])
    if common and len(common) == len(r):
        if name == "Weapons":
            return f"Weapons: both cover {_join(common)} ({c})"
        return f"Type: offer {verb} {_join(common)}, requested ({c})"
    if common:
        return f"{name}: partly: requested {rl}; offer {verb} {ol} ({c})"
    return f"{name}: requested {rl}; offer {verb} {ol} (no overlap, {c})"


def reasons(model: Model, i: int, j: int, raw: dict[str, float], *, pinned: bool = False,
            terms: int = 3) -> tuple[str, ...]:
    """Readable sentences for a candidate pair, one per component and constraint."""
    w = model.weights
    tax = model.taxonomy
    req, off = model.requests[i], model.offers[j]
    out = []
    if pinned:
        out.append("Pinned by an expert")
    out.append(area_reason(model, i, j, w.area * raw["area"]))
    wl = {c: t.label for c, t in tax.terms["weapons"].items()}
    tl = {c: t.label for c, t in tax.terms["types"].items()}
    rt, ot = model.req_tags[i], model.off_tags[j]
    out.append(_cached(model, ("w", rt.codes("weapons"), ot.codes("weapons")), lambda: _set_reason(
        "Weapons", wl, rt.weapons, ot.weapons, w.weapon * raw["weapon"], "covers")))
    out.append(_cached(model, ("t", rt.codes("types"), ot.codes("types")), lambda: _set_reason(
        "Type", tl, rt.types, ot.types, w.type * raw["type"], "provides")))
    out.append(_cached(model, ("l", req.languages, off.languages),
                       lambda: _language(req.languages, off.languages, w.language * raw["language"])))
    shared = model.tfidf.shared_terms(i, len(model.requests) + j, terms)
    listed = ", ".join(f"'{t}'" for t in shared) if shared else "none"
    out.append(f"Text similarity {raw['text']:.2f}: shared terms {listed} "
               f"({_signed(w.text * raw['text'])})")
    out.append(eligibility_reason(model, i, j)[1])
    if off.valid_from or off.valid_to:
        out.append(validity_reason(model, i, j)[1])
    out.append(_cached(model, ("load", j), lambda: _load(off, w.load * raw["load"])))
    return tuple(out)


def _language(rl: tuple[str, ...], ol: tuple[str, ...], contribution: float) -> str:
    lc = _signed(contribution)
    common = [x for x in rl if x in ol]
    if common:
        return f"Language: both in {_join([_lang(x) for x in common])} ({lc})"
    if rl and ol:
        return (f"Language: request in {_join([_lang(x) for x in rl])}, offer in "
                f"{_join([_lang(x) for x in ol])} (no common language, {lc})")
    return f"Language: not stated on both sides (neutral, {lc})"


def _load(off, penalty: float) -> str:
    used = min(off.active, off.capacity)
    plural = "s" if off.capacity > 1 else ""
    text = f"Provider load: {used} of {off.capacity} engagement{plural} in use " \
           f"({_signed(-penalty)})"
    if off.active >= off.capacity:
        text += "; no capacity left for a new engagement"
    return text


def why_not(model: Model, i: int, j: int, raw: dict[str, float], candidate: bool,
            excluded: bool) -> tuple[str, ...]:
    """Reasons a pair is not a candidate (empty when it is one)."""
    if candidate:
        return ()
    out = []
    ok, sentence = eligibility_reason(model, i, j)
    if not ok:
        out.append(sentence)
    ok, sentence = validity_reason(model, i, j)
    if not ok:
        out.append(sentence)
    if excluded:
        out.append("Excluded by an expert")
    if raw["area"] <= 0 and raw["text"] < model.weights.min_text:
        out.append(f"Not relevant: no area in common and text similarity {raw['text']:.2f} "
                   f"is below {model.weights.min_text:.2f}")
    return tuple(out)
