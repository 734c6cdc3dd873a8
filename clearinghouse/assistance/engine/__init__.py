"""Assistance matchmaking engine: pure Python (numpy/scipy, PyStemmer, py3langid), no Django.

Typical use::

    from clearinghouse.assistance.engine import load_exchange, run, to_json
    requests, offers = load_exchange("file.json", resolver)
    result = run(requests, offers, top_k=5, pins=[("R1", "O3")], exclusions=[("R2#1", "O1")])
    print(to_json(result))
    result.ranking["R2#1"][0].reasons_in("fr")   # reasons in any of the six UN languages

See docs/assistance.md ("The matching engine") for needs, requesters, languages, reasons and
the exact allocation.
"""

from .api import Coverage, NeedResult, Result, request_status, run, to_dict, to_json
from .exchange import Resolver, load_exchange, parse_exchange
from .inference import Inferrer
from .lang import LANGUAGES, detect
from .models import (
    Candidate,
    ExchangeError,
    NameProblem,
    Need,
    Offer,
    PinError,
    Reason,
    Rejection,
    Request,
    Tag,
    Tags,
)
from .needs import ProposedNeed, Split, split_needs
from .registry import DictRegistry
from .render import render, render_all
from .scoring import Weights
from .taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "LANGUAGES", "Candidate", "Coverage", "DictRegistry", "ExchangeError", "Inferrer",
    "NameProblem", "Need", "NeedResult", "Offer", "PinError", "ProposedNeed", "Reason",
    "Rejection", "Request", "Resolver", "Result", "Split", "Tag", "Tags", "Taxonomy", "Weights",
    "detect", "load_exchange", "load_taxonomy", "parse_exchange", "render", "render_all",
    "request_status", "run", "split_needs", "to_dict", "to_json",
]
