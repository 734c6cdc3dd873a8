"""Reasons for a score, and for a pair that is not a candidate ("why not"), as reason codes with
their parameters and the words of the need's text that triggered them (``models.Reason``).
``render`` turns them into sentences in any of the six UN languages. Nothing here runs until a
person or the API asks for the reasons of a pair."""

from __future__ import annotations

from .lang import analyzer
from .models import Reason, Tag
from .scoring import Model


def _quotes(tags: tuple[Tag, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for t in tags:
        for e in t.evidence:
            if e not in out:
                out.append(e)
    return tuple(out)


def area_reason(model: Model, i: int, j: int, contribution: float) -> Reason:
    rtags = model.row_tags[i].areas
    if not rtags:
        return Reason("area.none", {"contribution": contribution})
    tax = model.taxonomy
    o_codes = model.off_tags[j].codes("areas")
    parts = []
    for rt in rtags:
        best, best_fit = None, 0.0
        for oc in o_codes:
            rel = tax.relation(rt.code, oc)
            fit = tax.relatedness.get(rel, 0.0) if rel else 0.0
            if fit > best_fit:
                best, best_fit = (oc, rel), fit
        parts.append({"requested": rt.code, "relation": best[1] if best else "none",
                      "offered": best[0] if best else None, "source": rt.source,
                      "evidence": list(rt.evidence[:3])})
    return Reason("area", {"parts": parts, "contribution": contribution}, _quotes(rtags))


def _set_reason(kind: str, rtags, otags, contribution: float) -> Reason:
    r = [t.code for t in rtags]
    o = [t.code for t in otags]
    params = {"requested": r, "offered": o, "contribution": contribution}
    if not r:
        return Reason(f"{kind}.request_none", params)
    if not o:
        return Reason(f"{kind}.offer_any", params, _quotes(rtags))
    common = [x for x in r if x in o]
    params["common"] = common
    if common and len(common) == len(r):
        return Reason(f"{kind}.all", params, _quotes(rtags))
    if common:
        return Reason(f"{kind}.partly", params, _quotes(rtags))
    return Reason(f"{kind}.none", params, _quotes(rtags))


def eligibility_reason(model: Model, i: int, j: int) -> tuple[bool, Reason]:
    req = model.requests[model.rows[i].req]
    off = model.offers[j]
    if not off.eligibility:
        return True, Reason("eligibility.any", {})
    labels = [label for label, _ in off.eligibility]
    if req.requester == "organisation":
        allowed = set().union(*(m for _, m in off.eligibility))
        members = sorted(req.members)
        ok = sorted(set(members) & allowed)
        params = {"organisation": req.state_name, "code": req.state, "members": ok,
                  "count": len(ok), "total": len(members), "groups": labels}
        if not ok:
            return False, Reason("eligibility.organisation_not", params)
        if len(ok) == len(members):
            return True, Reason("eligibility.organisation_all", params)
        return True, Reason("eligibility.organisation_some", params)
    for label, members in off.eligibility:
        if req.state in members:
            if label == req.state_name:
                return True, Reason("eligibility.named", {"state": req.state_name})
            return True, Reason("eligibility.in_group", {"state": req.state_name, "group": label})
    return False, Reason("eligibility.not", {"state": req.state_name, "groups": labels})


def validity_reason(model: Model, i: int, j: int) -> tuple[bool, Reason | None]:
    req = model.requests[model.rows[i].req]
    off = model.offers[j]
    params = {"valid_from": off.valid_from, "valid_to": off.valid_to, "date": req.date}
    if off.valid_to and req.date > off.valid_to:
        return False, Reason("validity.ended", params)
    if off.valid_from and req.date < off.valid_from:
        return False, Reason("validity.not_started", params)
    if off.valid_from or off.valid_to:
        return True, Reason("validity.runs", params)
    return True, None


def surface_words(text: str, lang: str, terms: list[str]) -> list[str]:
    """The words of ``text`` behind index terms (stems or stem pairs; Chinese bigrams)."""
    if lang == "zh":
        return list(terms)
    tokens = [t for t in analyzer(lang).tokens(text)]
    out = []
    for term in terms:
        parts = term.split(" ")
        found = None
        for k in range(len(tokens) - len(parts) + 1):
            if all(tokens[k + n].stem == p for n, p in enumerate(parts)):
                found = text[tokens[k].start:tokens[k + len(parts) - 1].end]
                break
        if found is None:  # the stems were separated by a stop word
            for k, tok in enumerate(tokens):
                if tok.stem == parts[0]:
                    end = next((t for t in tokens[k + 1:] if t.stem == parts[-1]), tok)
                    found = text[tok.start:end.end]
                    break
        out.append(found if found is not None else term)
    return out


def concept_reason(model: Model, i: int, j: int, similarity: float, contribution: float,
                   limit: int = 4) -> Reason:
    """The concepts both texts carry, weighted as in the score, with the need's words."""
    index = model.taxonomy.concept_index
    names = list(index)
    weights = model.r_conc[i] * model.o_conc[j]
    order = [k for k in weights.argsort()[::-1] if weights[k] > 0][:limit]
    shared = [names[k] for k in order]
    found = model.row_found[i]
    tags = model.row_tags[i]
    quotes: list[str] = []
    for name in shared:
        kind, code = name.split(":", 1)
        words = found.get(kind, {}).get(code) or next(
            (list(t.evidence) for t in getattr(tags, kind, ()) if t.code == code), [])
        for w in words[:1]:
            if w not in quotes:
                quotes.append(w)
    return Reason("concepts", {"similarity": similarity, "concepts": shared,
                               "contribution": contribution}, tuple(quotes))


def reasons(model: Model, i: int, j: int, raw: dict[str, float], *, pinned: bool = False,
            terms: int = 3) -> tuple[Reason, ...]:
    """Reason codes for a candidate pair, one per component and constraint."""
    w = model.weights
    row = model.rows[i]
    req, off = model.requests[row.req], model.offers[j]
    out = []
    if pinned:
        out.append(Reason("pinned", {}))
    out.append(area_reason(model, i, j, w.area * raw["area"]))
    rt, ot = model.row_tags[i], model.off_tags[j]
    out.append(_set_reason("weapons", rt.weapons, ot.weapons, w.weapon * raw["weapon"]))
    out.append(_set_reason("types", rt.types, ot.types, w.type * raw["type"]))
    rl, ol = model.r_languages[row.req], model.o_languages[j]
    common = [x for x in rl if x in ol]
    lc = w.language * raw["language"]
    if common:
        out.append(Reason("language.common", {"common": common, "contribution": lc}))
    else:
        out.append(Reason("language.none", {"requested": list(rl), "offered": list(ol),
                                             "contribution": lc}))
    same_language = model.row_lang[i] == model.o_lang[j]
    shared = model.tfidf.shared_terms(i, len(model.rows) + j, terms) if same_language else []
    words = surface_words(model.row_text(i), model.req_lang[row.req], shared)
    out.append(Reason("text", {"similarity": raw["text"], "terms": words,
                               "contribution": w.text * raw["text"]}, tuple(words)))
    out.append(concept_reason(model, i, j, raw["concepts"], w.concepts * raw["concepts"]))
    out.append(eligibility_reason(model, i, j)[1])
    ok, validity = validity_reason(model, i, j)
    if validity is not None:
        out.append(validity)
    used = min(off.active, off.capacity)
    out.append(Reason("load", {"used": used, "capacity": off.capacity,
                               "full": off.active >= off.capacity,
                               "contribution": -w.load * raw["load"]}))
    del req
    return tuple(out)


def why_not(model: Model, i: int, j: int, raw: dict[str, float], candidate: bool,
            excluded: bool) -> tuple[Reason, ...]:
    """Reasons a pair is not a candidate (empty when it is one)."""
    if candidate:
        return ()
    out = []
    ok, reason = eligibility_reason(model, i, j)
    if not ok:
        out.append(reason)
    ok, reason = validity_reason(model, i, j)
    if not ok:
        out.append(reason)
    if excluded:
        out.append(Reason("excluded", {}))
    if not model.relevant(raw):
        w = model.weights
        out.append(Reason("not_relevant", {"text": raw["text"], "min_text": w.min_text,
                                           "concepts": raw["concepts"],
                                           "min_concepts": w.min_concepts}))
    return tuple(out)
