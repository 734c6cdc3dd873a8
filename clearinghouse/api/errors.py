"""API errors as JSON with a clear message; never a traceback."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from clearinghouse.core.concurrency import Conflict, StateConflict

from .conditional import conflict_response, state_conflict_response

log = logging.getLogger(__name__)


def exception_handler(exc, context):
    if isinstance(exc, Conflict):  # changed since the caller read it: 412, who and when
        return conflict_response(exc)
    if isinstance(exc, StateConflict):  # someone else acted first: 409
        return state_conflict_response(exc)
    if isinstance(exc, ValidationError):
        return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    response = drf_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, (Http404, PermissionDenied)):
        return None
    log.exception("API error", exc_info=exc)
    return Response({"detail": "Internal error; it has been logged."}, status=500)
