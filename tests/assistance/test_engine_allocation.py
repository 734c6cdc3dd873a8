"""Global allocation: exactness against reference solvers, capacity, pins, exclusions,
eligibility and determinism on random instances."""

import datetime as dt
import random

import numpy as np
import pytest

from clearinghouse.assistance.engine import Offer, PinError, Request, run, to_json
from clearinghouse.assistance.engine.allocation import (
    allocate,
    brute_force_total,
    reference_total,
)
from clearinghouse.assistance.engine.scoring import SCALE

STATES = ["KAZ", "KGZ", "TJK", "BRA", "PER", "KEN", "VNM", "UKR"]
REGIONS = {"Central Asia": frozenset({"KAZ", "KGZ", "TJK"}),
           "LAC": frozenset({"BRA", "PER"}), "OSCE": frozenset({"KAZ", "KGZ", "TJK", "UKR"})}
PHRASES = ["export control licensing", "control list translation", "radiation portal monitors",
           "border guards training", "biosafety laboratory", "CWC implementing legislation",
           "national report", "national action plan", "proliferation financing",
           "physical protection of the research reactor", "customs targeting",
           "chemical security of industrial sites", "missile and UAV items"]


def random_instance(seed: int, n_req: int, n_off: int):
    rng = random.Random(seed)
    base = dt.date(2015, 1, 1)
    requests = [Request(f"r{k}", (s := rng.choice(STATES)), s,
                        base + dt.timedelta(rng.randint(0, 400)), f"need {k}",
                        " and ".join(rng.sample(PHRASES, 2)),
                        languages=(rng.choice(["en", "ru", "es"]),))
                for k in range(n_req)]
    offers = []
    for k in range(n_off):
        labels = rng.sample(sorted(REGIONS), rng.randint(0, 2))
        cap = rng.randint(1, 3)
        offers.append(Offer(
            f"o{k}", "P", "Provider", f"offer {k}", " and ".join(rng.sample(PHRASES, 3)),
            eligibility=tuple((lab, REGIONS[lab]) for lab in labels),
            languages=(rng.choice(["en", "ru", "es"]),), capacity=cap,
            active=rng.randint(0, cap),
            valid_to=base + dt.timedelta(rng.randint(100, 600)) if rng.random() < 0.3 else None))
    return requests, offers


def score_matrix(result, requests, offers):
    """Integer score of every candidate pair (0 where not a candidate)."""
    s = np.zeros((len(requests), len(offers)), dtype=np.int64)
    for i, r in enumerate(sorted(requests, key=lambda x: x.id)):
        for c in result.ranking[r.id]:
            j = [o.id for o in sorted(offers, key=lambda x: x.id)].index(c.offer_id)
            s[i, j] = round(c.score * SCALE)
    return s


@pytest.mark.parametrize("seed", range(60))
def test_allocation_equals_exact_reference(seed):
    requests, offers = random_instance(seed, random.Random(seed).randint(2, 9),
                                       random.Random(seed + 1).randint(1, 5))
    result = run(requests, offers, top_k=len(offers), scope="all")
    s = score_matrix(result, requests, offers)
    remaining = np.array([o.remaining for o in sorted(offers, key=lambda x: x.id)])
    got = sum(round(score * SCALE) for _, _, score in result.allocation)
    assert got == reference_total(s, remaining)
    if len(requests) <= 6 and len(offers) <= 4:
        assert got == brute_force_total(s, remaining)
    used = {}
    for _, o, _ in result.allocation:
        used[o] = used.get(o, 0) + 1
    for o in offers:
        assert used.get(o.id, 0) <= o.remaining
    assert len({r for r, _, _ in result.allocation}) == len(result.allocation)


