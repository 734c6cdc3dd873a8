"""The registry's reference data: 193 Member States, 2 observers, M49 regions, memberships."""

import datetime as dt

import pytest

from clearinghouse.registry.models import Membership, Organisation, State, StateName
from clearinghouse.registry.reference import LANGUAGES, load_reference

pytestmark = pytest.mark.django_db


def test_193_member_states_and_2_observers():
    assert State.objects.members().count() == 193
    observers = set(State.objects.filter(status="observer").values_list("iso3", flat=True))
    assert observers == {"VAT", "PSE"}


def test_not_iso_countries():
    codes = set(State.objects.values_list("iso3", flat=True))
    # Territories and entities that are not UN Member or observer States.
    assert not codes & {"XKX", "TWN", "ESH", "PRI", "HKG", "MAC", "GRL", "ALA", "COK", "NIU"}


def test_every_member_in_exactly_one_m49_subregion():
    for state in State.objects.all():
        assert state.region and state.subregion, state.iso3
    # A sub-region belongs to exactly one region.
    pairs = set(State.objects.values_list("subregion", "region"))
    subregions = [s for s, _ in pairs]
    assert len(subregions) == len(set(subregions))


def test_central_asia():
    central_asia = set(State.objects.filter(subregion="Central Asia").values_list("iso3", flat=True))
    assert central_asia == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


@pytest.mark.parametrize(
    "day, members",
    [
        ("1945-12-31", 49),  # 27 on 24 October 1945, the rest as they ratified (UN dates)
        ("2002-09-01", 189),
        ("2004-12-31", 191),
        ("2006-06-27", 191),
        ("2006-06-28", 192),  # Montenegro
        ("2011-07-13", 192),
        ("2011-07-14", 193),  # South Sudan
        ("2026-11-22", 193),
    ],
)
def test_member_count_on_a_date(day, members):
    assert State.objects.members_on(dt.date.fromisoformat(day)).count() == members


def test_admissions_after_2002():
    late = State.objects.filter(admitted__gte="2002-01-01").order_by("admitted")
    assert [(s.iso3, s.admitted.isoformat()) for s in late] == [
        ("CHE", "2002-09-10"),
        ("TLS", "2002-09-27"),
        ("MNE", "2006-06-28"),
        ("SSD", "2011-07-14"),
    ]


def test_names_in_the_six_un_languages():
    assert StateName.objects.count() == 195 * 6
    kaz = State.objects.get(iso3="KAZ")
    names = {n.language: n.short_name for n in kaz.names.all()}
    assert set(names) == set(LANGUAGES)
    assert names["ru"] == "Казахстан"
    assert names["zh"] == "哈萨克斯坦"
    assert kaz.name_in("es") == "Kazajstán"


def current_members(code, day=None):
    qs = Membership.objects.filter(organisation__code=code)
    qs = qs.on(day) if day else qs.current()
    return set(qs.values_list("state__iso3", flat=True))


def test_osce_57_participating_states():
    osce = current_members("OSCE")
    assert len(osce) == 57
    assert {"KAZ", "VAT", "USA", "CAN", "MNG"} <= osce


def test_african_union_members():
    au = current_members("AU")
    # 55 members; one (the Sahrawi Arab Democratic Republic) is not a UN Member State.
    assert len(au) == 54
    assert "MAR" in au


def test_european_union_27_and_the_united_kingdom_left():
    assert len(current_members("EU")) == 27
    assert "GBR" in current_members("EU", dt.date(2019, 12, 31))
    assert "GBR" not in current_members("EU", dt.date(2020, 2, 1))


def test_ecowas_after_2025_departures():
    assert {"BFA", "MLI", "NER"} <= current_members("ECOWAS", dt.date(2024, 12, 31))
    assert not {"BFA", "MLI", "NER"} & current_members("ECOWAS")


def test_every_organisation_the_domain_names():
    required = """UNODA UNODC UNICRI UNIDIR UNREC UNRCCA UNRCPD UNLIREC FAO WHO IAEA OPCW CTBTO
    INTERPOL WCO FATF WOAH AU CARICOM OSCE CIS EU ASEAN OAS LAS PIF SICA ECOWAS SADC EAC ECCAS
    COMESA IGAD CSTO SCO CICA NSG MTCR VERTIC WINS""".split()
    codes = set(Organisation.objects.values_list("code", flat=True))
    assert set(required) <= codes
    assert codes & {"BWC-ISU", "BWC ISU"}
    assert codes & {"AG"}  # Australia Group
    assert codes & {"WA", "WASSENAAR"}


REGIONAL = """AU CARICOM OSCE CIS EU ASEAN OAS LAS PIF SICA ECOWAS SADC EAC ECCAS COMESA IGAD CSTO
SCO CICA""".split()


@pytest.mark.parametrize("code", REGIONAL)
def test_regional_organisations_have_members(code):
    members = current_members(code)
    assert len(members) >= 5, code


def test_files_and_database_agree():
    ref = load_reference()
    assert len(ref.states) == State.objects.count()
    assert len(ref.memberships) == Membership.objects.count()
