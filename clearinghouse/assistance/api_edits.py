"""The bodies of the assistance API's edits (PATCH on a request or an offer): only the fields
given change, any other key is refused by name; codes and languages are checked."""

from __future__ import annotations

import datetime as dt

from django import forms as django_forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import tagging
from .forms import ISO_639_1, eligibility_rules
from .models import Channel


def _codes(kind: str):
    return serializers.ListField(
        child=serializers.CharField(max_length=40), allow_null=True, max_length=50,
        help_text=f"codes of the taxonomy ({kind}); null or [] to have them inferred from the text")


class _EditSerializer(serializers.Serializer):
    """PATCH bodies: only the fields given change; any other key is refused by name."""

    def to_internal_value(self, data):
        errors = {name: [_("this field cannot be changed here")]
                  for name in sorted(set(data) - set(self.fields))} if hasattr(data, "keys") else {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            errors = {**exc.detail, **errors} if isinstance(exc.detail, dict) else exc.detail
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def _taxonomy(self, kind: str, value):
        if not value:
            return None  # inferred from the text, with its evidence
        known = tagging.taxonomy().terms[kind]
        unknown = [code for code in value if code not in known]
        if unknown:
            raise serializers.ValidationError(_("unknown code(s): %(codes)s")
                                              % {"codes": ", ".join(unknown)})
        return list(dict.fromkeys(value))

    def validate_areas(self, value):
        return self._taxonomy("areas", value)

    def validate_weapons(self, value):
        return self._taxonomy("weapons", value)

    def validate_types(self, value):
        return self._taxonomy("types", value)

    def validate_languages(self, value):
        codes = list(dict.fromkeys(code.strip().lower() for code in value))
        wrong = [code for code in codes if code not in ISO_639_1]
        if wrong:
            raise serializers.ValidationError(
                _("not ISO 639-1 language codes (two letters, such as en): %(codes)s")
                % {"codes": ", ".join(wrong)})
        return codes


class RequestEditSerializer(_EditSerializer):
    """A request's descriptive fields. The State's point of contact changes them while the
    request is "received"; experts also change summary, channel and date received."""

    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=20000)
    summary = serializers.CharField(max_length=2000, allow_blank=True)
    areas = _codes("areas")
    weapons = _codes("weapons")
    types = _codes("types")
    languages = serializers.ListField(child=serializers.CharField(max_length=10), max_length=20)
    beneficiaries = serializers.CharField(max_length=2000, allow_blank=True)
    timeframe = serializers.CharField(max_length=200, allow_blank=True)
    previous_assistance = serializers.CharField(max_length=5000, allow_blank=True)
    action_plan_items = serializers.CharField(max_length=2000, allow_blank=True)
    contact = serializers.CharField(max_length=2000, allow_blank=True)
    channel = serializers.ChoiceField(choices=Channel.choices)
    received = serializers.DateField()

    def validate_received(self, value):
        if value > dt.date.today():
            raise serializers.ValidationError(_("the date received cannot be in the future"))
        return value


class OfferEditSerializer(_EditSerializer):
    """An offer's fields (not its provider); ``eligibility``: names of regions, organisations
    or States, resolved through the registry."""

    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=20000)
    areas = _codes("areas")
    weapons = _codes("weapons")
    types = _codes("types")
    eligibility = serializers.ListField(child=serializers.CharField(max_length=300),
                                        max_length=200)
    languages = serializers.ListField(child=serializers.CharField(max_length=10), max_length=20)
    capacity = serializers.IntegerField(min_value=1, max_value=10000)
    engaged_elsewhere = serializers.IntegerField(min_value=0, max_value=10000)
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    contact = serializers.CharField(max_length=2000, allow_blank=True)

    def validate_eligibility(self, value):
        try:
            return eligibility_rules(value)
        except django_forms.ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def validate(self, data):
        offer = self.context.get("offer")
        start = data.get("valid_from", getattr(offer, "valid_from", None))
        end = data.get("valid_to", getattr(offer, "valid_to", None))
        if start and end and end < start:
            raise serializers.ValidationError({"valid_to": _("cannot be before valid_from")})
        return data
