"""Events for the outreach tests: one per status, made through the domain's actions."""

import datetime as dt
from pathlib import Path

import pytest

from clearinghouse.outreach import actions
from clearinghouse.outreach.convert import LinkPlan
from clearinghouse.registry.models import Organisation, State

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "information-note-astana-2014.txt"
if not SEED.exists():
    SEED = Path("/work/shared/seeds/information-note-astana-2014.txt")
PACKAGED_SEED = (Path(__file__).resolve().parents[2] / "clearinghouse" / "outreach" / "data"
                 / "information-note-astana-2014.txt")


def make_event(status="published", title="Regional workshop on export controls",
               start=dt.date(2016, 5, 10), city="Vienna", iso3="AUT", **extra):
    states = State.objects.in_bulk(["KAZ", "KGZ", "AUT", "CHN"], field_name="iso3")
    osce = Organisation.objects.get(code="OSCE")
    event = actions.create_event(
        "tests",
        title=title,
        start=start,
        end=start + dt.timedelta(days=1),
        venue_city=city,
        venue_state=State.objects.get(iso3=iso3),
        committee_members=1,
        committee_experts=2,
        topics=["op3d"],
        background="First paragraph of the background.\n\nSecond paragraph.",
        highlights="Participants discussed licensing and control lists.",
        chair_summary="The chair summarised the discussion.",
        chair_summary_url="https://www.un.org/en/sc/1540/",
        additional_comments="None.",
        organisers=[LinkPlan("Austria", state=states["AUT"]),
                    LinkPlan("Organization for Security and Co-operation in Europe (OSCE)",
                             organisation=osce)],
        participants=[
            LinkPlan("Kazakhstan", state=states["KAZ"], group="Central Asia States",
                     confidence=1.0),
            LinkPlan("Kyrgyzstan", state=states["KGZ"], group="Central Asia States",
                     confidence=1.0, remark="two delegates"),
            LinkPlan("China", state=states["CHN"], group="Other States", confidence=1.0),
            LinkPlan("OSCE", organisation=osce, group="International organizations",
                     confidence=1.0),
            # A name not resolved stays out of what is published (never published flagged).
            *([] if status == "published" else [
                LinkPlan("Centre for Nowhere Studies", group="Civil society", flagged=True)]),
        ],
        **extra,
    )
    if status in ("confirmed", "published"):
        actions.confirm("tests", event)
    if status == "published":
        actions.publish("tests", event)
    return event


@pytest.fixture
def events(db):
    return {
        "draft": make_event("draft", title="Draft seminar on nuclear security",
                            start=dt.date(2016, 6, 1)),
        "confirmed": make_event("confirmed", title="Confirmed conference on biosecurity",
                                start=dt.date(2016, 7, 1)),
        "published": make_event("published"),
    }
