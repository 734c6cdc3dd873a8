"""OpenAPI post-processing: a schema that is the same whatever the database.

Django reports integer field ranges from the database backend (SQLite: 64-bit, PostgreSQL:
16/32-bit for small/ordinary integers), which drf-spectacular copies into the schema. Those
bounds are storage limits, not API rules: they are removed so the committed schema is one file.

The parameter helpers below declare query parameters with the bounds ``core.params`` enforces,
so the schema says what the API accepts (and a fuzzer generates valid requests from it).
"""

from drf_spectacular.utils import OpenApiParameter

from clearinghouse.core import params

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


ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` says what is wrong; `parameter` names the query parameter "
                   "(or path, Authorization) refused; a refused body names its fields instead.",
    "properties": {
        "detail": {"description": "A sentence, or a list of sentences"},
        "parameter": {"type": "string"},
    },
    "additionalProperties": True,
}
ERRORS = {
    "400": "A parameter, the address or the body cannot be used (the answer names it).",
    "403": "Your role does not allow this, or the credentials are wrong.",
    "404": "No such record, or not one you may see.",
    "415": "The body's media type is not one the operation reads.",
}


def document_errors(result, generator, request, public):
    """Every operation may answer 400 and 403; one with a path parameter 404; one with a body 415.

    All come as JSON ``{"detail": ..., "parameter": ...}`` (``api/errors.py``), so the schema
    says so and a client (or a fuzzer) can rely on it.
    """
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            codes = ["400", "403"]
            if "{" in path:
                codes.append("404")
            if "requestBody" in operation:
                codes.append("415")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(code, {"content": error, "description": ERRORS[code]})
    return result


# -- query parameters as core.params reads them: the schema states the same bounds -----------

TEXT_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"  # no control character (core.text)


def text_param(name: str, description: str = "", *, max_length: int | None = None):
    return OpenApiParameter(name, {"type": "string", "maxLength": max_length or params.MAX_TEXT,
                                   "pattern": TEXT_PATTERN}, description=description)


def choice_param(name: str, values, description: str = ""):
    return OpenApiParameter(name, {"type": "string", "enum": [str(v) for v in values]},
                            description=description)


def year_param(name: str = "year", description: str = "A year from 1900 to 2100"):
    return OpenApiParameter(name, {"type": "integer", "minimum": params.YEAR_MIN,
                                   "maximum": params.YEAR_MAX}, description=description)


def date_param(name: str, description: str = ""):
    return OpenApiParameter(name, {"type": "string", "format": "date"}, description=description)


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
