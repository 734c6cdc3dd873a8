"""Assistance matchmaking engine: pure Python (numpy/scipy), no Django.

Typical use::

    from clearinghouse.assistance.engine import load_exchange, run, to_json
    requests, offers = load_exchange("file.json", resolver)
    result = run(requests, offers, top_k=5, pins=[("R1", "O3")], exclusions=[("R2", "O1")])
    print(to_json(result))
"""

from .api import Result, run, to_dict, to_json
from .exchange import Resolver, load_exchange, parse_exchange
from .inference import Inferrer
from .models import (
    Candidate,
    ExchangeError,
    NameProblem,
    Offer,
    PinError,
    Rejection,
    Request,
    Tag,
    Tags,
)
from .registry import DictRegistry
from .scoring import Weights
from .taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "Candidate", "DictRegistry", "ExchangeError", "Inferrer", "NameProblem", "Offer", "PinError",
    "Rejection", "Request", "Resolver", "Result", "Tag", "Tags", "Taxonomy", "Weights",
    "load_exchange", "load_taxonomy", "parse_exchange", "run", "to_dict", "to_json",
]
