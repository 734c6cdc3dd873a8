"""The engine's evaluation data (tests/data/assistance_eval*.json) and its metrics, shared by
the quality tests."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from clearinghouse.assistance.engine import DictRegistry, parse_exchange

DATA = Path(__file__).resolve().parent.parent / "data"
BASE = DATA / "assistance_eval.json"
MULTI = DATA / "assistance_eval_multilingual.json"
# The language each request of the evaluation is written in (its text, not its "languages").
WRITTEN_IN = {**{f"R{n:02d}": "en" for n in range(1, 45)},
              **{f"R{n}": lang for lang, first in (("fr", 45), ("es", 52), ("ru", 59),
                                                   ("ar", 66), ("zh", 73))
                 for n in range(first, first + 7)},
              "R80": "en", "R81": "en", "R82": "en"}
OFFER_WRITTEN_IN = {**{f"O{n:02d}": "en" for n in range(1, 29)},
                    "O29": "fr", "O30": "fr", "O31": "fr", "O32": "es", "O33": "es",
                    "O34": "ru", "O35": "ru", "O36": "ru", "O37": "ar", "O38": "ar",
                    "O39": "zh", "O40": "zh"}


def load() -> tuple[dict, dict]:
    return (json.loads(BASE.read_text(encoding="utf-8")),
            json.loads(MULTI.read_text(encoding="utf-8")))


def registry(base: dict, multi: dict) -> DictRegistry:
    merged = {k: {**base["registry"][k], **multi["registry"][k]}
              for k in ("states", "groups", "providers")}
    return DictRegistry(**merged)


def combined(split_needs: bool = True):
    """(requests, offers, labels per need key) of both files together."""
    base, multi = load()
    requests, offers = parse_exchange(
        {"requests": base["requests"] + multi["requests"],
         "offers": base["offers"] + multi["offers"]},
        registry(base, multi), split_needs=split_needs)
    labels: dict[str, list[str]] = {}
    for rid, lab in base["labels"].items():
        labels[rid] = lab + multi["labels_extra"].get(rid, [])
    for rid, lab in multi["labels"].items():
        if isinstance(lab[0], list):
            for n, per_need in enumerate(lab, 1):
                labels[f"{rid}#{n}"] = per_need
        else:
            labels[rid] = lab
    return requests, offers, labels


def metrics(labels: dict[str, list[str]], ranking, language_of=None) -> dict[str, dict]:
    """Per language (and "all"): need coverage (a fitting offer among the top 5),
    precision@1 and MRR over the labelled needs."""
    acc: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for key, relevant in labels.items():
        ranked = [c.offer_id for c in ranking[key]]
        lang = (language_of or (lambda k: WRITTEN_IN[k.split("#")[0]]))(key)
        for group in (lang, "all"):
            a = acc[group]
            a[0] += 1
            a[1] += bool(set(ranked[:5]) & set(relevant))
            a[2] += bool(ranked) and ranked[0] in relevant
            a[3] += next((1.0 / (k + 1) for k, o in enumerate(ranked) if o in relevant), 0.0)
    return {g: {"needs": int(n), "coverage": c / n, "p_at_1": p / n, "mrr": m / n}
            for g, (n, c, p, m) in acc.items()}
