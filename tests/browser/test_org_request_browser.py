"""End to end in headless Chromium, in Spanish: SICA (Sistema de la Integración
Centroamericana) asks through its point of contact for assistance in two numbered needs; she
confirms the proposed split; the expert acknowledges and circulates it, proposes for the first
need Spain's offer open to "Latin America and the Caribbean" (SICA is eligible through its member
States) and for the second a United States offer; both providers accept and the request is
matched fully; the first match completes, both parties give feedback and the statistics show
it."""

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance.forms import eligibility_rules
from clearinghouse.assistance.models import Feedback, Match, Request
from clearinghouse.registry.models import Organisation, State
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# In the genre of the Committee's published requests (written for this test).
DESCRIPTION = """La Secretaría General del SICA solicita, en nombre de sus Estados miembros, asistencia en las siguientes esferas:
1. Formación de los funcionarios de las autoridades de licencias en el control de las exportaciones de bienes de doble uso, los certificados de usuario final y la actualización de las listas nacionales de control.
2. Capacitación de los especialistas de laboratorio en bioseguridad y biocustodia de los laboratorios que manipulan agentes patógenos peligrosos."""
LAB_OFFER = ("Laboratory biosecurity programme: biosafety and biosecurity training for laboratory "
             "specialists, biorisk management and the security of laboratories holding "
             "dangerous pathogens.")
OFFER = ("Export control programme: review of the legal framework, licensing procedures, "
         "national control lists, end-user certificates and training of licensing officers for "
         "dual-use goods.")


def _user(username, role, **bound):
    user = make_user(username, role, **bound)
    user.language = "es"
    user.save(update_fields=["language"])
    return user


def _sign_out(page):
    page.locator("form[action*='logout'] button").click()
    page.wait_for_load_state()


def _post(page, selector):
    page.locator(selector).first.click()
    page.wait_for_load_state()


def test_a_spanish_request_from_sica_goes_through_the_whole_loop(page, login, tmp_path):
    sica = Organisation.objects.get(code="SICA")
    spain = State.objects.get(iso3="ESP")
    expert = _user("experto", Role.EXPERT)
    _user("punto-sica", Role.PROVIDER_POC, organisation=sica)
    _user("punto-espana", Role.PROVIDER_POC, state=spain)
    usa = State.objects.get(iso3="USA")
    _user("punto-eeuu", Role.PROVIDER_POC, state=usa)
    lab_offer = actions.create_offer(expert, provider_state=usa, title="Laboratory biosecurity",
                                     description=LAB_OFFER, languages=["en", "es"])
    offer = actions.create_offer(
        expert, provider_state=spain, title="Programa español de control de exportaciones",
        description=OFFER, languages=["es", "en"],
        eligibility=eligibility_rules(["Latin America and the Caribbean"]))
    base = page.base_url

    # The organisation's point of contact submits the request in Spanish.
    login("punto-sica", PASSWORD)
    page.goto(f"{base}/es/assistance/requests/new/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.fill("#id_title", "Formación en control de exportaciones para los Estados del SICA")
    page.fill("#id_description", DESCRIPTION)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    assert "Formación de los funcionarios" in page.locator("#need-1").input_value()
    assert "bioseguridad" in page.locator("#need-2").input_value()
    page.click("#confirm-needs")  # the two needs the splitter proposed, as they are
    page.wait_for_load_state()
    req = Request.objects.get()
    assert req.needs.count() == 2
    assert req.organisation == sica and req.state is None
    assert page.url.endswith(f"/es/assistance/requests/{req.pk}/")
    _sign_out(page)

    # The expert authenticates, acknowledges, circulates to Spain and proposes its offer.
    login("experto", PASSWORD)
    url = f"{base}/es/assistance/requests/{req.pk}/"
    page.goto(url)
    _post(page, "form:has(input[name=status][value=authenticated]) button")
    _post(page, "form:has(input[name=status][value=acknowledged]) button")
    row = page.locator(f'#need-1 tr[data-offer="{offer.engine_id}"]')
    assert row.count() == 1  # eligible through SICA's member States
    page.locator("#circulation input[name=provider]").evaluate_all(
        "boxes => boxes.forEach(b => { b.checked = ['state:ESP', 'state:USA'].includes(b.value); })")
    _post(page, "#circulation button[type=submit]")
    _post(page, "#confirm-circulation")
    req.refresh_from_db()
    assert req.status == "circulated"
    assert set(req.circulated_to_states.all()) == {spain, usa}
    _post(page, f'#need-1 tr[data-offer="{offer.engine_id}"] form[action$="/propose/"] button')
    _post(page, f'#need-2 tr[data-offer="{lab_offer.engine_id}"] form[action$="/propose/"] button')
    match = Match.objects.get(request=req, offer=offer)
    assert match.need.number == 1
    assert Match.objects.get(request=req, offer=lab_offer).need.number == 2
    _sign_out(page)

    # Each provider's point of contact accepts its own.
    for who in ("punto-espana", "punto-eeuu"):
        login(who, PASSWORD)
        page.goto(f"{base}/es/assistance/my-matches/")
        _post(page, f'#proposed tr[data-request="{req.engine_id}"] form[action$="/accept/"] button')
        _sign_out(page)
    match.refresh_from_db()
    assert match.status == "accepted"
    req.refresh_from_db()
    assert req.status == "matched_fully"

    # The expert moves the first need's match on until it is completed.
    login("experto", PASSWORD)
    page.goto(url)
    assert page.locator("#request-coverage").get_attribute("data-coverage") == "fully"
    _post(page, '#matches tr[data-need="1"] form[action$="/in_progress/"] button')
    _post(page, '#matches tr[data-need="1"] form[action$="/completed/"] button')
    match.refresh_from_db()
    assert match.status == "completed"
    _sign_out(page)

    # Both parties give their feedback on the request's page.
    for who, party, outcome, words in (
            ("punto-sica", "requester", "partly", "Formados 40 funcionarios de 5 Estados."),
            ("punto-espana", "provider", "met", "Curso impartido en Ciudad de Guatemala.")):
        login(who, PASSWORD)
        page.goto(url)
        form = page.locator(f'form.feedback-form[data-party="{party}"]')
        assert form.count() == 1
        assert page.locator("form.feedback-form").count() == 1  # only its own side
        form.locator(f'input[name=outcome][value="{outcome}"]').check()
        form.locator("textarea").fill(words)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert words in page.locator(f"#feedback-{match.pk}").inner_text()
        _sign_out(page)
    assert sorted(Feedback.objects.values_list("party", "outcome")) == [
        ("provider", "met"), ("requester", "partly")]

    # The statistics show it.
    login("experto", PASSWORD)
    page.goto(f"{base}/es/assistance/statistics/")
    counts = page.locator("#feedback-counts tbody tr")
    assert counts.count() == 2
    assert counts.nth(0).locator("td").all_inner_texts() == ["0", "1", "0", "1"]
    assert counts.nth(1).locator("td").all_inner_texts() == ["1", "0", "0", "1"]
    page.screenshot(path=str(tmp_path / "statistics.png"), full_page=True)
