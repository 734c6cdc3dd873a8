"""The API fuzzer: schemathesis over the committed OpenAPI schema, in-process against the WSGI app.

Every operation of docs/api/openapi.yaml is fuzzed with schemathesis' own test builder (its
example, coverage and fuzzing phases; positive and negative data), with a fixed seed and
derandomised so a run is repeatable. Each response is checked for a server error (5xx) and for
conformance to the schema (status, body). Failures are collected, not raised, so one run counts
them all; :func:`run` returns the counts.

Used by tests/test_api_fuzz.py (a bounded run in the suite) and by hand for a longer run::

    .venv/bin/python -m pytest tests/test_api_fuzz.py -k long --fuzz-examples 200 -s
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "api" / "openapi.yaml"
SEED = 1540


@dataclass
class Outcome:
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict[str, list[str]] = field(default_factory=dict)  # kind -> examples

    def add_failure(self, kind: str, example: str) -> None:
        examples = self.failures.setdefault(kind, [])
        if len(examples) < 3:
            examples.append(example)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def report(self) -> str:
        lines = [f"{self.cases} cases; statuses {dict(sorted(self.statuses.items()))}"]
        for kind, examples in sorted(self.failures.items()):
            lines.append(f"- {kind}")
            lines += [f"    {e}" for e in examples]
        return "\n".join(lines)


def wsgi_app():
    """Django's WSGI application as a server runs it, inside the test's transaction.

    A server closes the database connection around each request (``close_old_connections``);
    inside a test that would end the test's transaction, so, as Django's own test client does,
    the app runs without that signal. Everything the fuzzer writes is rolled back with the test.
    """
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    application = get_wsgi_application()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = application(environ, start_response)
            body = b"".join(response)
            if hasattr(response, "close"):
                response.close()
            return [body]
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


class _ServerError(Exception):
    def __init__(self, response):
        self.response = response


def _isolated(call):
    """One request in a savepoint of the test's transaction, rolled back if it failed with 5xx:
    on PostgreSQL a database error would otherwise abort every later request of the run."""
    from django.db import transaction

    try:
        with transaction.atomic():
            response = call()
            if response.status_code >= 500:
                raise _ServerError(response)
    except _ServerError as failed:
        return failed.response
    return response


def api_key_for(user) -> dict[str, str]:
    """The Authorization header of a new API key of ``user`` (the API's way to sign in)."""
    from clearinghouse.accounts import apikeys

    _record, key = apikeys.create("fuzz", user, "fuzz")
    return {"Authorization": f"Bearer {key}"}


def run(*, max_examples: int, headers: dict[str, str] | None = None, methods=None,
        seed: int = SEED, outcome: Outcome | None = None) -> Outcome:
    """Fuzz every operation (or those whose method is in ``methods``); return the counts."""
    import hypothesis
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation.feedback import FeedbackSources
    from schemathesis.pytest._test_builder import build_operation_test
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    outcome = outcome or Outcome()
    config = schemathesis.Config.from_dict({
        "seed": seed,
        "generation": {"mode": "all", "max-examples": max_examples, "deterministic": True,
                       "database": "none", "no-shrink": True, "allow-x00": True,
                       "with-security-parameters": False},
        "phases": {"stateful": {"enabled": False}},
    })
    schema = schemathesis.openapi.from_path(SCHEMA, config=config)
    schema.app = wsgi_app()
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]

    def test(case):
        response = _isolated(lambda: case.call(headers=headers))
        outcome.cases += 1
        outcome.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except (AssertionError, BaseExceptionGroup) as failure:  # one failure or a group
            for single in getattr(failure, "exceptions", None) or [failure]:
                title = getattr(single, "title", type(single).__name__)
                kind = f"{case.operation.label}: {title}"
                if response.status_code >= 500:
                    kind += f" ({response.status_code})"
                outcome.add_failure(kind, f"{case.method} {case.formatted_path} "
                                          f"query={case.query!r} body={str(case.body)[:120]!r} "
                                          f"-> {response.status_code} "
                                          f"{response.content[:160].decode('utf-8', 'replace')!r}")

    project = schema.config
    for result in schema.get_all_operations():
        operation = result.ok()
        if methods and operation.method.upper() not in methods:
            continue
        hypothesis_test = build_operation_test(
            config=project, operation=operation, test_func=test, given_kwargs={},
            feedback=FeedbackSources(),
            explicit_settings=hypothesis.settings(
                max_examples=max_examples, derandomize=True, database=None, deadline=None,
                suppress_health_check=list(hypothesis.HealthCheck),
                phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate]),
        )
        hypothesis_test()
    return outcome
