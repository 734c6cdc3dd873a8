"""Backup and restore: the database, the uploaded documents and the secret key, lossless.

An archive is a gzip'd tar file:

    manifest.json                  format, version, migrations, and for every member its SHA-256
    database/<table>.jsonl         one JSON array per row, columns in the manifest's order
    media/<path>                   every file under MEDIA_ROOT
    secret_key                     the secret key (signed links and sessions stay valid)

Values are written exactly: datetimes with their microseconds and offset, decimals as text,
binary as base64, JSON as JSON. Rows are read and written as column values (no model save, no
``auto_now``), so the restored rows equal the saved ones, on SQLite or PostgreSQL, from either
to either.

Restore checks everything first (the manifest, every checksum, the migrations, every table and
column) and only then writes: the rows in one transaction, the files into a folder swapped
in after the commit. A corrupt or foreign archive changes nothing. A database that already
holds work is replaced only when asked (``force``).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "clearinghouse-backup"
VERSION = 1
# Rows that migrations themselves write: a database holding only these is empty.
# Not data: the cache key token (a restore sets a new one), never in an archive.
NOT_CARRIED = frozenset({"core.datageneration"})
SEEDED_BY_MIGRATIONS = frozenset({
    "contenttypes.contenttype", "auth.permission", "core.datageneration",
    "matrix.matrixtemplate", "matrix.section", "matrix.field",
})


class BackupError(Exception):
    """An archive that cannot be restored, or a database that must not be overwritten."""


@dataclass
class Table:
    label: str
    name: str
    fields: list  # concrete fields, in column order
    model: type

    @property
    def columns(self) -> list[str]:
        return [f.column for f in self.fields]


def tables() -> list[Table]:
    """Every table of every installed model (many-to-many tables included), once."""
    seen, out = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen or meta.label_lower in NOT_CARRIED:
            continue
        seen.add(meta.db_table)
        out.append(Table(meta.label_lower, meta.db_table, list(meta.concrete_fields), model))
    return sorted(out, key=lambda t: t.name)


# -- values --------------------------------------------------------------------------------------

def encode(field, value):
    if value is None:
        return None
    kind = field.get_internal_type()
    if kind == "JSONField":
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return {"microseconds": (value.days * 86400 + value.seconds) * 10**6 + value.microseconds}
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "name") and kind in ("FileField", "ImageField"):
        return value.name
    return value


def decode(field, value):
    if value is None:
        return None
    kind = field.get_internal_type()
    if kind == "JSONField":
        return value
    if kind == "DurationField":
        return dt.timedelta(microseconds=value["microseconds"])
    if kind == "DateTimeField":
        parsed = dt.datetime.fromisoformat(value)
        return parsed if timezone.is_aware(parsed) or not settings.USE_TZ else \
            timezone.make_aware(parsed, dt.UTC)
    return field.to_python(value)


def read_rows(table: Table, alias: str = "default"):
    """The table's rows as encoded lists, in primary-key order."""
    attnames = [f.attname for f in table.fields]
    query = table.model._base_manager.using(alias).order_by("pk").values_list(*attnames)
    for row in query.iterator(chunk_size=2000):
        yield [encode(f, v) for f, v in zip(table.fields, row, strict=True)]


def snapshot(alias: str = "default") -> dict[str, list]:
    """Every row of every table, encoded: what a round trip must give back."""
    return {t.name: list(read_rows(t, alias)) for t in tables()}


def media_files(root: Path | None = None) -> dict[str, bytes]:
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def applied_migrations(alias: str = "default") -> list[list[str]]:
    recorder = MigrationRecorder(connections[alias])
    return sorted([list(key) for key in recorder.applied_migrations()])


def _secret_key_bytes() -> bytes:
    return settings.SECRET_KEY.encode()


# -- backup --------------------------------------------------------------------------------------

def _add(tar: tarfile.TarFile, name: str, data: bytes, manifest_members: dict) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))
    manifest_members[name] = hashlib.sha256(data).hexdigest()