@pytest.mark.parametrize("seed", range(20))
def test_solver_on_random_matrices(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(1, 8), rng.integers(1, 5)
    s = rng.integers(-5, 30, size=(n, m)) * (rng.random((n, m)) < 0.7)
    s[rng.random((n, m)) < 0.2] = 7  # many ties
    rem = rng.integers(0, 3, size=m)
    r, c = np.nonzero(s > 0)
    alloc = allocate(r, c, s[r, c], rem)
    assert sum(x[2] for x in alloc) == reference_total(s, rem)
    if n <= 6:
        assert sum(x[2] for x in alloc) == brute_force_total(s, rem)
    assert alloc == allocate(r, c, s[r, c], rem)  # deterministic


@pytest.mark.parametrize("seed", range(25))
def test_eligibility_and_validity_never_violated(seed):
    requests, offers = random_instance(100 + seed, 15, 8)
    result = run(requests, offers, top_k=8)
    by_id = {o.id: o for o in offers}
    req = {r.id: r for r in requests}
    pairs = [(rid, c.offer_id) for rid, cs in result.ranking.items() for c in cs]
    pairs += [(r, o) for r, o, _ in result.allocation]
    for rid, oid in pairs:
        o, r = by_id[oid], req[rid]
        assert not o.eligibility or any(r.state in m for _, m in o.eligibility)
        assert o.valid_to is None or r.date <= o.valid_to


def test_pins_and_exclusions():
    for seed in range(7, 100):
        requests, offers = random_instance(seed, 10, 5)
        base = run(requests, offers, scope="all")
        if len(base.allocation) >= 2:
            break
    assert base.allocation
    rid, oid, _ = base.allocation[0]
    res = run(requests, offers, exclusions=[(rid, oid)], scope="all")
    assert (rid, oid) not in {(r, o) for r, o, _ in res.allocation}
    assert oid not in {c.offer_id for c in res.ranking[rid]}
    assert res.explain(rid, oid).reasons[-1] == "Excluded by an expert" or \
        "Excluded by an expert" in res.explain(rid, oid).reasons
    # pin a request to its second candidate
    remaining = {o.id: o.remaining for o in offers}
    target, second = next((r, cs[1].offer_id) for r, cs in sorted(base.ranking.items())
                          if len(cs) >= 2 and remaining[cs[1].offer_id])
    off = next(o for o in offers if o.id == second)
    pinned = run(requests, offers, pins=[(target, second)], scope="all")
    assert (target, second) in {(r, o) for r, o, _ in pinned.allocation}
    assert pinned.allocation_reasons[(target, second)][0] == "Pinned by an expert"
    n_on = sum(1 for _, o, _ in pinned.allocation if o == second)
    assert n_on <= off.remaining


def test_bad_pins_are_refused():
    requests, offers = random_instance(3, 6, 4)
    with pytest.raises(PinError, match="unknown request or offer"):
        run(requests, offers, pins=[("nope", offers[0].id)])
    full = Offer("full", "P", "P", "export control licensing", "licensing", capacity=1, active=1)
    r = Request("x", "KAZ", "Kazakhstan", dt.date(2015, 1, 1), "licensing", "export licensing")
    with pytest.raises(PinError, match="only 0 of 1 places free"):
        run([r], [full], pins=[("x", "full")])
    only_lac = Offer("lac", "P", "P", "licensing", "export licensing",
                     eligibility=(("LAC", REGIONS["LAC"]),))
    with pytest.raises(PinError, match="Not eligible: Kazakhstan is not in LAC"):
        run([r], [only_lac], pins=[("x", "lac")])


def test_shuffled_input_gives_same_result():
    requests, offers = random_instance(11, 30, 10)
    a = to_json(run(requests, offers))
    rng = random.Random(5)
    for _ in range(3):
        rq, of = requests[:], offers[:]
        rng.shuffle(rq)
        rng.shuffle(of)
        assert to_json(run(rq, of)) == a
    assert to_json(run(requests, offers)) == a


def test_candidate_scope_is_exact_over_candidate_graph():
    requests, offers = random_instance(21, 40, 12)
    k = 2
    res = run(requests, offers, top_k=k, allocation_k=k, scope="candidates")
    assert res.scope == "candidates"
    s = score_matrix(res, requests, offers)  # exactly the top-k candidate graph
    remaining = np.array([o.remaining for o in sorted(offers, key=lambda x: x.id)])
    got = sum(round(score * SCALE) for _, _, score in res.allocation)
    assert got == reference_total(s, remaining)


# -- needs, organisations, and the allocation's certificate ---------------------------------

from clearinghouse.assistance.engine import Need, request_status  # noqa: E402
from clearinghouse.assistance.engine.allocation import duals  # noqa: E402


def needs_instance(seed: int, n_req: int, n_off: int):
    rng = random.Random(seed)
    requests, offers = random_instance(seed, n_req, n_off)
    out = []
    for k, r in enumerate(requests):
        if rng.random() < 0.6:
            needs = tuple(Need(str(n + 1), " and ".join(rng.sample(PHRASES, 1)))
                          for n in range(rng.randint(2, 3)))
            r = Request(r.id, r.state, r.state_name, r.date, r.title, "", languages=r.languages,
                        needs=needs)
        if k % 5 == 4:
            r = Request(r.id, "ORG", "Organisation", r.date, r.title, r.description,
                        languages=r.languages, needs=r.needs, requester="organisation",
                        members=frozenset(rng.sample(STATES, 3)))
        out.append(r)
    return out, offers


def need_scores(result, offers):
    """Integer score of every candidate (need, offer) pair; 0 where not a candidate."""
    keys = [row.key for row in result.model.rows]
    ids = [o.id for o in sorted(offers, key=lambda x: x.id)]
    s = np.zeros((len(keys), len(ids)), dtype=np.int64)
    for i, key in enumerate(keys):
        for c in result.ranking[key]:
            s[i, ids.index(c.offer_id)] = round(c.score * SCALE)
    return s


@pytest.mark.parametrize("seed", range(40))
def test_certified_allocation_is_exact_over_every_pair(seed):
    requests, offers = needs_instance(seed, random.Random(seed).randint(3, 8),
                                      random.Random(seed + 1).randint(2, 6))
    # start from each need's single best candidate: the certificate must find the rest
    result = run(requests, offers, top_k=len(offers), allocation_k=1, scope="all")
    s = need_scores(result, offers)
    remaining = np.array([o.remaining for o in sorted(offers, key=lambda x: x.id)])
    got = sum(round(score * SCALE) for _, _, score in result.allocation)
    assert got == reference_total(s, remaining)
    if s.shape[0] <= 6 and s.shape[1] <= 4:
        assert got == brute_force_total(s, remaining)
    keys = [k for k, _, _ in result.allocation]
    assert len(keys) == len(set(keys))  # one offer per need at most
    for o in offers:
        assert sum(1 for _, x, _ in result.allocation if x == o.id) <= o.remaining


def test_the_restriction_alone_misses_the_optimum_the_certificate_does_not():
    missed = 0
    for seed in range(60):
        requests, offers = needs_instance(1000 + seed, 8, 3)
        exact = run(requests, offers, top_k=len(offers), allocation_k=1, scope="all")
        restricted = run(requests, offers, top_k=len(offers), allocation_k=1,
                         scope="candidates")
        reference = reference_total(need_scores(exact, offers), np.array(
            [o.remaining for o in sorted(offers, key=lambda x: x.id)]))
        assert round(exact.total * SCALE) == reference
        missed += round(restricted.total * SCALE) < reference
    assert missed > 0  # so the certificate did real work on those instances


@pytest.mark.parametrize("seed", range(25))
def test_dual_prices_certify_the_solution(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 12)), int(rng.integers(1, 6))
    s = rng.integers(1, 50, size=(n, m)) * (rng.random((n, m)) < 0.6)
    rem = rng.integers(0, 3, size=m)
    r, c = np.nonzero(s > 0)
    solved = allocate(r, c, s[r, c], rem)
    y, z = duals(n, solved, r, c, s[r, c], rem)
    total = sum(x[2] for x in solved)
    assert total == reference_total(s, rem)
    usable = rem[c] > 0
    assert (y >= 0).all() and (z[np.isfinite(z)] >= 0).all()
    assert (y[r[usable]] + z[c[usable]] >= s[r, c][usable]).all()  # dual feasible
    for i, j, score in solved:
        assert y[i] + z[j] == score  # tight on the allocation
    finite = np.isfinite(z)
    assert y.sum() + (rem[finite] * z[finite]).sum() == total  # primal value = dual value


