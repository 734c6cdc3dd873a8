"""The data generation: one token that changes whenever the database's data changes.

Every cached page and document is keyed by it, so a write is visible at once in every worker
process. The token lives in the database (one row of ``core_datageneration``), so all gunicorn
workers, on any host, read the same one.

Who changes it: not each write path (importers' bulk writes, ``QuerySet.update``, the registry
reload, raw SQL and the admin would each need remembering) but the database connection itself.
An execute wrapper installed on every connection sees each INSERT, UPDATE, DELETE (and schema
change) and sets a new random token:

- outside a transaction, right after the statement;
- inside one, after it commits (``on_commit``): a reader that took the old token may still
  store a page under it, but that token is dead once the new one is set, and a reader that
  takes the new token reads committed data. A random token (not a counter) makes two
  concurrent changes safe: the last one set is set after both commits.
- inside the test framework's wrapping transaction (which never commits), at once. Tests of
  the commit ordering run in real transactions (``transaction=True``).

Tables whose rows feed no cached page or document are left out (sessions, the lockout's
records, the audit log, API keys and their usage times, the token itself), so sign-ins and failed
sign-ins do not empty the caches.
"""

from __future__ import annotations

import re
import uuid

from django.db import connections
from django.db.backends.signals import connection_created

TABLE = "core_datageneration"
IGNORED_TABLES = frozenset({
    TABLE,
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "audit_auditentry",
    "accounts_apikey",
})
# Statements that change data or schema, and the table they change when it can be read.
_WRITE = re.compile(
    r"""^\s*(?:
        (?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+(?P<i>[\w."`]+)
      | UPDATE\s+(?:ONLY\s+)?(?P<u>[\w."`]+)
      | DELETE\s+FROM\s+(?:ONLY\s+)?(?P<d>[\w."`]+)
      | (?P<other>TRUNCATE|CREATE|ALTER|DROP)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def _changed_table(sql: str) -> str | None:
    """The table a statement writes ("" for schema changes), None for a read."""
    match = _WRITE.match(sql)
    if not match:
        return None
    name = match.group("i") or match.group("u") or match.group("d")
    if name is None:
        return ""
    return name.strip('"`').rsplit(".", 1)[-1].strip('"`').lower()


def _set_new_token(connection) -> None:
    token = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET token = %s WHERE id = 1", [token])
        if cursor.rowcount == 0:
            cursor.execute(f"INSERT INTO {TABLE} (id, token) VALUES (1, %s)", [token])


def _in_test_transaction(connection) -> bool:
    """Inside the test framework's wrapping transaction, which never commits."""
    blocks = getattr(connection, "atomic_blocks", [])
    return bool(blocks) and getattr(blocks[0], "_from_testcase", False)


def changed(connection=None) -> None:
    """Record that data changed (called by the wrapper; callable by code that writes files)."""
    connection = connection or connections["default"]
    if not _table_exists(connection):
        return
    if not connection.in_atomic_block or _in_test_transaction(connection):
        _set_new_token(connection)
        return
    if not any(getattr(entry[1], "_generation_of", None) is connection
               for entry in connection.run_on_commit):
        def callback():
            _set_new_token(connection)

        callback._generation_of = connection
        connection.on_commit(callback)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    connection = context["connection"]
    # Only the project's databases: not the server-level connection that creates a test
    # database (CREATE DATABASE), which has no tables.
    if connection.alias in connections.settings and isinstance(sql, str):
        table = _changed_table(sql)
        if table is not None and table not in IGNORED_TABLES:
            changed(connection)
    return result


def _table_exists(connection) -> bool:
    """False while migrations have not created the token's table yet."""
    key = (connection.alias, connection.settings_dict.get("NAME"))
    if key in _ready:
        return True
    if TABLE in connection.introspection.table_names():
        _ready.add(key)
        return True
    return False


_ready: set = set()


def install(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def current(alias: str = "default") -> str:
    """The current token ("" before the table exists)."""
    connection = connections[alias]
    if not _table_exists(connection):  # before migrate: nothing is cached
        return ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    if row is None:  # emptied (a test's flush, a restore): start a new one
        _set_new_token(connection)
        return current(alias)
    return row[0]


def connect() -> None:
    connection_created.connect(install, dispatch_uid="clearinghouse-data-generation")
    # Connections opened before this ran (rare: a command's early query) get it too.
    for conn in connections.all(initialized_only=True):
        install(None, conn)
