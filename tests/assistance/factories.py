"""A small assistance world on the real registry, for the Django-side tests."""

import datetime as dt

from django.utils import timezone

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.registry.models import Organisation, State
from tests.conftest import make_user

LICENSING = ("Kazakhstan requests training for officials of the licensing authority on the "
             "examination of licence applications for dual-use goods, end-user certificates and "
             "the updating of the national control list.")
EXPORT_OFFER = ("Export control programme: review of the legal framework, licensing procedures, "
                "national control lists, end-user certificates and training of licensing "
                "officers for dual-use goods.")
BIO = ("Kyrgyzstan asks for help with laboratory biosecurity: biorisk management, pathogen "
       "inventories and the physical security of laboratories holding dangerous pathogens.")


def offer(actor, provider, title="Export control training", description=EXPORT_OFFER,
          eligibility=(), **extra):
    fields = {"provider_state": provider} if isinstance(provider, State) else {
        "provider_organisation": provider}
    rules = [{"name": name, "label": name, "members": []} for name in eligibility]
    return actions.create_offer(actor, title=title, description=description,
                                eligibility=rules, **fields, **extra)


def circulated_request(expert, state, providers, *, title="Training of export licensing "
                       "officers", description=LICENSING, day=None, **extra):
    day = day or timezone.localdate()
    req = actions.create_request(expert, state=state, received=day - dt.timedelta(days=10),
                                 title=title, description=description, **extra)
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    actions.circulate(req, expert, providers, today=day)
    return req


def world(personas):
    """KAZ's request circulated to OSCE (the provider persona) with an OSCE offer proposed;
    KGZ's request not circulated; extra users: another State's POC, another provider's POC."""
    expert = personas["expert"]
    kaz, kgz = State.objects.get(iso3="KAZ"), State.objects.get(iso3="KGZ")
    osce, eu = Organisation.objects.get(code="OSCE"), Organisation.objects.get(code="EU")
    osce_offer = offer(expert, osce, title="OSCE export control training",
                       eligibility=["OSCE"], capacity=2)
    eu_offer = offer(expert, eu, title="EU P2P export control programme")
    kaz_req = circulated_request(expert, kaz, [osce], contact="kaz-secret-contact@example.org",
                                 summary="Kazakhstan: export licensing training")
    match = actions.propose_match(kaz_req, osce_offer, expert)
    kgz_req = actions.create_request(expert, state=kgz, received=dt.date(2025, 4, 1),
                                     title="Laboratory biosecurity", description=BIO,
                                     contact="kgz-secret@example.org")
    return {
        "kaz": kaz, "kgz": kgz, "osce": osce, "eu": eu, "osce_offer": osce_offer,
        "eu_offer": eu_offer, "kaz_req": kaz_req, "kgz_req": kgz_req, "match": match,
        "other_state_poc": make_user("poc-kgz", Role.STATE_POC, state=kgz),
        "other_provider_poc": make_user("provider-eu", Role.PROVIDER_POC, organisation=eu),
    }


def completed_world(personas):
    """The world above with KAZ's OSCE match accepted, in progress and then completed."""
    from clearinghouse.assistance.models import MatchStatus

    w = {**personas, **world(personas)}
    match = w["match"]
    actions.respond(match, w["provider_poc"], True)
    actions.set_match_status(match, w["expert"], MatchStatus.IN_PROGRESS)
    actions.set_match_status(match, w["expert"], MatchStatus.COMPLETED)
    return w