def test_pins_exclusions_and_coverage_are_per_need():
    day = dt.date(2015, 1, 1)
    r = Request("R", "KAZ", "Kazakhstan", day, "Needs", "", needs=(
        Need("1", "export control licensing"), Need("2", "radiation portal monitors"),
        Need("3", "national action plan", status="met")))
    single = Request("S", "KGZ", "Kyrgyzstan", day, "Licensing", "export control licensing")
    offers = [Offer("A", "P", "P", "Licensing", "export control licensing", capacity=2),
              Offer("B", "P", "P", "Detection", "radiation portal monitors detection equipment"),
              Offer("C", "P", "P", "Plans", "national action plan")]
    base = run([r, single], offers)
    assert set(base.ranking) == {"R#1", "R#2", "S"}  # the met need is not matched
    assert {(k, o) for k, o, _ in base.allocation} == {("R#1", "A"), ("R#2", "B"), ("S", "A")}
    cov = base.coverage()
    assert cov["R"].status == "fully" and [n.status for n in cov["R"].needs] == [
        "open", "open", "met"]
    excluded = run([r, single], offers, exclusions=[("R#2", "B")])
    assert "B" not in [c.offer_id for c in excluded.ranking["R#2"]]
    assert excluded.coverage()["R"].status == "partly"  # need 2 has no other offer
    assert excluded.explain("R#2", "B").reasons == ("Excluded by an expert",)
    pinned = run([r, single], offers, pins=[("R#1", "C"), ("S", "A")])
    assert ("R#1", "C") in {(k, o) for k, o, _ in pinned.allocation}
    with pytest.raises(PinError, match=r"request R has 3 needs: pin one of R#1, R#2, R#3"):
        run([r, single], offers, pins=[("R", "A")])
    with pytest.raises(PinError, match="need R#3 is met"):
        run([r, single], offers, pins=[("R#3", "C")])
    with pytest.raises(KeyError):
        base.explain("R", "A")  # several needs: name one


