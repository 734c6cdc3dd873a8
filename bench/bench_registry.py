"""Benchmarks of the foundation: name resolution throughput, and `make up` to a first page.

    python bench/bench_registry.py [--skip-up]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clearinghouse.registry.reference import load_reference  # noqa: E402
from clearinghouse.registry.resolver import Resolver  # noqa: E402

NAMES = 10_000


def mixed_names(n: int, seed: int = 1540) -> list[str]:
    """Distinct names as documents write them: case, "the", curly quotes, line-break hyphens,
    bracketed acronyms, typing errors, and names that are not States at all."""
    ref = load_reference()
    rng = random.Random(seed)
    base = [s.short_name for s in ref.states] + [s.official_name for s in ref.states]
    base += [a for _i, a, _k in ref.state_aliases] + [o.name for o in ref.organisations]
    base += [f"{o.name} ({o.code})" for o in ref.organisations] + [n.name for n in ref.non_states]
    base += ["Atlantis", "Ministry of Foreign Affairs", "Korea", "Guinea Republic"]

    def vary(name: str) -> str:
        choice = rng.randrange(7)
        if choice == 0:
            return name.upper()
        if choice == 1:
            return "the " + name
        if choice == 2:
            return name.replace("'", "\u2019")
        if choice == 3 and len(name) > 6:
            cut = rng.randrange(3, len(name) - 2)
            return f"{name[:cut]}- {name[cut:]}"
        if choice == 4 and len(name) > 6:
            i = rng.randrange(1, len(name) - 1)
            return name[:i] + name[i + 1 :]  # a dropped letter
        if choice == 5:
            return f"{name}\u00b9"
        return name.lower()

    out: set[str] = set()
    while len(out) < n:
        out.add(vary(rng.choice(base)))
    return sorted(out)


def bench_resolver() -> list[tuple[str, str, str]]:
    names = mixed_names(NAMES)
    start = time.perf_counter()
    resolver = Resolver.from_data_files()
    built = time.perf_counter() - start
    start = time.perf_counter()
    results = [resolver.resolve(name) for name in names]
    elapsed = time.perf_counter() - start
    matched = sum(1 for r in results if r.match)
    return [
        ("resolver: build index from the data files", f"{built * 1000:.0f} ms", "-"),
        (f"resolver: {NAMES:,} distinct mixed names", f"{NAMES / elapsed:,.0f} names/s",
         f"({matched:,} matched, {elapsed:.2f} s)"),
    ]


def bench_names_evaluation() -> list[tuple[str, str, str]]:
    """The six-language evaluation set: how many names resolve rightly, and how many of the
    names resolved at confidence >= 0.9 are right."""
    import csv

    rows = list(csv.DictReader((ROOT / "tests" / "data" / "names_six_languages.csv").open(
        encoding="utf-8")))
    resolver = Resolver.from_data_files()
    right = sure = sure_right = 0
    for row in rows:
        r = resolver.resolve(row["query"])
        expect = row["expect"]
        ok = (expect == "match" and r.match is not None and r.match.code == row["code"]) or (
            expect == "none" and r.match is None and not r.non_member) or (
            expect == "ambiguous" and r.ambiguous) or (expect == "non_member" and r.non_member)
        right += ok
        if r.match is not None and r.confidence >= 0.9:
            sure += 1
            sure_right += expect == "match" and r.match.code == row["code"]
    return [
        (f"names in six languages + look-alikes ({len(rows)})", f"{right / len(rows):.3f}",
         "share read rightly"),
        ("  resolved at confidence >= 0.9", f"{sure_right}/{sure} = {sure_right / sure:.3f}",
         "precision"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_make_up() -> list[tuple[str, str, str]]:
    """`make up` on a warm machine (environment and database already there) to a first page."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port)}
    start = time.perf_counter()
    proc = subprocess.Popen(["make", "-s", "up"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while time.perf_counter() - start < 300:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    if r.status == 200:
                        return [("make up (warm) to the first page", f"{time.perf_counter() - start:.1f} s",
                                 "seconds")]
            except OSError:
                if proc.poll() is not None:
                    return [("make up (warm) to the first page", "FAILED", "seconds")]
                time.sleep(0.2)
        return [("make up (warm) to the first page", "timeout", "seconds")]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-up", action="store_true")
    args = parser.parse_args()
    rows = bench_resolver() + bench_names_evaluation()
    if not args.skip_up:
        rows += bench_make_up()
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'measured':>18}  target / note")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>18}  {note}")


if __name__ == "__main__":
    main()
