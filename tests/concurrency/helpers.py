"""What a browser or an API client does: read a record, keep what it showed, write later."""

from __future__ import annotations

import re
import threading

from django import forms
from django.db import connections
from django.test import Client

REVISION = re.compile(r'name="revision" value="([^"]*)"')


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def revision_in(html: str) -> str:
    """The revision a page's form carries (the hidden field a browser sends back)."""
    found = REVISION.findall(html)
    assert found, "the page has no revision field"
    return found[0]


def _value(value):
    if isinstance(value, list | tuple):
        return [str(getattr(v, "pk", v)) for v in value]
    return "" if value is None else str(value)


def form_data(form: forms.BaseForm, formset=None, **changes) -> dict:
    """The data a browser submits for the form as rendered (files left out), with changes."""
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[form.add_prefix(name)] = "on"
            continue
        data[form.add_prefix(name)] = _value(value)
    if formset is not None:
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _value(management[name].value())
        for item in formset.forms:
            data.update(form_data(item))
    data.update(changes)
    return data


def race(*steps, timeout: float = 60):
    """Run each step in its own thread, on its own database connection.

    A step is (read, write): every thread reads first; a barrier holds them until all have
    read; then each writes with what it read. Returns, per step, ("ok", result) or
    ("error", exception).
    """
    barrier = threading.Barrier(len(steps), timeout=timeout)
    results: list = [None] * len(steps)

    def run(i, read, write):
        try:
            seen = read()
            barrier.wait()
            results[i] = ("ok", write(seen))
        except Exception as exc:  # noqa: BLE001  (reported to the test)
            results[i] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, read, write), daemon=True)
               for i, (read, write) in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert all(not t.is_alive() for t in threads), "a thread is still waiting (deadlock?)"
    return results
