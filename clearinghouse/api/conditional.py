"""Conditional writes for the API: no silent lost update (see ``core.concurrency``).

- Reading one versioned record answers an ``ETag``: its revision, as a strong entity tag
  (``"4"``). The tag names the stored revision, not the bytes of one representation (those
  depend on the caller's role and language).
- ``PATCH`` (an edit) must carry ``If-Match`` with the ETag read: without it, **428
  Precondition Required**; with a tag that is no longer current, **412 Precondition Failed**,
  a JSON message naming who changed the record and when, and the current ETag.
- Workflow ``POST``s (submit, publish, accept, decline, ...) may carry ``If-Match`` (checked the
  same way, 412); without it they still act only on the state they need, compare-and-set on
  the locked row, and answer **409 Conflict** when someone else acted first.
- ``If-Match: *`` asks for no check. Weak tags (``W/"4"``) never match (strong comparison, as
  RFC 9110 asks for If-Match).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.response import Response

from clearinghouse.core.concurrency import Conflict, StateConflict, token

_TAG = r'\s*(?:W/)?"[^"]*"\s*'
_TAGS = re.compile(rf"^{_TAG}(?:,{_TAG})*$")
_EACH = re.compile(r'(W/)?"([^"]*)"')


class PreconditionRequired(APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = _("This write changes a versioned record: send If-Match with the ETag you "
                       "read (GET the record first), so that you never overwrite a change you "
                       "have not seen.")


def etag(obj) -> str:
    return f'"{token(obj)}"'


def with_etag(response: Response, obj) -> Response:
    response["ETag"] = etag(obj)
    return response


def if_match(request, *, required: bool):
    """The tokens of If-Match, for the actions' ``revision``; None: no check (absent on a
    write that does not need it, or "*"). 428 if required and absent; 400 if malformed."""
    raw = (request.headers.get("If-Match") or "").strip()
    if not raw:
        if required:
            raise PreconditionRequired()
        return None
    if raw == "*":
        return None
    if not _TAGS.match(raw):
        raise ParseError(_('If-Match: give the ETag you read, in double quotes, such as '
                           'If-Match: "4".'))
    return tuple(("W/" if weak else "") + tag for weak, tag in _EACH.findall(raw))


def conflict_response(exc: Conflict) -> Response:
    when = exc.when.isoformat(timespec="seconds") if exc.when else None
    response = Response({"detail": exc.message(), "changed_by": exc.who, "changed_at": when,
                         "revision": exc.token}, status=status.HTTP_412_PRECONDITION_FAILED)
    response["ETag"] = f'"{exc.token}"'
    return response


def state_conflict_response(exc: StateConflict) -> Response:
    messages = getattr(exc, "messages", None) or [str(exc)]
    body = {"detail": " ".join(str(m) for m in messages)}
    body.update(getattr(exc, "details", {}) or {})
    return Response(body, status=status.HTTP_409_CONFLICT)


# -- the schema -----------------------------------------------------------------------------
IF_MATCH_REQUIRED = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True,
    description='The ETag of the record as you read it, such as "4". Missing: 428; no longer '
                "current: 412 (someone changed the record since you read it).")
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=False,
    description='Optional: the ETag of the record as you read it, such as "4"; 412 if it is no '
                "longer current. Without it the step still applies only to the state it needs "
                "(409 when someone else acted first).")
ETAG_HEADER = OpenApiParameter(
    "ETag", str, OpenApiParameter.HEADER, response=[200],
    description="The record's revision: send it back in If-Match to change the record.")

_PRECONDITION_FAILED = inline_serializer("PreconditionFailed", {
    "detail": serializers.CharField(),
    "changed_by": serializers.CharField(help_text="who changed the record last"),
    "changed_at": serializers.DateTimeField(allow_null=True),
    "revision": serializers.CharField(help_text="the current revision (also in ETag)")})
_DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})
_STATE_CONFLICT = inline_serializer("StateConflict", {
    "detail": serializers.CharField(),
    "match": serializers.IntegerField(required=False, help_text="the existing match"),
    "status": serializers.CharField(required=False, help_text="the match's status now")})

EDIT_RESPONSES = {
    412: OpenApiResponse(_PRECONDITION_FAILED, description="Changed since you read it"),
    428: OpenApiResponse(_DETAIL, description="If-Match is missing"),
}
STEP_RESPONSES = {
    409: OpenApiResponse(_STATE_CONFLICT, description="Someone else acted first"),
    412: OpenApiResponse(_PRECONDITION_FAILED, description="Changed since you read it"),
}


class ETagRetrieveMixin:
    """A viewset whose ``retrieve`` answers the record's ETag."""

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return with_etag(Response(self.get_serializer(obj).data), obj)
