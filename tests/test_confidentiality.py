"""Confidentiality reaches zero: no reader finds a record it may not see, anywhere.

For every model with a scope rule, ``tests/confidential_world.py`` makes a record some reader
must not see, with a unique marker in its text. Then, as each reader, this test visits every
page of the site (the URL patterns are enumerated from Django's resolver, so a page added later
is covered, and a pattern whose parameters the test cannot fill fails it), every API endpoint
(list, detail and actions, JSON and the browsable HTML), every document (note PDF/DOCX/MD/HTML,
annual review, matrix PDF, briefing) and every export offered on a page (``?export=csv|xlsx|json``
links are followed), extracts the text (PDF with pypdf, DOCX with python-docx, XLSX with
openpyxl) and looks for the markers the reader must not see.

It cannot pass vacuously: it counts the URLs visited and the patterns covered, and checks that
each marker IS found by every reader allowed to see its record.

Not crawled: the admin's per-object pages (experts only; tests/test_access.py checks that
nobody else gets in) and POST requests (writes are checked by each domain's tests).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from clearinghouse.accounts import permissions
from clearinghouse.accounts.models import ApiKey
from clearinghouse.assistance.models import Match, Offer, Request
from clearinghouse.audit.models import AuditEntry
from clearinghouse.jobs.models import Job, TaskFailure
from clearinghouse.matrix.models import MatrixVersion, Review
from clearinghouse.notifications.models import Notice
from clearinghouse.outreach.models import Event, EventDocument
from clearinghouse.reporting.models import ActionPlan, CountryVisit, NationalReport, PeerReview
from tests.confidential_world import PUBLIC_MODELS, READERS, build
from tests.textof import squeeze, text_of

pytestmark = pytest.mark.django_db

MIN_URLS_PER_READER = 400
MIN_EXPORTS_PER_READER = 80
# Links to the exports and documents a page offers (?export=csv, ?table=..., ?format=pdf).
EXPORT_LINK = re.compile(r'href="([^"]*[?&](?:amp;)?(?:export|format|table)=[^"]*)"')


# -- the URL patterns --------------------------------------------------------------------------
def _params(pattern) -> tuple[str, ...]:
    p = pattern.pattern
    if getattr(p, "converters", None):
        return tuple(p.converters)
    regex = getattr(p, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def url_patterns(patterns=None, namespace=(), params=()):
    """(name with namespace, parameter names) of every leaf pattern."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = namespace + ((p.namespace,) if p.namespace else ())
            yield from url_patterns(p.url_patterns, ns, params + _params(p))
        else:
            yield ":".join(namespace + (p.name or f"<unnamed {p.pattern}>",)), params + _params(p)


# -- filling the parameters with real ids, of records visible and invisible ------------------
def _all(model):
    return list(model.objects.order_by("pk").values_list("pk", flat=True))


PK_MODELS = [  # (prefix of the URL name, model of its "pk")
    ("reporting:report", NationalReport), ("api:report-", NationalReport),
    ("reporting:plan", ActionPlan), ("api:plan-", ActionPlan),
    ("reporting:visit", CountryVisit), ("api:visit-", CountryVisit),
    ("reporting:peer-review", PeerReview), ("api:peer-review-", PeerReview),
    ("assistance:request", Request), ("api:assistance-request-", Request),
    ("assistance:offer", Offer), ("api:assistance-offer-", Offer),
    ("assistance:match", Match), ("api:assistance-match-", Match),
    ("outreach:", Event), ("api:event-", Event),
    ("api:matrix-version-", MatrixVersion), ("api:matrix-review-", Review),
    ("jobs:run-again", TaskFailure), ("jobs:", Job), ("notifications:", Notice),
]
PUBLISHABLE = {"reports": NationalReport, "plans": ActionPlan, "visits": CountryVisit,
               "peer-reviews": PeerReview}
ACTIONS = {"assistance:request-action": "propose", "assistance:offer-action": "withdraw",
           "assistance:match-action": "accept"}
NOTE_FORMATS = ("md", "html", "pdf", "docx")


