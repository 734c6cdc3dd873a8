"""Forms to submit and edit requests and to manage offers.

Who the requester or provider is never comes from the form for a point of contact: the view
fixes it from the user. Experts choose it (a State or an organisation). Areas, weapon types
and types of assistance left empty are inferred from the text, with their evidence, as the
importer does (``tagging.provenance`` in the actions).
"""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clearinghouse.core import languages
from clearinghouse.core.concurrency.forms import add_revision
from clearinghouse.registry.models import Organisation, State
from clearinghouse.registry.reference import INTERGOVERNMENTAL_KINDS
from clearinghouse.reporting.models import ActionPlan, ActionPlanItem

from . import tagging
from .engine import NameProblem
from .models import Channel, Consent

# ISO 639-1 (two-letter language codes).
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())
MAX_ELIGIBILITY_LINES = 200


def eligibility_rules(names) -> list[dict]:
    """Eligibility names (regions, organisations, States; one per line in the form, a list in
    the API) resolved through the registry; ``forms.ValidationError`` names each bad line."""
    from .registry_adapter import RegistryResolver

    lines = [line for line in (str(n).strip() for n in names) if line]
    if len(lines) > MAX_ELIGIBILITY_LINES:
        raise forms.ValidationError(_("At most %d lines.") % MAX_ELIGIBILITY_LINES)
    if not lines:
        return []
    resolver, rules, errors = RegistryResolver(), [], []
    for number, name in enumerate(lines, 1):
        try:
            label, members = resolver.expand_eligibility(name)
        except NameProblem as exc:
            errors.append(_("Line %(n)d: %(problem)s") % {"n": number, "problem": exc})
            continue
        rules.append({"name": name, "label": label, "members": sorted(members)})
    if errors:
        raise forms.ValidationError(errors)
    return rules


def _choices(kind: str) -> list[tuple[str, str]]:
    tax = tagging.taxonomy()
    return [(code, tax.label(kind, code)) for code in tax.codes[kind]]


def _date(**kwargs) -> forms.DateField:
    return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class LanguagesField(forms.MultipleChoiceField):
    """The one language field (core.languages): a choice of the six UN languages, then the others,
    stored as ISO 639-1 codes. A program may also send the codes as text ("ru, en")."""

    widget = forms.SelectMultiple(attrs={"size": 8})

    def __init__(self, **kwargs):
        super().__init__(choices=lambda: languages.choices()[1:], **kwargs)

    def to_python(self, value) -> list[str]:
        items = value if isinstance(value, (list, tuple)) else [value or ""]
        codes = []
        for item in items:
            for raw in re.split(r"[\s,;]+", str(item)):
                code = raw.strip().lower()
                if code and code not in codes:
                    codes.append(code)
        return codes

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        for code in value:
            if code not in ISO_639_1 and code not in languages.names():
                raise forms.ValidationError(
                    _("“%(code)s” is not an ISO 639-1 language code (two letters, such as "
                      "“en”, “fr” or “ru”).") % {"code": code})


