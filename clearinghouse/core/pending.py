"""Uploads held between the preview and the confirmation of an import.

The files wait under MEDIA_ROOT/pending-imports/<token>/, the token is remembered in the
uploader's session, and :func:`take` hands them back once (and deletes them). A token that is
not this session's, or not a plain hex token, gets nothing: no path is built from user input
that was not issued here.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from django.conf import settings


def _root() -> Path:
    path = Path(settings.MEDIA_ROOT) / "pending-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def stash(request, purpose: str, files: list[tuple[str, bytes]], meta: dict | None = None) -> str:
    """Keep ``files`` (name, content) for this session; returns the token to confirm with."""
    token = secrets.token_hex(16)
    folder = _root() / token
    folder.mkdir()
    for i, (_name, content) in enumerate(files):
        (folder / str(i)).write_bytes(content)
    request.session[f"{purpose}-{token}"] = {"names": [n for n, _c in files], "meta": meta or {}}
    return token


def peek(request, purpose: str, token: str) -> tuple[list[tuple[str, bytes]], dict] | None:
    """As :func:`take`, without giving the files up (the review page reads them again)."""
    held = request.session.get(f"{purpose}-{token}")
    if not held or not token.isalnum():
        return None
    folder = _root() / token
    if not folder.is_dir():
        return None
    return [(name, (folder / str(i)).read_bytes()) for i, name in enumerate(held["names"])], held["meta"]


def take(request, purpose: str, token: str) -> tuple[list[tuple[str, bytes]], dict] | None:
    """The files and meta stashed under ``token`` by this session, once; None if expired."""
    held = request.session.pop(f"{purpose}-{token}", None)
    if not held or not token.isalnum():
        return None
    folder = _root() / token
    if not folder.is_dir():
        return None
    files = [(name, (folder / str(i)).read_bytes()) for i, name in enumerate(held["names"])]
    shutil.rmtree(folder, ignore_errors=True)
    return files, held["meta"]
