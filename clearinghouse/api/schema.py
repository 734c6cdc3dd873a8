"""OpenAPI post-processing: a schema that is the same whatever the database.

Django reports integer field ranges from the database backend (SQLite: 64-bit, PostgreSQL:
16/32-bit for small/ordinary integers), which drf-spectacular copies into the schema. Those
bounds are storage limits, not API rules: they are removed so the committed schema is one file.
"""

BACKEND_LIMITS = {32767, 2147483647, 9223372036854775807, -32768, -2147483648, -9223372036854775808}


def _walk(node):
    if isinstance(node, dict):
        if node.get("type") == "integer":
            if node.get("maximum") in BACKEND_LIMITS:
                node.pop("maximum")
                if node.get("format") == "int64":
                    node.pop("format")
            if node.get("minimum") in BACKEND_LIMITS:
                node.pop("minimum")
        for value in node.values():
            _walk(value)
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def drop_backend_limits(result, generator, request, public):
    _walk(result)
    return result


from drf_spectacular.extensions import OpenApiAuthenticationExtension  # noqa: E402


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The API-key scheme in the schema (registered when this module is imported)."""

    target_class = "clearinghouse.accounts.apikeys.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from /accounts/api-keys/: `Authorization: Bearer ch_...`.",
        }
