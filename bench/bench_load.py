"""Public pages under load: requests per second with and without the page cache.

    python bench/bench_load.py [--seconds 3] [--connections 8] [--keep]

A fresh SQLite database in a temporary CLEARINGHOUSE_VAR with the demonstration data
(`clearinghouse init`, `clearinghouse demo`, `collectstatic`), served by gunicorn with 2 workers
on 127.0.0.1, as `make up` does. Debian's wrk (scripts/ensure-wrk) sends the load: for each page
and for a static file, the best of three `wrk -t1 -cN -dS` runs, after a warm-up. The whole run is done twice: with the
page cache off (PAGE_CACHE=0: the site as it was) and on. The rates are also given as a share of
the static file's rate in the same run, since the machine is shared and absolute numbers move.

The target: each page with the cache serves at least 10 times its rate without it (compared as
shares of the static rate). The exit status is 1 when a page misses it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGES = [("home", "/"), ("State page", "/states/KAZ/"),
         ("reporting status", "/reporting/status/"), ("events list", "/events/")]
STATIC = ("static file", "/static/clearinghouse/site.css")
TARGET = 10.0


def _command(*args, env):
    subprocess.run([str(BIN / "clearinghouse"), *args], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def prepare(var: Path) -> dict:
    env = {**os.environ, "CLEARINGHOUSE_VAR": str(var)}
    env.pop("DATABASE_URL", None)
    env.pop("DEBUG", None)
    start = time.monotonic()
    _command("init", env=env)
    _command("demo", env=env)
    _command("collectstatic", "--noinput", "-v", "0", env=env)
    print(f"prepared the demonstration data in {time.monotonic() - start:.0f} s", flush=True)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, page_cache: bool):
    port = _free_port()
    env = {**env, "PAGE_CACHE": "1" if page_cache else "0"}
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "clearinghouse.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "120"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + STATIC[1], timeout=2).read()
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(url: str, seconds: int, connections: int, repeats: int = 3) -> float:
    """The best of ``repeats`` runs: the machine is shared, and other work only slows a run."""
    return max(_wrk_once(url, seconds, connections) for _ in range(repeats))


def _wrk_once(url: str, seconds: int, connections: int) -> float:
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                          url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise SystemExit(f"errors while loading {url}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def _latency_ms(url: str, seconds: int) -> float:
    """Median latency of one client asking for ``url`` again and again."""
    out = subprocess.run(["wrk", "-t1", "-c1", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def documents_under_load(env, seconds: int) -> tuple[float, float]:
    """The home page's median latency alone, and while six clients ask for the annual review
    PDF (which took 0.07 s -> 3-4 s before documents were cached)."""
    proc, base = serve(env, True)
    try:
        review = base + "/events/review/2014.pdf"
        urllib.request.urlopen(review, timeout=120).read()  # rendered once
        alone = _latency_ms(base + "/", seconds)
        load = subprocess.Popen(["wrk", "-t1", "-c6", f"-d{seconds + 2}s", review],
                                stdout=subprocess.DEVNULL)
        time.sleep(1)
        loaded = _latency_ms(base + "/", seconds)
        load.wait()
        return alone, loaded
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def measure(env, page_cache: bool, seconds: int, connections: int) -> dict[str, float]:
    proc, base = serve(env, page_cache)
    try:
        for _label, path in PAGES:  # warm up: each worker renders each page once
            for _ in range(4):
                urllib.request.urlopen(base + path, timeout=60).read()
        rates = {STATIC[0]: wrk(base + STATIC[1], seconds, connections)}
        for label, path in PAGES:
            rates[label] = wrk(base + path, seconds, connections)
        return rates
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3, help="per run (best of 3 runs)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    subprocess.run([str(ROOT / "scripts" / "ensure-wrk")], check=True)
    var = Path(tempfile.mkdtemp(prefix="ch-bench-load-"))
    try:
        env = prepare(var)
        before = measure(env, False, args.seconds, args.connections)
        after = measure(env, True, args.seconds, args.connections)
        alone, loaded = documents_under_load(env, args.seconds)
    finally:
        if not args.keep:
            shutil.rmtree(var, ignore_errors=True)
    print(f"\nbest of 3 x wrk -t1 -c{args.connections} -d{args.seconds}s, gunicorn 2 workers, "
          "SQLite, demonstration data\n")
    head = (f"{'page':<18} {'no cache r/s':>12} {'cache r/s':>10} {'share of static':>17} "
            f"{'gain':>7}  {'target':>6}")
    print(head)
    print("-" * len(head))
    failed = False
    s0, s1 = before[STATIC[0]], after[STATIC[0]]
    print(f"{STATIC[0]:<18} {s0:>12.0f} {s1:>10.0f} {'100% / 100%':>17} {'':>7}")
    for label, _path in PAGES:
        share0, share1 = before[label] / s0, after[label] / s1
        gain = share1 / share0
        ok = gain >= TARGET
        failed |= not ok
        shares = f"{share0:.1%} / {share1:.1%}"
        print(f"{label:<18} {before[label]:>12.0f} {after[label]:>10.0f} {shares:>17} "
              f"{gain:>6.1f}x  {'ok' if ok else 'MISSED'}")
    print(f"\ngain: the page's share of the static rate with the cache over its share without "
          f"it; target {TARGET:.0f}x")
    print(f"home page median latency: {alone:.1f} ms alone, {loaded:.1f} ms while 6 clients "
          "fetch /events/review/2014.pdf")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
