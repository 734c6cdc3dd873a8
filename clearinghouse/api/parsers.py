"""The API's body parsers: DRF's, with every string cleaned (``core.text``) before any
serializer or view sees it, so no endpoint stores a control character or a lone surrogate."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from clearinghouse.core.text import clean_text, scrub

KEEP_AS_SENT = ("password",)


def _clean_querydict(data):
    cleaned = data.copy()
    for key, values in data.lists():
        if not any(word in key.lower() for word in KEEP_AS_SENT):
            cleaned.setlist(key, [clean_text(v) if isinstance(v, str) else v for v in values])
    return cleaned


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return scrub(super().parse(stream, media_type, parser_context))
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return _clean_querydict(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        return parsers.DataAndFiles(_clean_querydict(result.data), result.files)
