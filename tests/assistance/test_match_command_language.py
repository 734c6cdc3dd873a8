"""`clearinghouse match --language LANG`: the reasons in any of the six languages (the engine
renders its reason codes on demand), the site's language by default, an unknown code refused."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from clearinghouse.assistance.demo import _drop_unknown
from clearinghouse.assistance.registry_adapter import RegistryResolver

pytestmark = pytest.mark.django_db

EVAL = Path(__file__).resolve().parent.parent / "data" / "assistance_eval.json"


@pytest.fixture
def exchange_file(tmp_path):
    data = _drop_unknown(json.loads(EVAL.read_text(encoding="utf-8")), RegistryResolver())
    path = tmp_path / "exchange.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _run(path, *args) -> str:
    out = io.StringIO()
    call_command("match", "--input", str(path), "--top", "3", *args, stdout=out)
    return out.getvalue()


def test_reasons_in_french(exchange_file):
    english = _run(exchange_file, "--language", "en")
    french = _run(exchange_file, "--language", "fr")
    assert "Area: " in english and "Domaine : " not in english
    assert "Domaine : " in french and "Area: " not in french
    assert english.splitlines()[-1].startswith("allocation (total ")
    assert len(english.splitlines()) == len(french.splitlines())
    # Same ranking, only the words differ.
    ids = [line.split()[:2] for line in english.splitlines() if line.startswith("  ")]
    assert ids == [line.split()[:2] for line in french.splitlines() if line.startswith("  ")]


def test_json_reasons_in_french_keep_the_documented_format(exchange_file):
    data = json.loads(_run(exchange_file, "--json", "--language", "fr"))
    assert set(data) == {"ranking", "allocation"}
    r01 = data["ranking"]["R01"]
    assert r01[0]["offer"] == "O02"
    assert any(s.startswith("Admissible : ") for s in r01[0]["reasons"])
    assert not any("Eligible" in s for s in r01[0]["reasons"])
    english = json.loads(_run(exchange_file, "--json"))
    assert [[c["offer"] for c in cands] for cands in english["ranking"].values()] == [
        [c["offer"] for c in cands] for cands in data["ranking"].values()]


@pytest.mark.parametrize("code,word", [("es", "Ámbito: "), ("ru", "Область: "),
                                       ("ar", "المجال: "), ("zh-hans", "领域："),
                                       ("zh_Hans", "领域："), ("FR", "Domaine : ")])
def test_each_language_code_of_the_site_is_accepted(exchange_file, code, word):
    assert word in _run(exchange_file, "--language", code)


def test_the_default_is_the_sites_language(exchange_file, settings):
    assert "Area: " in _run(exchange_file)
    settings.LANGUAGE_CODE = "fr"
    assert "Domaine : " in _run(exchange_file)


@pytest.mark.parametrize("code", ["de", "zh", "", "english"])
def test_an_unknown_language_is_refused_with_the_list(exchange_file, code):
    with pytest.raises(CommandError, match="en, fr, es, ru, ar, zh-hans") as refused:
        _run(exchange_file, "--language", code)
    assert refused.value.returncode != 0


def test_an_unknown_language_exits_non_zero_from_the_console(exchange_file, capsys):
    with pytest.raises(SystemExit) as stop:
        ManagementUtility(["clearinghouse", "match", "--input", str(exchange_file),
                           "--language", "de"]).execute()
    assert stop.value.code != 0
    assert '"de" is not a language of the site' in capsys.readouterr().err
