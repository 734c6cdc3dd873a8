"""The matrix template: a data file in the repository, expanded into sections and fields.

``read_template()`` is pure (no Django): it reads ``data/template-v<N>.json`` and expands each
row of a per-weapon section into one field per weapon (``OP2.NW.01`` ...). ``load_template()``
writes it into the database, idempotently (a data migration calls it; so can ``init``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_VERSION = 1
WEAPONS = ("NW", "CW", "BW")
DIMENSIONS = ("single", "legal", "enforcement")


@dataclass(frozen=True)
class FieldSpec:
    code: str
    section: str
    label: str
    op_reference: str
    weapon: str
    dimensions: tuple[str, ...]
    order: int


@dataclass
class SectionSpec:
    code: str
    title: str
    op_reference: str
    note: str
    dimensions: tuple[str, ...]
    order: int
    fields: list[FieldSpec] = field(default_factory=list)


@dataclass
class TemplateSpec:
    version: int
    title: str
    source: str
    fingerprint: str
    weapons: dict[str, str]
    sections: list[SectionSpec]

    def fields(self) -> list[FieldSpec]:
        return [f for s in self.sections for f in s.fields]


class TemplateError(ValueError):
    pass


def template_path(version: int = CURRENT_VERSION) -> Path:
    return DATA_DIR / f"template-v{version}.json"


def read_template(path: Path | None = None) -> TemplateSpec:
    path = path or template_path()
    raw = path.read_bytes()
    data = json.loads(raw)
    weapons = data["weapons"]
    sections, codes, order = [], set(), 0
    for s_order, s in enumerate(data["sections"], start=1):
        dims = tuple(s["dimensions"])
        if not set(dims) <= set(DIMENSIONS):
            raise TemplateError(f"{path.name}: section {s['code']}: unknown dimension in {dims}")
        section = SectionSpec(s["code"], s["title"], s["op_reference"], s.get("note", ""), dims, s_order)
        weapon_list = WEAPONS if s.get("per_weapon") else ("",)
        for weapon in weapon_list:
            for row in s["rows"]:
                if weapon and weapon not in row.get("weapons", WEAPONS):
                    continue
                code = ".".join(x for x in (s["code"], weapon, row["key"]) if x)
                if code in codes:
                    raise TemplateError(f"{path.name}: duplicate field code {code}")
                codes.add(code)
                order += 1
                section.fields.append(FieldSpec(
                    code, s["code"], row["label"], row.get("op", s["op_reference"]), weapon, dims, order
                ))
        sections.append(section)
    return TemplateSpec(int(data["version"]), data["title"], data.get("source", ""),
                        hashlib.sha256(raw).hexdigest(), weapons, sections)


def load_template(apps=None, version: int = CURRENT_VERSION):
    """Write the template's sections and fields (idempotent: unchanged files are skipped).

    ``apps`` is the migration state's registry when called from a data migration.
    """
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    MatrixTemplate = apps.get_model("matrix", "MatrixTemplate")
    Section = apps.get_model("matrix", "Section")
    Field = apps.get_model("matrix", "Field")
    spec = read_template(template_path(version))
    template = MatrixTemplate.objects.filter(version=spec.version).first()
    if template is not None and template.fingerprint == spec.fingerprint:
        return template
    if template is None:
        template = MatrixTemplate.objects.create(version=spec.version, title=spec.title,
                                                 source=spec.source, fingerprint=spec.fingerprint)
    else:
        template.title, template.source, template.fingerprint = spec.title, spec.source, spec.fingerprint
        template.save()
    existing_fields = {f.code: f for f in Field.objects.filter(template=template)}
    for s in spec.sections:
        section, _ = Section.objects.update_or_create(
            template=template, code=s.code,
            defaults={"title": s.title, "op_reference": s.op_reference, "note": s.note,
                      "dimensions": list(s.dimensions), "order": s.order},
        )
        for f in s.fields:
            values = {"section": section, "label": f.label, "op_reference": f.op_reference,
                      "weapon": f.weapon, "dimensions": list(f.dimensions), "order": f.order}
            if f.code in existing_fields:
                obj = existing_fields[f.code]
                for k, v in values.items():
                    setattr(obj, k, v)
                obj.save()
            else:
                Field.objects.create(template=template, code=f.code, **values)
    return template