def fill(name: str, params: tuple[str, ...], w) -> list[dict]:
    """Every combination of real values for the pattern's parameters (empty: cannot fill)."""
    if not params:
        return [{}]
    values: dict[str, list] = {}
    for param in params:
        if param == "format":
            values[param] = ["json"]
        elif param == "pk" and name == "reporting:publish":
            continue  # with "kind"
        elif param == "kind" and name == "jobs:mine":
            values[param] = list(Job.Kind.values)
        elif param == "kind" and name == "reporting:publish":
            values["kind"] = [(kind, pk) for kind, model in PUBLISHABLE.items()
                              for pk in _all(model)]
        elif param == "pk" and name == "api:audit-detail":
            # Entries naming a marked record (one per target), and a few others.
            marked = AuditEntry.objects.filter(target_label__contains="ZQX").order_by("pk")
            per_target = {(e.target_type, e.target_id): e.pk for e in marked}
            values[param] = sorted(per_target.values()) + _all(AuditEntry)[:3]
        elif param == "pk":
            model = next((m for prefix, m in PK_MODELS if name.startswith(prefix)), None)
            if model is None:
                return []
            values[param] = _all(model)
        elif param == "token":  # an invitation's link: only its digest is stored
            values[param] = ["no-such-invitation"]
        elif param == "prefix":  # an API key's (revoking is a POST: the GET is refused)
            values[param] = [k.prefix for k in ApiKey.objects.order_by("pk")]
        elif param == "iso3":
            values[param] = ["KAZ", "UZB", "KGZ"]
        elif param == "code":
            values[param] = ["OSCE", "EU"]
        elif param == "number" and name.startswith("matrix:"):
            continue  # with "iso3"
        elif param == "action" and name in ACTIONS:
            values[param] = [ACTIONS[name]]
        elif param == "fmt" and name == "outreach:review":
            values[param] = ["pdf", "docx"]
        elif param == "fmt":
            values[param] = list(NOTE_FORMATS)
        elif param == "year":
            values[param] = [2016]
        elif param == "doc":
            continue  # with "pk"
        else:
            return []
    combos = [{}]
    for param, options in values.items():
        combos = [{**c, param: v} for c in combos for v in options]
    out = []
    for combo in combos:
        if "kind" in combo and name == "reporting:publish":
            combo["kind"], combo["pk"] = combo["kind"]
        if "number" in params:
            out += [{**combo, "number": v.number} for v in MatrixVersion.objects.filter(
                matrix__state__iso3=combo["iso3"])]
            continue
        if "doc" in params:
            out += [{**combo, "pk": d.event_id, "doc": d.pk} for d in EventDocument.objects.all()]
            break
        out.append(combo)
    return out


def query_variants(name: str) -> list[str]:
    """Query strings that open more of a page than its bare address (searches, versions)."""
    month = (timezone.localdate() - dt.timedelta(days=10)).strftime("%Y-%m")
    return {
        "assistance:briefing": [f"?start={month}&format={f}" for f in ("html", "pdf", "docx")],
        "matrix:state": ["?version=1", "?version=2"],
        "matrix:diff": ["?from=1&to=2"],
        "matrix:pdf": ["?version=2"],  # bare: the latest version the reader may see
        "outreach:events": ["?year=2016", "?q=ZQX", "?status=draft", "?state=KAZ"],
        "outreach:calendar": ["?year=2016&month=11", "?year=2016&month=9"],
        "registry:states": ["?q=kaz"],
        "reporting:reports": ["?state=KAZ", "?status=draft"],
        "audit-log": ["?action=outreach"],
    }.get(name, [])


def urls_to_visit(w) -> tuple[list[str], set[str]]:
    urls, names, unfilled = [], set(), []
    for name, params in url_patterns():
        if name.startswith("admin:") and (params or "<unnamed" in name):
            continue  # the admin's object pages: experts only (tests/test_access.py)
        if "format" in params and "fmt" in params:
            continue  # a document with a ".json" suffix: the same document as without it
        assert "<unnamed" not in name, f"{name}: name the URL pattern so it can be checked"
        combos = fill(name, params, w)
        if not combos:
            unfilled.append((name, params))
            continue
        names.add(name)
        for kwargs in combos:
            url = reverse(name, kwargs=kwargs)
            urls.append(url)
            urls += [url + q for q in query_variants(name) if not kwargs.get("format")]
            if name.startswith("api:") and not params:
                urls.append(url + "?format=api")  # the browsable API's HTML
    assert unfilled == [], f"add these URL parameters to the filler: {unfilled}"
    return list(dict.fromkeys(urls)), names


