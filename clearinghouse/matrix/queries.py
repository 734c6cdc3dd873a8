"""Read-side queries of the matrix domain, shared by pages, exports, the PDF and the API.

Every query for versions or cells goes through ``visible_to(user)``. The template's layout is
cached per process (a template never changes once loaded, and its ``loaded_at`` keys the
cache), so a State's matrix page costs a fixed number of queries whatever the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.db.models.functions import ExtractYear

from clearinghouse.core import params
from clearinghouse.registry.models import State
from clearinghouse.registry.names import sort_key
from clearinghouse.registry.queries import state_names

from .models import BLANK, Cell, Field, MatrixTemplate, MatrixVersion, Section, Weapon
from .template import CURRENT_VERSION, load_template


@dataclass(frozen=True)
class FieldRow:
    id: int
    code: str
    label: str
    op_reference: str
    weapon: str
    dimensions: tuple[str, ...]
    section: str


@dataclass
class WeaponGroup:
    weapon: str
    label: str
    rows: list[FieldRow] = field(default_factory=list)


@dataclass
class SectionLayout:
    code: str
    title: str
    op_reference: str
    note: str
    dimensions: tuple[str, ...]
    groups: list[WeaponGroup] = field(default_factory=list)

    @property
    def two_dimensions(self) -> bool:
        return len(self.dimensions) > 1

    @property
    def capacity(self) -> int:
        """How many cells the section has (rows x dimensions)."""
        return sum(len(r.dimensions) for g in self.groups for r in g.rows)


@dataclass
class Layout:
    template_id: int
    version: int
    title: str
    sections: list[SectionLayout]
    by_code: dict[str, FieldRow]
    by_id: dict[int, FieldRow]

    def section_codes(self) -> list[str]:
        return [s.code for s in self.sections]


_LAYOUTS: dict[tuple, Layout] = {}


def current_template() -> MatrixTemplate:
    """The current template (loaded from its data file if the table was emptied)."""
    template = MatrixTemplate.objects.filter(version=CURRENT_VERSION).first()
    if template is None:
        template = load_template()
    return template


def layout(template: MatrixTemplate | None = None) -> Layout:
    template = template or current_template()
    key = (template.pk, template.loaded_at)
    if key in _LAYOUTS:
        return _LAYOUTS[key]
    sections = {s.pk: SectionLayout(s.code, s.title, s.op_reference, s.note, tuple(s.dimensions))
                for s in Section.objects.filter(template=template).order_by("order")}
    by_code, by_id = {}, {}
    for f in Field.objects.filter(template=template).order_by("order"):
        section = sections[f.section_id]
        row = FieldRow(f.pk, f.code, f.label, f.op_reference, f.weapon, tuple(f.dimensions), section.code)
        if not section.groups or section.groups[-1].weapon != f.weapon:
            section.groups.append(WeaponGroup(f.weapon, str(Weapon(f.weapon).label) if f.weapon else ""))
        section.groups[-1].rows.append(row)
        by_code[f.code] = row
        by_id[f.pk] = row
    result = Layout(template.pk, template.version, template.title, list(sections.values()), by_code, by_id)
    _LAYOUTS.clear()
    _LAYOUTS[key] = result
    return result


def layout_for(version: MatrixVersion) -> Layout:
    return layout(version.template)


# -- versions and cells -------------------------------------------------------------------------


def state_versions(user, state: State) -> list[MatrixVersion]:
    """The versions of a State's matrix the user may see, oldest first (one query)."""
    return list(
        MatrixVersion.objects.visible_to(user)
        .filter(matrix__state=state)
        .select_related("template", "approved_by", "matrix")
        .order_by("number")
    )


def pick_version(versions: list[MatrixVersion], number) -> MatrixVersion | None:
    """The version numbered ``number`` (text from a query string), else the latest; None if absent."""
    if not versions:
        return None
    if number in (None, ""):
        return versions[-1]
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        return None
    return next((v for v in versions if v.number == wanted), None)


CellData = tuple[str, str, str]  # value, source, remarks


def version_cells(version: MatrixVersion) -> dict[tuple[int, str], CellData]:
    """{(field id, dimension): (value, source, remarks)} of one version (one query)."""
    rows = Cell.objects.filter(version=version).exclude(BLANK).values_list("field_id", "dimension", "value", "source",
                                                            "remarks")
    return {(f, d): (v, s, r) for f, d, v, s, r in rows}


CSS = {"X": "val-X", "?": "val-q", "NA": "val-NA", "": "val-blank"}


@dataclass
class TableRow:
    field: FieldRow
    cells: list[tuple[str, CellData]]  # [(dimension, (value, source, remarks))]

    @property
    def shown(self) -> list[tuple[str, str, str]]:
        """[(css class, value, source)] per dimension, for the templates."""
        return [(CSS.get(c[0], "val"), c[0], c[1]) for _d, c in self.cells]

    @property
    def remarks(self) -> list[tuple[str, str]]:
        """[(dimension, remarks)] of the cells that have remarks."""
        return [(d, c[2]) for d, c in self.cells if c[2]]


