"""Matrices for the tests: KAZ with a published version 1 and a draft version 2; UZB with a draft
only; TKM with an approved (unpublished) version. Built through the domain actions."""

import datetime as dt

import pytest
from django.core.management import call_command  # noqa: F401

from clearinghouse.accounts.models import Role
from clearinghouse.matrix import actions
from clearinghouse.registry.models import State
from tests.conftest import make_user


@pytest.fixture
def expert(personas):
    return personas["expert"]


@pytest.fixture
def committee(personas):
    """A Committee member in the Chair's office: records the Committee's decisions."""
    return make_user("chair", Role.COMMITTEE, chair_office=True)


@pytest.fixture
def matrices(personas, expert, committee):
    kaz, uzb, tkm = (State.objects.get(iso3=c) for c in ("KAZ", "UZB", "TKM"))
    v1 = actions.start_version(expert, kaz, report_date=dt.date(2004, 10, 28))
    actions.set_cell(expert, v1, "OP1.NPT", "single", "X", "Ratified 1994-02-14")
    actions.set_cell(expert, v1, "OP2.NW.01", "legal", "X", "Criminal Code, art. 283")
    actions.set_cell(expert, v1, "OP2.NW.01", "enforcement", "?", "", "penalties unclear")
    actions.set_cell(expert, v1, "OP3CD.CW.05", "legal", "X", "Law on export control, art. 4")
    actions.approve(committee, v1, dt.date(2008, 6, 1), reference="1540/SR.1")
    actions.publish(expert, v1)
    v2 = actions.start_version(expert, kaz)
    actions.set_cell(expert, v2, "OP2.NW.01", "enforcement", "X", "Criminal Code, art. 283-1")
    actions.set_cell(expert, v2, "OP3CD.CW.05", "legal", "", "")
    actions.set_cell(expert, v2, "OP2.BW.11", "legal", "X", "Law on terrorism financing, art. 2")
    actions.set_cell(expert, v2, "OP1.NPT", "single", "X", "Ratified 1994-02-14", "KAZ DRAFT REMARK")
    u1 = actions.start_version(expert, uzb)
    actions.set_cell(expert, u1, "OP1.CWC", "single", "X", "UZB DRAFT SOURCE")
    t1 = actions.start_version(expert, tkm)
    actions.set_cell(expert, t1, "OP1.BWC", "single", "X", "TKM APPROVED SOURCE")
    actions.approve(committee, t1, dt.date(2011, 3, 1), reference="1540/SR.1")
    return {"kaz1": v1, "kaz2": v2, "uzb1": u1, "tkm1": t1}


@pytest.fixture
def uzb_poc(db):
    return make_user("poc-uzb", Role.STATE_POC, state=State.objects.get(iso3="UZB"))
