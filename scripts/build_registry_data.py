#!/usr/bin/env python
"""Regenerate the registry's State reference data from hdx-python-country.

Writes, under clearinghouse/registry/data/:

* states.csv       one row per UN Member State (193) and observer State (2)
* state_names.csv  short and official names in the six UN official languages

Sources:

* hdx-python-country (OCHA Countries & Territories Taxonomy, bundled copy;
  the live download is switched off so the output depends only on the
  installed package version): ISO codes, M49 code and regions, the DGACM
  list of Member States, UN short/formal names.
* admission_dates.csv (curated by hand from the UN "Member States" page):
  date of admission of each Member State.

The output is deterministic (rows sorted by ISO3, fixed column order, "\\n"
line endings) so running the script twice gives byte-identical files.

Usage:  python scripts/build_registry_data.py [--check]
  --check  do not write; exit 1 if the files on disk differ from what
           would be generated.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from hdx.location.country import Country

# Must come before any other use of Country: otherwise every new process
# waits ~30 s trying to download the live taxonomy.
Country.set_use_live_default(False)

DATA_DIR = Path(__file__).resolve().parent.parent / "clearinghouse" / "registry" / "data"

OBSERVER_STATES = ("PSE", "VAT")  # State of Palestine, Holy See

# Names the taxonomy gives in the State's own language where the UN's lists use the English,
# French, Spanish or Russian name (see data/README.md): (iso3, language) -> (short, formal).
# The taxonomy's spelling stays an alias (state_aliases.csv).
NAME_CORRECTIONS = {
    ("NRU", "en"): ("Nauru", "Republic of Nauru"),
    ("NRU", "fr"): ("Nauru", ""),
    ("NRU", "es"): ("Nauru", ""),
    ("NRU", "ru"): ("Науру", ""),
}

STATE_COLUMNS = [
    "iso3", "iso2", "m49", "status", "admitted", "short_name", "official_name",
    "region", "subregion", "intermediate_region",
]
NAME_COLUMNS = ["iso3", "lang", "short_name", "official_name"]

# The six UN official languages, in UN (English alphabetical) order, with
# the hdx column prefix for each.
LANGUAGES = [
    ("ar", "Arabic"),
    ("zh", "Chinese"),
    ("en", "English"),
    ("fr", "French"),
    ("ru", "Russian"),
    ("es", "Spanish"),
]


def clean(value) -> str:
    return "" if value is None else str(value).strip()


def strip_article(name: str) -> str:
    """'the Republic of Kazakhstan' -> 'Republic of Kazakhstan'."""
    name = clean(name)
    if name[:4].lower() == "the ":
        name = name[4:]
    return name


def load_admission_dates() -> dict[str, str]:
    path = DATA_DIR / "admission_dates.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    dates = {}
    for row in rows:
        iso3 = row["iso3"].strip()
        if iso3 in dates:
            raise SystemExit(f"admission_dates.csv: duplicate {iso3}")
        dates[iso3] = row["admitted"].strip()
    return dates


def hdx_rows() -> dict[str, dict]:
    countries = Country.countriesdata()["countries"]
    members = {iso3: r for iso3, r in countries.items()
               if clean(r.get("Appears in DGACM list")) == "Y"}
    if len(members) != 193:
        raise SystemExit(f"hdx DGACM list has {len(members)} States, expected 193")
    selected = dict(members)
    for iso3 in OBSERVER_STATES:
        if iso3 not in countries:
            raise SystemExit(f"hdx has no row for observer State {iso3}")
        selected[iso3] = countries[iso3]
    return selected


def build() -> dict[str, str]:
    """Return {file name: file content}."""
    rows = hdx_rows()
    admitted = load_admission_dates()
    member_codes = {k for k in rows if k not in OBSERVER_STATES}
    missing = sorted(member_codes - admitted.keys())
    extra = sorted(admitted.keys() - member_codes)
    if missing or extra:
        raise SystemExit(f"admission_dates.csv: missing {missing}, not Member States {extra}")

    states, names = [], []
    for iso3 in sorted(rows):
        r = rows[iso3]
        status = "observer" if iso3 in OBSERVER_STATES else "member"
        states.append({
            "iso3": iso3,
            "iso2": clean(r["ISO 3166-1 Alpha 2-Codes"]),
            "m49": clean(r["m49 numerical code"]).zfill(3),
            "status": status,
            "admitted": admitted.get(iso3, "") if status == "member" else "",
            "short_name": NAME_CORRECTIONS.get((iso3, "en"), (clean(r["English Short"]),))[0],
            "official_name": NAME_CORRECTIONS.get((iso3, "en"), ("", strip_article(r["English Formal"])))[1],
            "region": clean(r["Region Name"]),
            "subregion": clean(r["Sub-region Name"]),
            "intermediate_region": clean(r["Intermediate Region Name"]),
        })
        for lang, prefix in LANGUAGES:
            official = strip_article(r["English Formal"]) if lang == "en" else ""
            short = clean(r.get(f"{prefix} Short"))
            if (iso3, lang) in NAME_CORRECTIONS:
                short, official = NAME_CORRECTIONS[(iso3, lang)]
            names.append({
                "iso3": iso3,
                "lang": lang,
                "short_name": short,
                "official_name": official,
            })
    return {
        "states.csv": to_csv(STATE_COLUMNS, states),
        "state_names.csv": to_csv(NAME_COLUMNS, names),
    }


def to_csv(columns: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    outputs = build()
    stale = []
    for name, content in outputs.items():
        path = DATA_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            print(f"{name}: up to date ({content.count(chr(10)) - 1} rows)")
            continue
        if check:
            stale.append(name)
            print(f"{name}: out of date")
        else:
            path.write_text(content, encoding="utf-8", newline="")
            print(f"{name}: written ({content.count(chr(10)) - 1} rows)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