class TaggedForm(forms.Form):
    """Fields common to requests and offers."""

    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 8}))
    areas = forms.MultipleChoiceField(
        label=_("Areas"), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Leave empty to have them inferred from the title and description "
                    "(shown with the words found, until an expert confirms them)."))
    weapons = forms.MultipleChoiceField(label=_("Weapon types"), required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        help_text=_("Leave empty to have them inferred."))
    types = forms.MultipleChoiceField(label=_("Types of assistance"), required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Leave empty to have them inferred."))
    languages = LanguagesField(
        label=_("Languages"), required=False,
        help_text=_("The six official languages of the United Nations first; choose several "
                    "with Ctrl (⌘ on a Mac)."))
    contact = forms.CharField(label=_("Contact"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in tagging.KINDS:
            self.fields[kind].choices = _choices(kind)

    def _tags(self, kind: str):
        return list(self.cleaned_data.get(kind) or []) or None  # empty: inferred

    def tagged_fields(self) -> dict:
        data = self.cleaned_data
        out = {name: data[name] for name in ("title", "description", "languages", "contact")}
        out.update({kind: self._tags(kind) for kind in tagging.KINDS})
        return out

    @staticmethod
    def tagged_initial(obj) -> dict:
        initial = {name: getattr(obj, name) for name in ("title", "description", "contact")}
        initial.update({kind: getattr(obj, kind) or [] for kind in tagging.KINDS})
        initial["languages"] = list(obj.languages or [])
        return initial


class RequestForm(TaggedForm):
    """``expert``: records a request for any requester (create) and its channel and date;
    otherwise the State's point of contact, for ``state`` (fixed by the view)."""

    requester_state = forms.ModelChoiceField(
        label=_("Requesting State"), queryset=State.objects.none(), to_field_name="iso3",
        required=False)
    requester_organisation = forms.ModelChoiceField(
        label=_("or requesting organisation"), queryset=Organisation.objects.none(),
        to_field_name="code", required=False,
        help_text=_("A regional organisation such as CARICOM; leave the State empty."))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices,
                                initial=Channel.NOTE_VERBALE)
    received = _date(label=_("Date received"))
    summary = forms.CharField(label=_("Published summary"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Shown publicly once the summary is published; "
                                          "the title when empty."))
    beneficiaries = forms.CharField(label=_("Beneficiary agencies"), required=False,
                                    max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    timeframe = forms.CharField(label=_("Timeframe"), required=False, max_length=200)
    previous_assistance = forms.CharField(label=_("Previous assistance"), required=False,
                                          max_length=5000,
                                          widget=forms.Textarea(attrs={"rows": 3}))
    plan_items = forms.ModelMultipleChoiceField(
        label=_("Linked items of the State's action plan"), required=False,
        queryset=ActionPlanItem.objects.none(), widget=forms.SelectMultiple(attrs={"size": 6}))
    action_plan_items = forms.CharField(
        label=_("Other action-plan references"), required=False, max_length=2000,
        help_text=_("References to plan items not recorded on the platform."))
    consent = forms.ChoiceField(
        label=_("Publication of a summary"), widget=forms.RadioSelect, initial="later",
        choices=[(Consent.CONSENTED, _("I consent to the publication of a summary")),
                 ("later", _("Leave it for later (I may consent or object later)"))],
        help_text=_("Without consent, the summary is published if the State does not object "
                    "within 5 working days of circulation."))

    field_order = ["requester_state", "requester_organisation", "channel", "received", "title",
                   "description", "summary", "areas", "weapons", "types", "languages",
                   "beneficiaries", "timeframe", "previous_assistance", "plan_items",
                   "action_plan_items", "contact", "consent"]

    def __init__(self, *args, user, expert: bool, state: State | None = None, instance=None,
                 **kwargs):
        self.expert, self.state, self.instance = expert, state, instance
        if instance is not None:
            kwargs.setdefault("initial", self.initial_for(instance))
        super().__init__(*args, **kwargs)
        if instance is not None:
            add_revision(self, instance)  # the revision opened: no silent lost update
        if expert and instance is None:
            self.fields["requester_state"].queryset = State.objects.order_by("short_name")
            # Only intergovernmental organisations request (on behalf of their members).
            self.fields["requester_organisation"].queryset = Organisation.objects.filter(
                kind__in=INTERGOVERNMENTAL_KINDS).order_by("name")
        else:
            del self.fields["requester_state"], self.fields["requester_organisation"]
        if expert:
            del self.fields["consent"]
        else:
            for name in ("channel", "received", "summary"):
                del self.fields[name]
            if instance is not None:
                del self.fields["consent"]  # answered on the request's page afterwards
        if expert:
            self.fields["received"].initial = timezone.localdate()
        plans = ActionPlan.objects.visible_to(user)
        if not (expert and instance is None):
            plans = plans.filter(state=state)
        items = ActionPlanItem.objects.visible_to(user).filter(plan__in=plans).select_related(
            "plan__state")
        if not items.exists():  # no plan recorded (that this user may see): no field
            del self.fields["plan_items"]
            return
        self.fields["plan_items"].queryset = items
        self.fields["plan_items"].label_from_instance = lambda item: (
            f"{item.plan.state.iso3} · {item.plan.adopted_on:%Y} · {item}")

    @classmethod
    def initial_for(cls, req) -> dict:
        initial = cls.tagged_initial(req)
        for name in ("channel", "received", "summary", "beneficiaries", "timeframe",
                     "previous_assistance", "action_plan_items"):
            initial[name] = getattr(req, name)
        initial["plan_items"] = list(req.plan_items.all())
        return initial

    def clean_received(self):
        day = self.cleaned_data.get("received")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        if "requester_state" in self.fields:
            chosen = [data.get("requester_state"), data.get("requester_organisation")]
            if sum(1 for c in chosen if c) != 1:
                self.add_error("requester_state", _("Choose the requesting State or an "
                                                    "organisation (one of them)."))
                return data
            self.state = data.get("requester_state")
        wrong = [i for i in data.get("plan_items") or () if i.plan.state != self.state]
        if wrong:
            self.add_error("plan_items", _("Link only items of the requesting State's plan."))
        return data

    def request_fields(self) -> dict:
        """The fields for ``actions.create_request`` / ``update_request``."""
        data = self.cleaned_data
        out = self.tagged_fields()
        for name in ("beneficiaries", "timeframe", "previous_assistance", "action_plan_items",
                     "channel", "received", "summary"):
            if name in self.fields:
                out[name] = data[name]
        return out

    def requester(self) -> dict:
        """For a new request recorded by an expert: {"state": ...} or {"organisation": ...}."""
        data = self.cleaned_data
        if data.get("requester_organisation"):
            return {"organisation": data["requester_organisation"]}
        return {"state": data["requester_state"]}


class OfferForm(TaggedForm):
    """``expert``: any provider (create); otherwise the provider fixed by the view."""

    provider_state = forms.ModelChoiceField(
        label=_("Providing State"), queryset=State.objects.none(), to_field_name="iso3",
        required=False)
    provider_organisation = forms.ModelChoiceField(
        label=_("or providing organisation"), queryset=Organisation.objects.none(),
        to_field_name="code", required=False)
    eligibility = forms.CharField(
        label=_("Eligible"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: M49 regions or sub-regions (“Central Asia”), organisations "
                    "(their current member States qualify) or States. Empty: any State."))
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=10000, initial=1,
                                  help_text=_("Engagements it can take on at once."))
    engaged_elsewhere = forms.IntegerField(
        label=_("Engagements outside the clearinghouse"), min_value=0, max_value=10000,
        initial=0, required=False)
    valid_from = _date(label=_("Valid from"), required=False)
    valid_to = _date(label=_("Valid to"), required=False)

    field_order = ["provider_state", "provider_organisation", "title", "description",
                   "areas", "weapons", "types", "eligibility", "languages", "capacity",
                   "engaged_elsewhere", "valid_from", "valid_to", "contact"]

    def __init__(self, *args, expert: bool, instance=None, **kwargs):
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", self.initial_for(instance))
        super().__init__(*args, **kwargs)
        if instance is not None:
            add_revision(self, instance)
        if expert and instance is None:
            self.fields["provider_state"].queryset = State.objects.order_by("short_name")
            self.fields["provider_organisation"].queryset = Organisation.objects.order_by(
                "name")
        else:
            del self.fields["provider_state"], self.fields["provider_organisation"]

    @classmethod
    def initial_for(cls, offer) -> dict:
        initial = cls.tagged_initial(offer)
        for name in ("capacity", "engaged_elsewhere", "valid_from", "valid_to"):
            initial[name] = getattr(offer, name)
        initial["eligibility"] = "\n".join(rule.get("name", "") for rule in offer.eligibility)
        return initial

    def clean_eligibility(self) -> list[dict]:
        return eligibility_rules((self.cleaned_data.get("eligibility") or "").splitlines())

    def clean(self):
        data = super().clean()
        if "provider_state" in self.fields:
            chosen = [data.get("provider_state"), data.get("provider_organisation")]
            if sum(1 for c in chosen if c) != 1:
                self.add_error("provider_state", _("Choose the providing State or an "
                                                   "organisation (one of them)."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("“Valid to” cannot be before “valid from”."))
        return data

    def offer_fields(self) -> dict:
        data = self.cleaned_data
        out = self.tagged_fields()
        out.update({name: data[name] for name in ("eligibility", "capacity", "valid_from",
                                                  "valid_to")})
        out["engaged_elsewhere"] = data.get("engaged_elsewhere") or 0
        return out

    def provider(self) -> dict:
        data = self.cleaned_data
        if data.get("provider_organisation"):
            return {"provider_organisation": data["provider_organisation"]}
        return {"provider_state": data["provider_state"]}