def matrix_tables(lay: Layout, cells: dict) -> list[tuple[SectionLayout, list[tuple[WeaponGroup, list[TableRow]]]]]:
    """The Committee's layout: per section, per weapon, one row per field with its cells."""
    empty = ("", "", "")
    out = []
    for section in lay.sections:
        groups = []
        for group in section.groups:
            rows = [TableRow(r, [(d, cells.get((r.id, d), empty)) for d in r.dimensions]) for r in group.rows]
            groups.append((group, rows))
        out.append((section, groups))
    return out


def section_counts(lay: Layout, measures: dict) -> list[dict]:
    """Fields with measures recorded (cells with X) per section, with the section's capacity."""
    return [{"code": s.code, "title": s.title, "count": int(measures.get(s.code, 0)), "capacity": s.capacity}
            for s in lay.sections]


def count_measures(version_ids) -> dict[int, dict[str, int]]:
    """{version id: {section code: cells holding X}} computed from the cells (one query)."""
    out: dict[int, dict[str, int]] = {v: {} for v in version_ids}
    rows = (Cell.objects.filter(version_id__in=list(version_ids), value="X")
            .values_list("version_id", "field__section__code").annotate(n=Count("id")))
    for version_id, code, n in rows:
        out[version_id][code] = n
    return out


# -- across States ------------------------------------------------------------------------------


def filtered_states(filters: dict):
    qs = State.objects.all()
    if region := filters.get("region"):
        qs = qs.filter(region=region)
    if subregion := filters.get("subregion"):
        qs = qs.filter(subregion=subregion)
    if code := filters.get("organisation"):
        qs = qs.filter(memberships__organisation__code=code, memberships__left__isnull=True)
    return qs


def state_filters(query) -> dict:
    """?region=, ?subregion=, ?organisation= of the pages across States, checked."""
    found = {k: params.text(query, k) for k in ("region", "subregion", "organisation")}
    return {k: v for k, v in found.items() if v}


def latest_versions(user, filters: dict) -> list[dict]:
    """The latest version each State's matrix has that the user may see (one query)."""
    rows = (
        MatrixVersion.objects.visible_to(user)
        .filter(matrix__state__in=filtered_states(filters))
        .order_by("matrix_id", "-number")
        .values("matrix_id", "number", "status", "approved_on", "measures", "measures_total",
                "matrix__state__iso3", "matrix__state__short_name", "matrix__state__region",
                "matrix__state__subregion")
    )
    latest, seen = [], set()
    names = state_names()  # in the reader's language
    for row in rows:
        if row["matrix_id"] in seen:
            continue
        seen.add(row["matrix_id"])
        row["name"] = names.get(row["matrix__state__iso3"], row["matrix__state__short_name"])
        latest.append(row)
    latest.sort(key=lambda r: sort_key(r["name"]))
    return latest


def _median(values: list[int]) -> float:
    s = sorted(values)
    n = len(s)
    if not n:
        return 0
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


BUCKETS = 5


def distribution(lay: Layout, latest: list[dict]) -> list[dict]:
    """Per section and in all: States, average, median, min, max and a histogram of counts."""
    out = []
    specs = [(s.code, s.title, s.capacity) for s in lay.sections]
    specs.append(("ALL", "All sections", sum(s.capacity for s in lay.sections)))
    for code, title, capacity in specs:
        values = [r["measures_total"] if code == "ALL" else int(r["measures"].get(code, 0)) for r in latest]
        width = max(1, -(-capacity // BUCKETS))
        buckets = [0] * BUCKETS
        for v in values:
            buckets[min(BUCKETS - 1, v // width)] += 1
        most = max(buckets) if values else 0
        out.append({
            "code": code, "title": title, "capacity": capacity, "states": len(values),
            "average": round(sum(values) / len(values), 1) if values else 0,
            "median": _median(values), "min": min(values, default=0), "max": max(values, default=0),
            "buckets": [{"low": i * width, "high": min(capacity, (i + 1) * width - 1), "states": n,
                         "share": round(100 * n / most) if most else 0} for i, n in enumerate(buckets)],
        })
    return out


def trend_by_year(user, filters: dict) -> list[dict]:
    """Average fields with measures recorded per State, by year of Committee approval."""
    rows = (
        MatrixVersion.objects.visible_to(user)
        .filter(matrix__state__in=filtered_states(filters), approved_on__isnull=False)
        .annotate(year=ExtractYear("approved_on"))
        .values("year")
        .annotate(versions=Count("id"), average=Avg("measures_total"))
        .order_by("year")
    )
    top = max((r["average"] or 0 for r in rows), default=0)
    return [{"year": r["year"], "versions": r["versions"], "average": round(r["average"] or 0, 1),
             "share": round(100 * (r["average"] or 0) / top) if top else 0} for r in rows]
