"""Benchmark of the assistance matching engine on a deterministic synthetic instance.

10,000 requests x 2,000 offers (vocabulary drawn from the taxonomy keywords, eligibility by
random region sets, capacities 1-5). Prints one table row per stage: name, value, target.

    python bench/bench_matching.py [--requests 10000] [--offers 2000] [--seed 1540]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clearinghouse.assistance.engine import Offer, Request, load_taxonomy, run  # noqa: E402

FILLER = ("the ministry would welcome support to strengthen national capacity and improve "
          "cooperation between agencies over the next two years with a focus on practical "
          "results sustainability and regional exchange of experience").split()


def synthetic(n_req: int, n_off: int, seed: int) -> tuple[list[Request], list[Offer]]:
    rng = random.Random(seed)
    tax = load_taxonomy()
    areas = list(tax.terms["areas"].values())
    weapons = list(tax.terms["weapons"].values())
    types = list(tax.terms["types"].values())
    states = [f"S{k:03d}" for k in range(193)]
    regions = {f"Region {k}": frozenset(states[k * 19:(k + 1) * 19 + 3]) for k in range(10)}
    region_names = sorted(regions)

    def text() -> str:
        words: list[str] = []
        for term in rng.sample(areas, rng.randint(1, 3)):
            words += rng.sample(term.keywords, min(2, len(term.keywords)))
        for term in rng.sample(weapons, rng.randint(0, 2)):
            words.append(rng.choice(term.keywords))
        for term in rng.sample(types, rng.randint(1, 2)):
            words.append(rng.choice(term.keywords))
        words += rng.sample(FILLER, 12)
        rng.shuffle(words)
        return " ".join(words)

    base = dt.date(2014, 1, 1)
    requests = [
        Request(f"R{k:05d}", (s := rng.choice(states)), s, base + dt.timedelta(rng.randint(0, 900)),
                f"Request {k}", text(), languages=(rng.choice(["en", "fr", "es", "ru", "ar"]),))
        for k in range(n_req)
    ]
    offers = []
    for k in range(n_off):
        if rng.random() < 0.4:
            elig = ()
        else:
            elig = tuple((r, regions[r]) for r in rng.sample(region_names, rng.randint(1, 3)))
        cap = rng.randint(1, 5)
        expired = rng.random() < 0.1
        offers.append(Offer(
            f"O{k:04d}", f"P{k % 150}", f"Provider {k % 150}", f"Offer {k}", text(),
            eligibility=elig, languages=tuple(rng.sample(["en", "fr", "es", "ru", "ar"], 2)),
            capacity=cap, active=rng.randint(0, cap - 1),
            valid_from=base if not expired else base - dt.timedelta(1000),
            valid_to=None if not expired else base - dt.timedelta(1)))
    return requests, offers


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--offers", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=1540)
    args = ap.parse_args()
    requests, offers = synthetic(args.requests, args.offers, args.seed)
    load_taxonomy()
    t = time.perf_counter()
    plain: dict[str, float] = {}
    run(requests, offers, top_k=5, with_reasons=False, timings=plain)
    no_reasons = time.perf_counter() - t
    t = time.perf_counter()
    timings: dict[str, float] = {}
    result = run(requests, offers, top_k=5, timings=timings)
    total = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [("instance", f"{args.requests} x {args.offers}", "")]
    rows += [(f"{k} (s)", f"{v:.2f}", "") for k, v in timings.items()]
    rows += [
        ("total: rankings + reasons + allocation (s)", f"{total:.2f}", "< 5"),
        ("total without reason sentences (s)", f"{no_reasons:.2f}", "< 5"),
        ("requests allocated", f"{len(result.allocation)}", ""),
        ("allocation scope", result.scope, ""),
        ("peak memory, ru_maxrss (MB)", f"{rss:.0f}", "< 2048"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'name':<{width}}  {'value':>14}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>14}  {target}")


if __name__ == "__main__":
    main()
