"""Logging filters (settings.LOGGING).

Django's ``django.request`` logger writes every refused request (403, 404, ...) with the
exception's full traceback. A refusal is the policy working, not a fault: keep the one line
("Forbidden (Permission denied): /path") and drop the traceback. Server errors keep theirs.
"""

import logging


class NoTracebackForClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
