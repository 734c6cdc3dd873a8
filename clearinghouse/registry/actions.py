"""Writes to the registry made by experts while reviewing names: a name added as an alias of a
State or organisation, a new organisation (civil society, academia and industry included).

Each runs in one transaction with its audit entry ("registry.*", which is also the registry's
version: every process rebuilds its resolver within seconds, see services.py), refuses a name
that already names another entity, and is kept by later loads of the reference files
(``source`` = "expert").
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require
from clearinghouse.audit.log import record

from . import names as N
from .models import Organisation, OrganisationAlias, Source, State, StateAlias
from .services import registry_changed, resolver

CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")


def _check(actor) -> None:
    if actor is not None and not isinstance(actor, str):
        require(actor, "registry.change")


def entity_of(kind: str, code: str):
    """The State (ISO3) or organisation (code) a reviewer picked; ValidationError if none."""
    code = (code or "").strip()
    if kind == "state":
        found = State.objects.filter(iso3=code.upper()).first()
    elif kind == "organisation":
        found = Organisation.objects.filter(code=code.upper()).first()
    else:
        found = None
    if found is None:
        raise ValidationError(_("No State or organisation has the code “%(code)s”.")
                              % {"code": code})
    return found


def _owner_of(name: str):
    """The entity that this exact name already stands for in the registry, if any."""
    result = resolver().resolve(name)
    if result.match and result.confidence >= 0.95 and result.form and (
            N.compact(result.form) == N.compact(name)):
        return result.match
    return None


def _clean_name(name: str, field: str) -> str:
    name = N.clean(name or "")
    if not name:
        raise ValidationError({field: _("Give a name.")})
    if len(name) > 200:
        raise ValidationError({field: _("A name has at most 200 characters.")})
    return name


def add_alias(actor, entity, alias: str):
    """``alias`` becomes another name of ``entity`` (a State or an Organisation)."""
    _check(actor)
    alias = _clean_name(alias, "alias")
    code = entity.iso3 if isinstance(entity, State) else entity.code
    result = resolver().resolve(alias)
    if result.ambiguous or result.non_member:
        raise ValidationError({"alias": _("“%(alias)s” is not remembered: %(why)s.")
                               % {"alias": alias, "why": result.note}})
    owner = _owner_of(alias)
    if owner is not None:
        if owner.code == code:
            return None  # already a name of this entity: nothing to add
        raise ValidationError({"alias": _("“%(alias)s” already names %(other)s (%(code)s).")
                               % {"alias": alias, "other": owner.name, "code": owner.code}})
    with transaction.atomic():
        if isinstance(entity, State):
            row, _created = StateAlias.objects.get_or_create(
                state=entity, alias=alias, defaults={"source": Source.EXPERT})
        else:
            row, _created = OrganisationAlias.objects.get_or_create(
                organisation=entity, alias=alias, defaults={"source": Source.EXPERT})
        record(actor, "registry.alias.added", entity, {"alias": alias, "code": code})
        transaction.on_commit(registry_changed)
    return row


def create_organisation(actor, *, code: str, name: str, kind: str, aliases=(),
                        website: str = "") -> Organisation:
    """A new organisation, with its other names."""
    _check(actor)
    name = _clean_name(name, "name")
    code = (code or "").strip().upper()
    errors = {}
    if not CODE.match(code):
        errors["code"] = _("A code is 1 to 20 capital letters, digits or hyphens (e.g. “VERTIC”).")
    elif Organisation.objects.filter(code=code).exists() or State.objects.filter(iso3=code).exists():
        errors["code"] = _("The code %(code)s is taken.") % {"code": code}
    if kind not in Organisation.Kind.values:
        errors["kind"] = _("Choose a kind.")
    if website and not re.match(r"^https?://\S+$", website):
        errors["website"] = _("A website starts with http:// or https://.")
    names = [name] + [_clean_name(a, "aliases") for a in aliases
                      if (a or "").strip() and N.compact(a) != N.compact(name)]
    for text in names:
        owner = _owner_of(text)
        if owner is not None:
            errors.setdefault("name", _("“%(name)s” already names %(other)s (%(code)s).")
                              % {"name": text, "other": owner.name, "code": owner.code})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        organisation = Organisation.objects.create(code=code, name=name, kind=kind,
                                                   website=website, source=Source.EXPERT)
        for alias in dict.fromkeys(names[1:]):
            OrganisationAlias.objects.create(organisation=organisation, alias=alias,
                                             source=Source.EXPERT)
        record(actor, "registry.organisation.created", organisation,
               {"code": code, "name": name, "kind": kind, "aliases": names[1:]})
        transaction.on_commit(registry_changed)
    return organisation
