"""The policy engine's house: one engine in ``accounts``, each app's rules beside its models.

- ``clearinghouse.accounts`` imports no domain (nothing of clearinghouse but the audit log, whose
  admin base audits the user admin): the rules that need a domain's models live in that domain.
- Every model whose manager is a ``VisibleQuerySet`` has a registered scope rule, and every
  registered rule names a real model; each rule is defined in its own app's ``rules.py``.
- A model without a rule, an unknown action and two different rules for one model raise.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

import clearinghouse
from clearinghouse.accounts import permissions
from clearinghouse.accounts.scoping import VisibleQuerySet

ROOT = Path(clearinghouse.__file__).parent
ACCOUNTS = ROOT / "accounts"
ALLOWED = ("clearinghouse.accounts", "clearinghouse.audit")


def _package(path: Path) -> str:
    return ".".join(path.relative_to(ROOT.parent).parts[:-1])


def _imports(path: Path, package: str) -> list[tuple[int, str]]:
    """Every module a file of ``package`` imports (relative imports resolved), with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # "from clearinghouse import matrix": the names may be modules too.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def test_accounts_imports_no_domain():
    files = sorted(ACCOUNTS.rglob("*.py"))
    assert len(files) >= 6, files  # the scan sees the package (models, permissions, ...)
    offending = [
        f"{path.relative_to(ROOT.parent)}:{line} imports {module}"
        for path in files
        for line, module in _imports(path, _package(path))
        if module.startswith("clearinghouse")
        and not any(module == a or module.startswith(a + ".") for a in ALLOWED)
    ]
    assert offending == []


def test_the_import_scanner_sees_a_domain_import(tmp_path):
    """The scanner itself: a relative or absolute import of a domain is found."""
    probe = tmp_path / "probe.py"
    probe.write_text("from ..assistance.models import Request\nimport clearinghouse.outreach\n"
                     "def f():\n    from clearinghouse import matrix\n    from . import models\n")
    modules = [m for _, m in _imports(probe, "clearinghouse.accounts")]
    assert "clearinghouse.accounts.models" in modules
    assert "clearinghouse.assistance.models" in modules
    assert "clearinghouse.outreach" in modules
    assert "clearinghouse.matrix" in modules


def _scoped_models():
    return [m for m in apps.get_models()
            if any(isinstance(manager.get_queryset(), VisibleQuerySet)
                   for manager in m._meta.managers)]


def test_every_scoped_model_has_a_rule_and_every_rule_a_model():
    scoped = {m._meta.label_lower for m in _scoped_models()}
    assert len(scoped) >= 25  # every domain's records
    assert sorted(scoped - set(permissions.SCOPES)) == []
    assert sorted(set(permissions.SCOPES) - scoped) == []


def test_each_rule_lives_beside_its_models():
    for label, rule in permissions.SCOPES.items():
        app = label.split(".")[0]
        expected = ("clearinghouse.accounts.permissions" if app == "accounts"
                    else f"clearinghouse.{app}.rules")
        assert rule.__module__ == expected, (label, rule.__module__)


def test_each_app_registers_its_rules_in_ready():
    for config in apps.get_app_configs():
        if not config.name.startswith("clearinghouse.") or not (Path(config.path) / "rules.py").exists():
            continue
        source = (Path(config.path) / "apps.py").read_text()
        ready = next(n for n in ast.walk(ast.parse(source))
                     if isinstance(n, ast.FunctionDef) and n.name == "ready")
        imported = {alias.name for n in ast.walk(ready) if isinstance(n, ast.ImportFrom)
                    for alias in n.names}
        assert "rules" in imported, config.name


@pytest.mark.django_db
def test_a_model_without_a_rule_raises():
    from clearinghouse.registry.models import ReferenceLoad

    with pytest.raises(ImproperlyConfigured, match="no visibility rule for registry.referenceload"):
        permissions.scope(ReferenceLoad.objects.all(), None)
    with pytest.raises(ImproperlyConfigured, match="no permission rule"):
        permissions.can(None, "nobody.registered.this")


def test_two_different_rules_for_one_model_or_action_raise():
    with pytest.raises(ImproperlyConfigured, match="two visibility rules for outreach.event"):
        permissions.register_scope("outreach.event")(lambda qs, user, role: qs)
    with pytest.raises(ImproperlyConfigured, match="two rules for the action"):
        permissions.register_actions({"outreach.view": permissions.EXPERTS})
    assert permissions.can(None, "outreach.view")  # unchanged