# -- reading everything as one reader --------------------------------------------------------
def crawl(client: Client, urls: list[str]) -> dict[str, str]:
    """url -> the squeezed text of the answer; follows the export links pages offer."""
    seen: dict[str, str] = {}
    queue = list(urls)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        api = url.startswith("/api/") and not url.startswith(("/api/schema", "/api/docs",
                                                                "/api/redoc"))
        accept = "application/json" if api and "format=api" not in url else "text/html,*/*"
        response = client.get(url, HTTP_ACCEPT=accept)
        assert response.status_code < 500, url
        text = text_of(response) if response.status_code == 200 else response.content.decode(
            errors="replace")
        seen[url] = squeeze(text)
        if (response.status_code == 200 and "text/html" in response.get("Content-Type", "")
                and not url.startswith("/api/")):
            path = urlsplit(url).path
            for link in EXPORT_LINK.findall(text):
                link = html.unescape(link)
                if link.startswith("?"):
                    link = path + link
                if urlsplit(link).path == path and link not in seen:
                    queue.append(link)
    return seen


@pytest.fixture
def pdf_once(monkeypatch):
    """WeasyPrint's HTML -> PDF step is a pure function of the HTML: the same HTML (the same
    matrix version read by several readers) is converted once. Each reader's HTML is still
    built by the views, and each PDF is still read back with pypdf."""
    import sys

    from clearinghouse import pdf

    original, done = pdf.html_to_pdf, {}

    def cached(html_text, *args, **kwargs):
        key = (html_text, args, tuple(sorted(kwargs.items())))
        if key not in done:
            done[key] = original(html_text, *args, **kwargs)
        return done[key]

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("clearinghouse") and getattr(
                module, "html_to_pdf", None) is original:
            monkeypatch.setattr(module, "html_to_pdf", cached)
    return done


def test_the_world_covers_every_scoped_model_and_agrees_with_the_policy(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = build(settings.MEDIA_ROOT)
    covered = {s.label for s in w.secrets} | PUBLIC_MODELS
    assert covered == set(permissions.SCOPES), set(permissions.SCOPES) ^ covered
    markers = [s.marker for s in w.secrets if s.marker]
    assert len(set(markers)) == len(markers)
    assert not [(a, b) for a in markers for b in markers if a != b and a in b]
    wrong = [(s.label, s.marker, reader) for s in w.secrets for reader in READERS
             if permissions.visible(w.readers[reader], s.record) != (reader in s.allowed)]
    assert wrong == []


def test_no_reader_finds_a_record_it_may_not_see(settings, tmp_path, pdf_once):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = build(settings.MEDIA_ROOT)
    urls, names = urls_to_visit(w)
    all_names = {n for n, _p in url_patterns() if not n.startswith("admin:")}
    assert all_names <= names, all_names - names
    leaks, found, counts = [], {}, {}
    for reader in READERS:
        client = Client()
        if w.readers[reader] is not None:
            client.force_login(w.readers[reader])
        texts = crawl(client, urls)
        counts[reader] = (len(texts), sum("export=" in url for url in texts))
        everything = "\n".join(texts.values())
        found[reader] = {s.marker for s in w.secrets if s.marker and squeeze(s.marker)
                         in everything}
        for secret in w.forbidden(reader):
            needle = squeeze(secret.marker)
            leaks += [(reader, url, secret.marker) for url, text in texts.items()
                      if needle in text]

    assert leaks == [], "\n".join(f"{r} reads {m} at {u}" for r, u, m in leaks)
    # Not vacuous: many URLs, exports and documents visited, and every marker found by every
    # reader allowed to see its record.
    assert min(n for n, _exports in counts.values()) >= MIN_URLS_PER_READER, counts
    assert min(exports for _n, exports in counts.values()) >= MIN_EXPORTS_PER_READER, counts
    assert len(pdf_once) >= 10  # notes, review, matrix, briefing: documents were made
    unseen = sorted((reader, s.marker) for s in w.secrets if s.marker
                    for reader in s.allowed if s.marker not in found[reader])
    assert unseen == []
    print(counts)  # shown with -s: URLs and exports read per reader