def test_request_status():
    assert request_status(["met", "met"]) == "fully"
    assert request_status(["met", "open"]) == "partly"
    assert request_status(["open"]) == "none" and request_status([]) == "none"


def test_organisation_eligibility_through_members_on_the_date():
    day = dt.date(2010, 6, 1)
    org = Request("R", "SICA", "SICA", day, "Border detection", "radiation portal monitors",
                  requester="organisation", members=frozenset({"GTM", "HND"}))
    offers = [Offer("CA", "P", "P", "Detection", "radiation portal monitors",
                    eligibility=(("Central America", frozenset({"GTM", "HND", "DOM"})),)),
              Offer("DOM", "P", "P", "Detection", "radiation portal monitors",
                    eligibility=(("Dominican Republic", frozenset({"DOM"})),)),
              Offer("SOME", "P", "P", "Detection", "radiation portal monitors",
                    eligibility=(("Guatemala", frozenset({"GTM"})),))]
    result = run([org], offers)
    assert [c.offer_id for c in result.ranking["R"]][:2] != []
    assert {c.offer_id for c in result.ranking["R"]} == {"CA", "SOME"}
    assert result.explain("R", "DOM").reasons == (
        "Not eligible: no member State of SICA is in Dominican Republic",)
    some = result.explain("R", "SOME").reasons
    assert "Eligible for 1 of the 2 member States of SICA: GTM (Guatemala)" in some
