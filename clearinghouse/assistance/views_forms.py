"""Forms pages: a State submits or edits its request; a provider manages its offers.

The requester (or provider) of a point of contact is fixed from the user, never from the form;
experts choose it. Permission checks come first (403); writes go through ``actions``. An edit
carries the revision the user opened: if the record changed since, the conflict page (409)
shows both versions and keeps the input (``core.concurrency.forms``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import can, require
from clearinghouse.core.concurrency import Conflict
from clearinghouse.core.concurrency.forms import conflict_page, opened

from . import actions, need_actions, queries
from .forms import OfferForm, RequestForm
from .models import Channel, Consent
from .views import _pk


def _save(form, write):
    """Run the action; its refusal becomes a message above the form."""
    try:
        return write()
    except actions.ActionError as exc:
        form.add_error(None, str(exc))
        return None


MAX_NEED_CHARS = 5000


class NeedsStep:
    """The needs of the request in the form: proposed by the splitter when the description
    holds a numbered or bulleted list, then confirmed or edited by the person (one box per
    need, an empty box removes it). ``needs``: what to save (None = one need, the request
    itself); ``texts``: the boxes to show when the person must still confirm."""

    def __init__(self, post, description: str, current=()):
        self.current = list(current)
        self.answer = post.get("needs_answer", "") if post else ""
        self.texts: list[str] = []
        self.needs: list[dict] | None = None
        self.pending = False
        self.error = ""
        if self.answer == "list":
            texts = [t.strip()[:MAX_NEED_CHARS] for t in post.getlist("need") if t.strip()]
            self.texts = texts
            if not texts:
                self.error = _("Give at least one need, or keep the request as one need.")
                self.pending = True
            else:
                self.needs = [self._item(k, text) for k, text in enumerate(texts)]
        elif self.answer == "one":
            self.needs = None
        elif len(self.current) > 1:  # a request of several needs: its boxes, to edit
            self.texts = [n.description for n in self.current]
            self.pending = bool(post)  # the boxes were not sent: show them again
        else:
            self.texts = [p["description"] for p in need_actions.proposed(description)]
            self.pending = bool(self.texts)

    @staticmethod
    def _item(k: int, text: str) -> dict:
        """A need as given (a need whose words did not change keeps its title, codes and
        status: ``need_actions.replace_needs``)."""
        return {"description": text}

    @property
    def several(self) -> bool:
        return len(self.current) > 1


def request_new(request):
    user = request.user
    require(user, "assistance.request.create")
    expert = can(user, "assistance.manage")
    # A point of contact requests for its State, or for its (intergovernmental) organisation.
    state = None if expert else user.state
    organisation = None if expert or state else user.organisation
    form = RequestForm(request.POST or None, user=user, expert=expert, state=state)
    step = None
    if request.method == "POST" and form.is_valid():
        step = NeedsStep(request.POST, form.cleaned_data["description"])
    if step is not None and step.error:
        form.add_error(None, step.error)
    if step is not None and not step.pending:
        fields = form.request_fields()
        plan_items = form.cleaned_data.get("plan_items")
        if expert:
            fields.update(form.requester())
            consent = Consent.NO_ANSWER
        else:  # the requester's point of contact, submitting on the platform
            own = {"state": state} if state else {"organisation": organisation}
            fields.update(own, channel=Channel.INFORMAL, received=timezone.localdate())
            consent = form.cleaned_data.get("consent")
            consent = Consent.CONSENTED if consent == Consent.CONSENTED else Consent.NO_ANSWER
        req = _save(form, lambda: actions.create_request(
            user, plan_items=plan_items or (), consent=consent, needs=step.needs, **fields))
        if req is not None:
            messages.success(request, _("Request %s recorded.") % req.engine_id)
            return redirect(req.get_absolute_url())
    return render(request, "assistance/request_form.html",
                  {"form": form, "req": None, "state": state, "organisation": organisation,
                   "expert": expert, "step": step})


def request_edit(request, pk):
    user = request.user
    req = get_object_or_404(queries.requests_for(user), pk=_pk(pk))
    require(user, "assistance.request.edit", req)
    expert = can(user, "assistance.manage")
    form = RequestForm(request.POST or None, user=user, expert=expert, state=req.state,
                       instance=req)
    current = list(req.needs.all())
    step = NeedsStep(None, req.description, current) if len(current) > 1 else None
    context = {"req": req, "state": req.state, "expert": expert, "step": step}
    if request.method == "POST" and form.is_valid():
        step = context["step"] = NeedsStep(request.POST, form.cleaned_data["description"],
                                           current)
        if step.error:
            form.add_error(None, step.error)
    if request.method == "POST" and form.is_valid() and not step.pending:
        fields = form.request_fields()
        plan_items = form.cleaned_data.get("plan_items")
        needs = step.needs
        if needs is None and len(current) > 1:  # "one need" for a request of several
            needs = [{"title": "", "description": fields["description"]}]
        try:
            saved = _save(form, lambda: actions.update_request(
                req, user, plan_items=plan_items, revision=opened(form), needs=needs,
                **fields))
        except Conflict as exc:
            return conflict_page(request, "assistance/request_form.html", context, form=form,
                                 conflict=exc, stored_initial=RequestForm.initial_for(exc.stored),
                                 discard_url=reverse("assistance:request-edit", args=[req.pk]))
        if saved is not None:
            messages.success(request, _("Request %s saved.") % req.engine_id)
            return redirect(req.get_absolute_url())
    return render(request, "assistance/request_form.html", {"form": form, **context})


def _own_provider(user) -> dict:
    if user.state_id:
        return {"provider_state": user.state}
    return {"provider_organisation": user.organisation}


def offer_new(request):
    user = request.user
    require(user, "assistance.offer.manage")
    expert = can(user, "assistance.manage")
    provider = None if expert else _own_provider(user)
    form = OfferForm(request.POST or None, expert=expert)
    if request.method == "POST" and form.is_valid():
        fields = {**form.offer_fields(), **(form.provider() if expert else provider)}
        offer = _save(form, lambda: actions.create_offer(user, **fields))
        if offer is not None:
            messages.success(request, _("Offer %s recorded.") % offer.engine_id)
            return redirect(offer.get_absolute_url())
    return render(request, "assistance/offer_form.html", {
        "form": form, "offer": None,
        "provider": next(iter(provider.values())) if provider else None})


def offer_edit(request, pk):
    user = request.user
    offer = get_object_or_404(queries.offers_for(user), pk=_pk(pk))
    require(user, "assistance.offer.manage", offer)
    form = OfferForm(request.POST or None, expert=can(user, "assistance.manage"),
                     instance=offer)
    context = {"offer": offer, "provider": offer.provider}
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(form, lambda: actions.update_offer(
                offer, user, revision=opened(form), **form.offer_fields()))
        except Conflict as exc:
            return conflict_page(request, "assistance/offer_form.html", context, form=form,
                                 conflict=exc, stored_initial=OfferForm.initial_for(exc.stored),
                                 discard_url=reverse("assistance:offer-edit", args=[offer.pk]))
        if saved is not None:
            messages.success(request, _("Offer %s saved.") % offer.engine_id)
            return redirect(offer.get_absolute_url())
    return render(request, "assistance/offer_form.html", {"form": form, **context})


@require_POST
def offer_action(request, pk, action):
    """withdraw / reactivate / reconfirm an offer."""
    user = request.user
    offer = get_object_or_404(queries.offers_for(user), pk=_pk(pk))
    require(user, "assistance.offer.manage", offer)
    if action == "reconfirm":
        actions.reconfirm_offer(offer, user)
        messages.success(request, _("Offer reconfirmed: it is shown as confirmed today."))
        return redirect(offer.get_absolute_url())
    if action not in ("withdraw", "reactivate"):
        raise PermissionDenied(action)
    actions.set_offer_active(offer, user, action == "reactivate")
    messages.success(request, _("Offer withdrawn: it is no longer proposed.")
                     if action == "withdraw" else _("Offer active again."))
    return redirect(offer.get_absolute_url())
