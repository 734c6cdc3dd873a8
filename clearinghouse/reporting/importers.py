"""Importers of the reporting domain: `clearinghouse load reports|plans|visits|peer-reviews FILE`.

Each checks every row (names through the registry's resolver, dates, duplicates in the file and
in the database) before anything is written; the columns are documented in docs/reporting.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from clearinghouse.core import languages
from clearinghouse.core.importing import Importer, Row, parse_date, register, resolve_state
from clearinghouse.registry.models import State

from . import actions, areas
from .actions import RESOLUTION_ADOPTED
from .models import (
    ActionPlan,
    ActionPlanItem,
    CountryVisit,
    NationalReport,
    PeerReview,
    Publication,
)

STATUSES = [c for c, _ in Publication.choices]
DEFAULT_STATUS = Publication.SUBMITTED


def _states() -> dict[str, State]:
    return {s.iso3: s for s in State.objects.all()}


class _Resolving:
    """Resolve each distinct name once per file."""

    def __init__(self):
        self.states = _states()
        self.cache: dict[str, object] = {}

    def state(self, row: Row, column: str, problems, value: str | None = None):
        text = row.get(column) if value is None else value
        if text in self.cache and self.cache[text] is not None:
            return self.cache[text]
        probe = row if value is None else Row(row.line, {column: value})
        state = resolve_state(probe, column, problems, self.states)
        self.cache[text] = state
        return state


def _choice(row: Row, column: str, allowed: list[str], problems, default: str = "") -> str:
    value = str(row.get(column) or default).strip().lower().replace(" ", "_")
    if value not in allowed:
        problems.add(row.line, column, f'"{row.get(column)}" is not one of: {", ".join(allowed)}')
        return ""
    return value


def _not_future(row: Row, column: str, day, problems):
    if day and day > dt.date.today():
        problems.add(row.line, column, f"{day.isoformat()} is in the future")


def _period(row: Row, problems):
    start = parse_date(row, "start", problems)
    end = parse_date(row, "end", problems)
    if start and end and end < start:
        problems.add(row.line, "end", f"{end.isoformat()} is before the start {start.isoformat()}")
    return start, end


@register
class ReportImporter(Importer):
    kind = "reports"
    label = _("National reports")
    required = ("state", "kind", "date")
    optional = ("language", "status", "title", "text")
    description = _("One row per report: state, kind (first or additional), date (YYYY-MM-DD); "
                   "optional language, status (draft, submitted, published; default submitted), title, text.")

    def validate(self, rows, problems):
        names = _Resolving()
        existing = set(NationalReport.objects.values_list("state_id", "kind", "submitted_on"))
        has_first = set(
            NationalReport.objects.filter(kind=NationalReport.Kind.FIRST).values_list("state_id", flat=True))
        seen: dict[tuple, int] = {}
        firsts: dict[int, int] = {}
        plan = []
        for row in rows:
            state = names.state(row, "state", problems)
            kind = _choice(row, "kind", [c for c, _ in NationalReport.Kind.choices], problems)
            day = parse_date(row, "date", problems)
            _not_future(row, "date", day, problems)
            status = _choice(row, "status", STATUSES, problems, DEFAULT_STATUS)
            if day and day < RESOLUTION_ADOPTED:
                problems.add(row.line, "date", f"{day} is before 28 April 2004, when resolution 1540 "
                             "was adopted")
                continue
            language = str(row.get("language") or "").strip()
            code = languages.code_for(language)
            if language and not code:
                problems.add(row.line, "language", f'"{language[:40]}" is not a language: write an '
                             "ISO 639-1 code (en, fr, ru...) or a name (English, French...)")
                continue
            if not (state and kind and day and status):
                continue
            key = (state.pk, kind, day)
            if key in seen:
                problems.add(row.line, "date", f"repeats line {seen[key]} ({state.iso3}, {kind}, {day})")
                continue
            seen[key] = row.line
            if key in existing:
                problems.add(row.line, "date", f"{state} already has a {kind} report dated {day} in the records")
                continue
            if kind == NationalReport.Kind.FIRST:
                if state.pk in has_first:
                    problems.add(row.line, "kind", f"{state} already has a first report in the records")
                    continue
                if state.pk in firsts:
                    problems.add(row.line, "kind", f"a second first report for {state} (line {firsts[state.pk]})")
                    continue
                firsts[state.pk] = row.line
            plan.append(NationalReport(
                state=state, kind=kind, submitted_on=day, status=status,
                language=code, title=str(row.get("title"))[:300],
                text=str(row.get("text")),
            ))
        return plan

    def preview(self, plan):
        return [{"state": r.state.short_name, "kind": r.kind, "date": r.submitted_on.isoformat(),
                 "status": r.status} for r in plan[:50]]

    def write(self, plan, actor):
        return {"reports": actions.create_records(actor, "reports", plan)}


ITEM_PROGRESS = [c for c, _ in ActionPlanItem.Progress.choices]


@register
class PlanImporter(Importer):
    kind = "plans"
    label = _("National implementation action plans")
    required = ("state", "date", "area", "action")
    optional = ("title", "agency", "target_date", "status", "assistance", "publication")
    description = _("One row per priority action: state, date (of the plan), area (a taxonomy code "
                   "such as op3c, or free text), action; optional title, agency, target_date, status "
                   "(planned, in_progress, completed, delayed), assistance, publication.")

    def validate(self, rows, problems):
        names = _Resolving()
        existing = set(ActionPlan.objects.values_list("state_id", "adopted_on"))
        plans: dict[tuple, dict] = {}
        for row in rows:
            state = names.state(row, "state", problems)
            day = parse_date(row, "date", problems)
            _not_future(row, "date", day, problems)
            target = parse_date(row, "target_date", problems, required=False)
            progress = _choice(row, "status", ITEM_PROGRESS, problems, "planned")
            publication = _choice(row, "publication", STATUSES, problems, DEFAULT_STATUS)
            area_text, action = str(row.get("area")), str(row.get("action"))
            if not area_text:
                problems.add(row.line, "area", "is required")
            if not action:
                problems.add(row.line, "action", "is required")
            if not (state and day and progress and publication and area_text and action):
                continue
            if (state.pk, day) in existing:
                problems.add(row.line, "date", f"{state} already has a plan dated {day} in the records")
                continue
            entry = plans.setdefault((state.pk, day), {
                "plan": ActionPlan(state=state, adopted_on=day, status=publication,
                                   title=str(row.get("title"))[:300] or f"National action plan of {state}"),
                "items": []})
            code, label = areas.match(area_text)
            entry["items"].append(ActionPlanItem(
                area_code=code, area=label[:200], action=action, agency=str(row.get("agency"))[:300],
                target_date=target, progress=progress, assistance_needed=str(row.get("assistance")),
                position=len(entry["items"]) + 1))
        return list(plans.values())

    def preview(self, plan):
        return [{"state": p["plan"].state.short_name, "date": p["plan"].adopted_on.isoformat(),
                 "items": len(p["items"])} for p in plan[:50]]

    def write(self, plan, actor):
        count = actions.create_records(actor, "plans", [p["plan"] for p in plan])
        keys = {(p.state_id, p.adopted_on): p.pk for p in ActionPlan.objects.filter(
            state_id__in={p["plan"].state_id for p in plan})}
        items = []
        for p in plan:
            for item in p["items"]:
                item.plan_id = keys[(p["plan"].state_id, p["plan"].adopted_on)]
                items.append(item)
        ActionPlanItem.objects.bulk_create(items, batch_size=1000)
        return {"plans": count, "items": len(items)}


@register
class VisitImporter(Importer):
    kind = "visits"
    label = _("Country visits")
    required = ("state", "start", "end")
    optional = ("delegation", "objectives", "outcome", "status")
    description = _("One row per visit: state, start, end; optional delegation, objectives, outcome, status.")

    def validate(self, rows, problems):
        names = _Resolving()
        existing = set(CountryVisit.objects.values_list("state_id", "start"))
        seen: dict[tuple, int] = {}
        plan = []
        for row in rows:
            state = names.state(row, "state", problems)
            start, end = _period(row, problems)
            status = _choice(row, "status", STATUSES, problems, DEFAULT_STATUS)
            if not (state and start and end and status) or end < start:
                continue
            key = (state.pk, start)
            if key in seen or key in existing:
                where = f"line {seen[key]}" if key in seen else "the records"
                problems.add(row.line, "start", f"{state} already has a visit starting {start} ({where})")
                continue
            seen[key] = row.line
            plan.append(CountryVisit(state=state, start=start, end=end, status=status,
                                     delegation=str(row.get("delegation")),
                                     objectives=str(row.get("objectives")), outcome=str(row.get("outcome"))))
        return plan

    def preview(self, plan):
        return [{"state": v.state.short_name, "start": v.start.isoformat(), "end": v.end.isoformat()}
                for v in plan[:50]]

    def write(self, plan, actor):
        return {"visits": actions.create_records(actor, "visits", plan)}


@register
class PeerReviewImporter(Importer):
    kind = "peer-reviews"
    label = _("Peer reviews")
    required = ("states", "start", "end")
    optional = ("title", "report", "status")
    description = _('One row per review: states (two or more, separated by ";"), start, end; '
                   "optional title, report (text), status.")

    def validate(self, rows, problems):
        names = _Resolving()
        existing = defaultdict(set)
        for review_id, state_id in PeerReview.states.through.objects.values_list("peerreview_id", "state_id"):
            existing[review_id].add(state_id)
        existing_keys = {(frozenset(existing[pk]), start)
                         for pk, start in PeerReview.objects.values_list("pk", "start")}
        seen: dict[tuple, int] = {}
        plan = []
        for row in rows:
            parts = [p.strip() for p in str(row.get("states")).split(";") if p.strip()]
            states = [names.state(row, "states", problems, part) for part in parts]
            start, end = _period(row, problems)
            status = _choice(row, "status", STATUSES, problems, DEFAULT_STATUS)
            if len(parts) < 2:
                problems.add(row.line, "states", 'name two or more States, separated by ";"')
                continue
            if not all(states) or not (start and end and status) or end < start:
                continue
            if len({s.pk for s in states}) != len(states):
                problems.add(row.line, "states", "names the same State twice")
                continue
            key = (frozenset(s.pk for s in states), start)
            if key in seen or key in existing_keys:
                where = f"line {seen[key]}" if key in seen else "the records"
                problems.add(row.line, "start", f"the same review is already listed ({where})")
                continue
            seen[key] = row.line
            title = str(row.get("title"))[:300] or "Peer review: " + " – ".join(s.short_name for s in states)
            plan.append((PeerReview(title=title, start=start, end=end, status=status,
                                    report_text=str(row.get("report"))), states))
        return plan

    def preview(self, plan):
        return [{"states": "; ".join(s.short_name for s in states), "start": r.start.isoformat()}
                for r, states in plan[:50]]

    def write(self, plan, actor):
        reviews = [r for r, _ in plan]
        count = actions.create_records(actor, "peer-reviews", reviews,
                                       m2m={i: states for i, (_, states) in enumerate(plan)})
        return {"peer reviews": count}
