"""The console commands: init (idempotent) and resolve --json."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import State

pytestmark = pytest.mark.django_db


def test_init_is_idempotent(capsys):
    call_command("init")
    assert "unchanged" in capsys.readouterr().out
    before = AuditEntry.objects.count()
    call_command("init")
    assert AuditEntry.objects.count() == before
    assert State.objects.count() == 195


def test_init_force_reloads_and_audits(capsys):
    call_command("init", "--force")
    out = capsys.readouterr().out
    assert "Reference data loaded" in out
    entry = AuditEntry.objects.filter(action="registry.reference_loaded").first()
    assert entry.actor_label == "init"
    assert entry.changes["states"] == {"created": 0, "updated": 0, "deleted": 0}


def test_resolve_json(capsys):
    call_command("resolve", "--json", "Korea", "Republic of Korea", "Kosovo", "OSCE", "Turk- menistan")
    data = json.loads(capsys.readouterr().out)
    assert [d["query"] for d in data] == ["Korea", "Republic of Korea", "Kosovo", "OSCE", "Turk- menistan"]
    korea, rok, kosovo, osce, tkm = data
    assert korea["match"] is None and korea["ambiguous"] is True
    assert {a["code"] for a in korea["alternatives"]} == {"KOR", "PRK"}
    assert rok["match"] == {"kind": "state", "code": "KOR", "name": "Republic of Korea"}
    assert rok["confidence"] == 1.0 and rok["ambiguous"] is False
    assert kosovo["match"] is None and kosovo["ambiguous"] is False and kosovo["non_member"]
    assert osce["match"]["kind"] == "organisation" and osce["match"]["code"] == "OSCE"
    assert tkm["match"]["code"] == "TKM"


def test_console_command_runs_as_a_program(tmp_path):
    """The installed `clearinghouse` entry point, on a fresh SQLite database under a var folder."""
    env = {**os.environ, "CLEARINGHOUSE_VAR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DATABASE_URL")
    exe = os.path.join(os.path.dirname(sys.executable), "clearinghouse")
    first = subprocess.run([exe, "init"], env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "clearinghouse.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
    result = subprocess.run([exe, "resolve", "--json", "Swaziland"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert json.loads(result.stdout)[0]["match"]["code"] == "SWZ"
