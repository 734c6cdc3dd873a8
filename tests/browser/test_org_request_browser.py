"""End to end in headless Chromium, in Spanish: SICA (Sistema de la Integración
Centroamericana) asks for assistance through its point of contact; the expert acknowledges and
circulates it, proposes Spain's offer open to "Latin America and the Caribbean" (SICA is
eligible through its member States), the provider accepts, the match completes, both give
feedback and the statistics show it."""

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance.forms import eligibility_rules
from clearinghouse.assistance.models import Feedback, Match, Request
from clearinghouse.registry.models import Organisation, State
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = ("La Secretaría General del SICA solicita asistencia para la formación de los "
               "funcionarios de las autoridades de licencias de los Estados miembros en el control "
               "de las exportaciones de bienes de doble uso, los certificados de usuario final y "
               "la actualización de las listas nacionales de control.")
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
    req = Request.objects.get()
    assert req.organisation == sica and req.state is None
    assert page.url.endswith(f"/es/assistance/requests/{req.pk}/")
    _sign_out(page)

    # The expert authenticates, acknowledges, circulates to Spain and proposes its offer.
    login("experto", PASSWORD)
    url = f"{base}/es/assistance/requests/{req.pk}/"
    page.goto(url)
    _post(page, "form:has(input[name=status][value=authenticated]) button")
    _post(page, "form:has(input[name=status][value=acknowledged]) button")
    row = page.locator(f'#candidates tr[data-offer="{offer.engine_id}"]')
    assert row.count() == 1  # eligible through SICA's member States
    page.locator("#circulation input[name=provider]").evaluate_all(
        "boxes => boxes.forEach(b => { b.checked = (b.value === 'state:ESP'); })")
    _post(page, "#circulation button[type=submit]")
    _post(page, "#confirm-circulation")
    req.refresh_from_db()
    assert req.status == "circulated" and list(req.circulated_to_states.all()) == [spain]
    _post(page, f'#candidates tr[data-offer="{offer.engine_id}"] form[action$="/propose/"] button')
    match = Match.objects.get(request=req, offer=offer)
    _sign_out(page)

    # Spain's point of contact accepts.
    login("punto-espana", PASSWORD)
    page.goto(f"{base}/es/assistance/my-matches/")
    _post(page, f'#proposed tr[data-request="{req.engine_id}"] form[action$="/accept/"] button')
    match.refresh_from_db()
    assert match.status == "accepted"
    _sign_out(page)

    # The expert moves the match on until it is completed.
    login("experto", PASSWORD)
    page.goto(url)
    _post(page, 'form[action$="/in_progress/"] button')
    _post(page, 'form[action$="/completed/"] button')
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
