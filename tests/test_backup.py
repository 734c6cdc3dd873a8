"""Backup and restore: every row of every table and every file, lossless, across databases;
corrupt or foreign archives and non-empty databases refused with nothing changed; the daily
clean-up of uploads never confirmed."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import RequestFactory

from clearinghouse.accounts import apikeys
from clearinghouse.audit.log import record
from clearinghouse.audit.models import AuditEntry
from clearinghouse.core import backup, cleanup, pending
from clearinghouse.registry.models import State
from clearinghouse.reporting import actions as reporting

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def var_in_tmp(settings, tmp_path):
    """Uploads and the secret key file go to a temporary folder, never the deployment's var/."""
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def records(personas):
    """The demonstration data, a report with its document, a key, and awkward values."""
    call_command("demo", verbosity=0)
    kaz = State.objects.get(iso3="KAZ")
    report = reporting.create_report(
        personas["expert"], kaz, kind="additional", submitted_on=dt.date(2014, 3, 31),
        title="Additional information (ünïcödé, 中文, العربية)", text="Line 1\nLine 2\t\x0b",
        document=("kaz-2014.txt", "Rapport national, 中文, العربية".encode()))
    binary = Path(django_settings.MEDIA_ROOT) / "outreach" / "scan.bin"
    binary.parent.mkdir(parents=True, exist_ok=True)
    binary.write_bytes(bytes(range(256)) * 4)
    apikeys.create("tests", personas["expert"], "export")
    with transaction.atomic():
        entry = record("tests", "tests.precise", kaz, {"float": 0.1 + 0.2, "nested": [1, None]})
    AuditEntry.objects.filter(pk=entry.pk).update(
        at=dt.datetime(2014, 3, 31, 23, 59, 59, 123457, tzinfo=dt.UTC))
    return report


def _media():
    return backup.media_files()


def test_round_trip_gives_back_every_row_of_every_table_and_every_file(records, tmp_path):
    before, files = backup.snapshot(), _media()
    assert any(files) and records.document.name in files
    assert sum(len(rows) for rows in before.values()) > 2000
    archive = tmp_path / "backup.tar.gz"
    summary = backup.backup(archive)
    assert summary["files"] == len(files) and oct(archive.stat().st_mode)[-3:] == "600"

    # Refused while the database holds work, with the way forward; nothing changed.
    with pytest.raises(backup.BackupError, match="not empty.*--force"):
        backup.restore(archive)
    assert backup.snapshot() == before

    # Change things after the backup: restore must put every row and file back as it was.
    State.objects.filter(iso3="KAZ").update(official_name="changed after the backup")
    AuditEntry.objects.all().delete()
    (Path(django_settings.MEDIA_ROOT) / records.document.name).write_bytes(b"changed")
    (Path(django_settings.MEDIA_ROOT) / "stray.txt").write_text("added after the backup")
    result = backup.restore(archive, force=True)
    after = backup.snapshot()
    assert after.keys() == before.keys()
    for table in before:  # every row of every table, exactly (microseconds, floats, bytes)
        assert after[table] == before[table], table
    assert _media() == files
    precise = AuditEntry.objects.get(action="tests.precise")
    assert precise.at.microsecond == 123457 and precise.changes["float"] == 0.1 + 0.2
    key_file = Path(django_settings.VAR_DIR) / "secret_key"
    assert key_file.read_text() == django_settings.SECRET_KEY
    assert result["rows"] == sum(len(rows) for rows in before.values())


def _members(path):
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def _postgres_available() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def _other_databases(tmp_path):
    """A fresh SQLite file, and a fresh PostgreSQL database when a server runs here."""
    targets = [("sqlite", f"sqlite:///{tmp_path / 'restored.sqlite3'}", None)]
    if _postgres_available():
        import psycopg

        name = f"ch_restore_test_{os.getpid()}"
        admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

        def drop():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

        targets.append(("postgresql", f"postgres://postgres@127.0.0.1:5432/{name}", drop))
    return targets