def backup(path: Path, alias: str = "default") -> dict:
    """Write the archive to ``path`` (atomically: a temporary file renamed at the end)."""
    path = Path(path)
    members: dict[str, str] = {}
    counts: dict[str, dict] = {}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    connection = connections[alias]
    outermost = not connection.in_atomic_block
    try:
        with tarfile.open(tmp, "w:gz", compresslevel=6) as tar, transaction.atomic(using=alias):
            if connection.vendor == "postgresql" and outermost:  # one view of every table
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for table in tables():
                lines = [json.dumps(row, ensure_ascii=False, separators=(",", ":"))
                         for row in read_rows(table, alias)]
                data = ("\n".join(lines) + ("\n" if lines else "")).encode()
                name = f"database/{table.name}.jsonl"
                _add(tar, name, data, members)
                counts[table.name] = {"model": table.label, "columns": table.columns,
                                      "rows": len(lines), "member": name}
            files = media_files()
            for rel, data in files.items():
                _add(tar, f"media/{rel}", data, members)
            _add(tar, "secret_key", _secret_key_bytes(), members)
            manifest = {
                "format": FORMAT, "version": VERSION,
                "created": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": applied_migrations(alias),
                "tables": counts, "media": sorted(files), "members": members,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
        tmp.chmod(0o600)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return {"tables": len(counts), "rows": sum(c["rows"] for c in counts.values()),
            "files": len(files), "bytes": path.stat().st_size}


# -- restore -------------------------------------------------------------------------------------

@dataclass
class Archive:
    manifest: dict
    members: dict[str, bytes]


def read_archive(path: Path) -> Archive:
    """Read and check an archive completely; raise BackupError saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        with tarfile.open(path, "r:*") as tar:
            members = {}
            for info in tar:
                name = PurePosixPath(info.name)
                if not info.isfile() or name.is_absolute() or ".." in name.parts:
                    raise BackupError(f"{path}: unexpected member {info.name!r} "
                                      "(not a clearinghouse backup)")
                members[info.name] = tar.extractfile(info).read()
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise BackupError(f"{path}: not a readable archive ({exc})") from None
    raw = members.pop("manifest.json", None)
    if raw is None:
        raise BackupError(f"{path}: no manifest.json: not a clearinghouse backup")
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path}: manifest.json is not JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: manifest.json does not describe a clearinghouse backup")
    if manifest.get("version") != VERSION:
        raise BackupError(f"{path}: backup format version {manifest.get('version')!r}; "
                          f"this installation reads version {VERSION}")
    expected = manifest.get("members") or {}
    for name in sorted(set(expected) | set(members)):
        if name not in members:
            raise BackupError(f"{path}: {name} is listed in the manifest but missing")
        if name not in expected:
            raise BackupError(f"{path}: {name} is in the archive but not in the manifest")
        if hashlib.sha256(members[name]).hexdigest() != expected[name]:
            raise BackupError(f"{path}: {name} is corrupt (its checksum differs)")
    return Archive(manifest, members)


def _check_schema(archive: Archive, alias: str, path) -> dict[str, Table]:
    mine = applied_migrations(alias)
    theirs = archive.manifest.get("migrations")
    if theirs != mine:
        extra = sorted({tuple(m) for m in theirs or []} - {tuple(m) for m in mine})
        missing = sorted({tuple(m) for m in mine} - {tuple(m) for m in theirs or []})
        detail = []
        if extra:
            detail.append("the archive has " + ", ".join(f"{a}.{n}" for a, n in extra[:5]))
        if missing:
            detail.append("this database has " + ", ".join(f"{a}.{n}" for a, n in missing[:5]))
        raise BackupError(f"{path}: made at other migrations ({'; '.join(detail)}): restore "
                          "with the version of the clearinghouse that made it")
    here = {t.name: t for t in tables()}
    for name, info in archive.manifest.get("tables", {}).items():
        if name not in here:
            raise BackupError(f"{path}: table {name} is unknown here")
        if info.get("columns") != here[name].columns:
            raise BackupError(f"{path}: table {name} has columns {info.get('columns')}, "
                              f"here {here[name].columns}")
    return here


def _decoded_rows(archive: Archive, table: Table, info: dict, path) -> list[list]:
    data = archive.members.get(info["member"], b"").decode("utf-8")
    rows = []
    for number, line in enumerate(data.splitlines(), start=1):
        where = f"{path}: {info['member']}, line {number}"
        try:
            values = json.loads(line)
            if len(values) != len(table.fields):
                raise ValueError(f"{len(values)} values for {len(table.fields)} columns")
            rows.append([decode(f, v) for f, v in zip(table.fields, values, strict=True)])
        except Exception as exc:  # any value that does not fit its column, said with its line
            raise BackupError(f"{where}: {exc}") from None
    if len(rows) != info.get("rows"):
        raise BackupError(f"{path}: {info['member']} has {len(rows)} rows, the manifest says "
                          f"{info.get('rows')}")
    return rows


def work_in(alias: str = "default") -> dict[str, int]:
    """Tables that hold rows beyond what migrations put there: {table: rows}."""
    out = {}
    for table in tables():
        if table.label in SEEDED_BY_MIGRATIONS:
            continue
        count = table.model._base_manager.using(alias).count()
        if count:
            out[table.name] = count
    return out


def restore(path: Path, alias: str = "default", force: bool = False) -> dict:
    """Replace the database's rows, MEDIA_ROOT and the secret key with the archive's."""
    archive = read_archive(path)
    here = _check_schema(archive, alias, path)
    infos = archive.manifest.get("tables", {})
    decoded = {name: _decoded_rows(archive, here[name], info, path)
               for name, info in infos.items()}
    occupied = work_in(alias)
    if occupied and not force:
        shown = ", ".join(f"{name} ({n})" for name, n in list(occupied.items())[:4])
        raise BackupError(f"the database is not empty: {shown}{', ...' if len(occupied) > 4 else ''}. "
                          "Restoring replaces everything in it: add --force to do so")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-media-", dir=media_root.parent))
    try:
        for rel in archive.manifest.get("media", []):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.members[f"media/{rel}"])
        _write_rows(here, decoded, alias)
    except DatabaseError as exc:  # e.g. a reference to a row the archive lacks, at commit
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"{path}: its rows do not fit together ({exc}); nothing restored") \
            from None
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = media_root.with_name(f".{media_root.name}-replaced-{os.getpid()}")
    if media_root.exists():
        media_root.rename(old)
    staging.rename(media_root)
    shutil.rmtree(old, ignore_errors=True)
    key_note = _restore_secret_key(archive.members["secret_key"].decode())
    return {"tables": len(decoded), "rows": sum(len(r) for r in decoded.values()),
            "files": len(archive.manifest.get("media", [])), "secret_key": key_note}


def _write_rows(here: dict[str, Table], decoded: dict[str, list], alias: str) -> None:
    connection = connections[alias]
    qn = connection.ops.quote_name
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA defer_foreign_keys = ON")
        else:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in here.values():
            cursor.execute(f"DELETE FROM {qn(table.name)}")
        for name, rows in decoded.items():
            table = here[name]
            if not rows:
                continue
            columns = ", ".join(qn(c) for c in table.columns)
            marks = ", ".join(["%s"] * len(table.columns))
            prepared = [[f.get_db_prep_save(v, connection) for f, v in
                         zip(table.fields, row, strict=True)] for row in rows]
            cursor.executemany(f"INSERT INTO {qn(name)} ({columns}) VALUES ({marks})", prepared)
        for sql in connection.ops.sequence_reset_sql(no_style(), [t.model for t in here.values()]):
            cursor.execute(sql)
        if connection.vendor != "sqlite":  # check every reference now, not at the commit
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        else:
            cursor.execute("PRAGMA foreign_key_check")
            broken = cursor.fetchall()
            if broken:
                raise BackupError(f"the archive's rows break {len(broken)} references "
                                  f"(first: table {broken[0][0]})")


def _restore_secret_key(key: str) -> str:
    path = Path(settings.VAR_DIR) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(".secret_key.tmp")
    tmp.write_text(key)
    tmp.chmod(0o600)
    os.replace(tmp, path)
    if os.environ.get("SECRET_KEY") and os.environ["SECRET_KEY"] != key:
        return (f"written to {path}, but SECRET_KEY in the environment differs and wins: set "
                "it to the archive's key (in that file) to keep sessions and signed links valid")
    return f"written to {path}"
