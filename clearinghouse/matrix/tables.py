"""The matrix tables as exportable :class:`Table` objects (CSV, XLSX, JSON), built from queries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clearinghouse.core.exports import Table

from .queries import Layout, TableRow, matrix_tables

CAVEAT = _(
    "The 1540 Matrix records the measures a State has taken, from national reports and official "
    "information. It is not a compliance assessment: counts of fields with measures recorded are "
    "not scores and do not rank States."
)


# Labels of the exports' machine keys (JSON and ?keys=1 keep the keys). A State's matrix cells
# (version_table) keep their keys as header on purpose: the matrix importer loads them back.
DIFF_LABELS = {
    "state": _("ISO code"), "from_version": _("From version"), "to_version": _("To version"),
    "change": _("Change"), "field": _("Field"), "label": _("Description"),
    "dimension": _("Dimension"), "value_before": _("Value before"),
    "value_after": _("Value after"), "source_before": _("Source before"),
    "source_after": _("Source after"), "remarks_before": _("Remarks before"),
    "remarks_after": _("Remarks after"),
}
STATES_LABELS = {
    "state": _("ISO code"), "name": _("State"), "region": _("Region"),
    "subregion": _("Sub-region"), "version": _("Version"), "status": _("Status"),
    "approved_on": _("Approved on"),
}
DISTRIBUTION_LABELS = {
    "section": _("Section"), "title": _("Title"), "fields": _("Fields"), "states": _("States"),
    "average": _("Average"), "median": _("Median"), "min": _("Lowest"), "max": _("Highest"),
}
TREND_LABELS = {
    "year_of_approval": _("Year of approval"), "versions": _("Versions"),
    "average_fields_with_measures": _("Average fields with measures recorded"),
}
TEMPLATE_LABELS = {
    "section": _("Section"), "field": _("Field"), "weapon": _("Weapon"),
    "label": _("Description"), "op_reference": _("Operative paragraph"),
    "dimensions": _("Dimensions"),
}


def version_table(state, version, lay: Layout, cells: dict) -> Table:
    columns = ["state", "version", "status", "section", "field", "weapon", "label", "op_reference",
               "dimension", "value", "source", "remarks"]
    rows = []
    for section, groups in matrix_tables(lay, cells):
        for _group, table_rows in groups:
            for row in table_rows:
                row: TableRow
                for dimension, (value, source, remarks) in row.cells:
                    rows.append([state.iso3, version.number, version.status, section.code, row.field.code,
                                 row.field.weapon, row.field.label, row.field.op_reference, dimension,
                                 value, source, remarks])
    return Table(f"1540 Matrix {state.iso3} v{version.number}", columns, rows,
                 f"matrix-{state.iso3}-v{version.number}")


def diff_table(state, old, new, changes, lay: Layout) -> Table:
    columns = list(DIFF_LABELS)
    rows = []
    for c in changes:
        label = lay.by_code[c.code].label if c.code in lay.by_code else ""
        rows.append([state.iso3, old.number, new.number, c.kind, c.code, label, c.dimension,
                     c.before[0], c.after[0], c.before[1], c.after[1], c.before[2], c.after[2]])
    return Table(f"1540 Matrix {state.iso3} v{old.number} to v{new.number}", columns, rows,
                 f"matrix-{state.iso3}-v{old.number}-v{new.number}", DIFF_LABELS)


def states_table(lay: Layout, latest: list[dict]) -> Table:
    codes = lay.section_codes()
    columns = ["state", "name", "region", "subregion", "version", "status", "approved_on",
               *[f"measures_{c}" for c in codes], "measures_all"]
    rows = [[r["matrix__state__iso3"], r["matrix__state__short_name"], r["matrix__state__region"],
             r["matrix__state__subregion"], r["number"], r["status"], r["approved_on"],
             *[int(r["measures"].get(c, 0)) for c in codes], r["measures_total"]] for r in latest]
    labels = {**STATES_LABELS,
              **{f"measures_{c}": _("Fields with measures recorded, section %(section)s") % {"section": c}
                 for c in codes},
              "measures_all": _("Fields with measures recorded, all sections")}
    return Table(_("Fields with measures recorded, per State"), columns, rows,
                 "matrix-measures-by-state", labels)


def distribution_table(dist: list[dict]) -> Table:
    columns = list(DISTRIBUTION_LABELS)
    rows = [[d["code"], d["title"], d["capacity"], d["states"], d["average"], d["median"], d["min"], d["max"]]
            for d in dist]
    return Table(_("Fields with measures recorded, per section"), columns, rows,
                 "matrix-measures-by-section", DISTRIBUTION_LABELS)


def trend_table(trend: list[dict]) -> Table:
    columns = list(TREND_LABELS)
    rows = [[t["year"], t["versions"], t["average"]] for t in trend]
    return Table(_("Average fields with measures recorded by year of approval"), columns, rows,
                 "matrix-measures-by-year", TREND_LABELS)


def template_table(lay: Layout) -> Table:
    columns = list(TEMPLATE_LABELS)
    rows = [[s.code, r.code, r.weapon, r.label, r.op_reference, " ".join(r.dimensions)]
            for s in lay.sections for g in s.groups for r in g.rows]
    return Table(f"1540 Matrix template v{lay.version}", columns, rows, f"matrix-template-v{lay.version}",
                 TEMPLATE_LABELS)
