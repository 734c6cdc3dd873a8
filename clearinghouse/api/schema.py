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