def _command(args, database_url, var):
    env = {**os.environ, "DATABASE_URL": database_url, "CLEARINGHOUSE_VAR": str(var)}
    env.pop("SECRET_KEY", None)
    return subprocess.run([sys.executable, "-m", "clearinghouse", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_restore_into_another_database_of_either_kind_is_lossless(records, tmp_path):
    """This database (SQLite or PostgreSQL) -> archive -> a fresh SQLite and, when a server
    runs here, a fresh PostgreSQL database -> archive again: the same rows, files and key."""
    first = tmp_path / "first.tar.gz"
    backup.backup(first)
    original = _members(first)
    for vendor, url, drop in _other_databases(tmp_path):
        try:
            var = tmp_path / f"var-{vendor}"
            restored = _command(["restore", str(first)], url, var)
            assert restored.returncode == 0, restored.stderr
            assert "Restored" in restored.stdout
            assert (var / "secret_key").read_text() == django_settings.SECRET_KEY
            second = tmp_path / f"second-{vendor}.tar.gz"
            made = _command(["backup", str(second)], url, var)
            assert made.returncode == 0, made.stderr
            again = _members(second)
            assert sorted(again) == sorted(original)
            for name in original:
                if name.startswith("database/"):  # every row, value by value (PostgreSQL's
                    # jsonb keeps objects' keys in its own order: equal JSON, other bytes)
                    rows = [json.loads(line) for line in original[name].splitlines()]
                    rows_again = [json.loads(line) for line in again[name].splitlines()]
                    assert rows_again == rows, (vendor, connection.vendor, name)
                elif name != "manifest.json":  # files and the secret key: byte for byte
                    assert again[name] == original[name], (vendor, connection.vendor, name)
            manifest, manifest_again = (json.loads(m["manifest.json"]) for m in (original, again))
            assert manifest_again["tables"] == manifest["tables"]
            assert manifest_again["database"] == vendor
            # A second restore into the same (now non-empty) database is refused.
            refused = _command(["restore", str(first)], url, var)
            assert refused.returncode != 0 and "--force" in refused.stderr
            assert "Traceback" not in refused.stderr
        finally:
            if drop:
                drop()


def _rewrite(source, target, change):
    members = _members(source)
    change(members)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("damage, message", [
    ("truncated", "not a readable archive"),
    ("text", "not a readable archive"),
    ("foreign", "no manifest.json"),
    ("flipped", "database/registry_state.jsonl is corrupt"),
    ("missing", "listed in the manifest but missing"),
    ("migrations", "made at other migrations"),
    ("bad value", "database/registry_state.jsonl, line 2"),
    ("dangling", "references|do not fit together"),
    ("version", "format version 99"),
])
def test_a_corrupt_or_foreign_archive_is_refused_and_changes_nothing(
        records, tmp_path, damage, message):
    good = tmp_path / "good.tar.gz"
    backup.backup(good)
    bad = tmp_path / "bad.tar.gz"
    if damage == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "text":
        bad.write_text("this is not an archive\n")
    elif damage == "foreign":
        with tarfile.open(bad, "w:gz") as tar:
            tar.add(__file__, arcname="notes.txt")
    else:
        def change(members):
            manifest = json.loads(members["manifest.json"])
            name = "database/registry_state.jsonl"
            if damage == "flipped":
                members[name] = members[name].replace(b"Kazakhstan", b"Kazakhstam", 1)
            elif damage == "missing":
                del members[name]
            elif damage == "migrations":
                manifest["migrations"].append(["core", "9999_from_the_future"])
            elif damage == "version":
                manifest["version"] = 99
            elif damage in ("bad value", "dangling"):
                lines = members[name].decode().splitlines()
                row = json.loads(lines[1])
                row[0] = "not a number" if damage == "bad value" else 999999
                lines[1] = json.dumps(row)
                members[name] = ("\n".join(lines) + "\n").encode()
                import hashlib

                manifest["members"][name] = hashlib.sha256(members[name]).hexdigest()
            members["manifest.json"] = json.dumps(manifest).encode()
        _rewrite(good, bad, change)
    before, files = backup.snapshot(), _media()
    with pytest.raises(backup.BackupError, match=message):
        backup.restore(bad, force=True)
    assert backup.snapshot() == before and _media() == files
    # The command says it in one sentence, no traceback.
    with pytest.raises(CommandError, match=f"Nothing restored: .*{message}"):
        call_command("restore", str(bad), "--force")


def test_backup_to_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("backup", str(tmp_path / "nowhere" / "b.tar.gz"))


# -- clean-up ------------------------------------------------------------------------------------

def _stash(name):
    request = RequestFactory().post("/imports/")
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    return pending.stash(request, "import", [(name, b"a,b\n1,2\n")])


def test_uploads_never_confirmed_are_removed_after_a_day(tmp_path):
    old, recent = _stash("old.csv"), _stash("recent.csv")
    root = Path(django_settings.MEDIA_ROOT) / "pending-imports"
    two_days_ago = time.time() - 2 * 86400
    os.utime(root / old, (two_days_ago, two_days_ago))
    assert cleanup.pending_uploads() == [old]
    assert not (root / old).exists() and (root / recent).is_dir()
    out = io.StringIO()
    call_command("cleanup", stdout=out)
    assert "Removed 0 unconfirmed uploads" in out.getvalue()
    later = time.time() + 2 * 86400
    assert cleanup.pending_uploads(now=later) == [recent]
