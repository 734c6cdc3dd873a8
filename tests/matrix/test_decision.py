"""The Committee approves a matrix version as a body (issue 12, "Forms that stop mistakes"): its
decision (date, meeting or written procedure, reference) is recorded on its behalf by the Chair's
office or an expert, with who recorded it; the matrix page, its PDF and the API show it. A single
Committee member cannot approve by one click."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from clearinghouse.accounts.models import Role, User
from clearinghouse.matrix import actions
from clearinghouse.matrix.models import MatrixVersion
from tests.conftest import revision_of
from tests.textof import pdf_text

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_chairs_office_records_the_decision_from_the_matrix_page(matrices, committee):
    draft = matrices["kaz2"]
    client = _client(committee)
    page = client.get("/matrix/KAZ/?version=2").content.decode()
    assert 'id="record-decision"' in page and 'name="decision_reference"' in page
    response = client.post("/matrix/KAZ/v2/approve/", {
        "approved_on": "2024-05-02", "decision_procedure": "written",
        "decision_reference": "Written procedure of 2 May 2024 (SCA/1540/24/12)",
        "revision": revision_of(draft)}, follow=True)
    assert response.status_code == 200
    stored = MatrixVersion.objects.get(pk=draft.pk)
    assert (stored.status, stored.approved_on, stored.decision_procedure, stored.approved_by) == (
        "approved", dt.date(2024, 5, 2), "written", committee)
    assert stored.decision_reference == "Written procedure of 2 May 2024 (SCA/1540/24/12)"
    assert stored.decision_recorded_at is not None
    shown = client.get("/matrix/KAZ/?version=2").content.decode()
    assert "Approved by the Committee by written procedure (Written procedure of 2 May 2024 " \
           "(SCA/1540/24/12)) on 2 May 2024" in shown
    assert "recorded on the Committee's behalf by chair" in shown


def test_a_single_committee_member_cannot_approve(matrices, personas, client_for):
    client = client_for("committee")
    page = client.get("/matrix/KAZ/?version=2").content.decode()
    assert 'id="record-decision"' not in page
    assert "approves a version as a body" in page
    response = client.post("/matrix/KAZ/v2/approve/", {
        "approved_on": "2024-05-02", "decision_procedure": "meeting", "decision_reference": "x"})
    assert response.status_code == 403
    assert MatrixVersion.objects.get(pk=matrices["kaz2"].pk).status == "draft"


@pytest.mark.parametrize("day,reference,procedure,field", [
    (None, "1540/SR.1", "meeting", "approved_on"),
    (dt.date(2003, 1, 1), "1540/SR.1", "meeting", "approved_on"),
    ("future", "1540/SR.1", "meeting", "approved_on"),
    (dt.date(2024, 1, 1), "  ", "meeting", "decision_reference"),
    (dt.date(2024, 1, 1), "R" * 201, "meeting", "decision_reference"),
    (dt.date(2024, 1, 1), "1540/SR.1", "by phone", "decision_procedure"),
])
def test_an_incomplete_decision_is_refused_naming_the_field(matrices, expert, day, reference,
                                                             procedure, field):
    if day == "future":
        day = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        actions.approve(expert, matrices["kaz2"], day, reference=reference, procedure=procedure)
    assert field in refused.value.message_dict
    assert MatrixVersion.objects.get(pk=matrices["kaz2"].pk).status == "draft"


def test_the_page_names_what_is_missing(matrices, client_for):
    response = client_for("expert").post("/matrix/KAZ/v2/approve/", {
        "approved_on": "2024-05-02", "decision_procedure": "meeting", "decision_reference": "",
        "revision": revision_of(matrices["kaz2"])}, follow=True)
    assert "Give the reference of the meeting" in response.content.decode()
    assert MatrixVersion.objects.get(pk=matrices["kaz2"].pk).status == "draft"


def test_the_decision_is_in_the_pdf_and_the_api(matrices, expert, client_for):
    actions.approve(expert, matrices["kaz2"], dt.date(2024, 5, 2), reference="1540/SR.131")
    actions.publish(expert, matrices["kaz2"])
    text = pdf_text(client_for("public").get("/matrix/KAZ/pdf/?version=2").content)
    assert "Approved by the Committee at a meeting (1540/SR.131) on 2024-05-02" in " ".join(text.split())
    data = client_for("public").get(f"/api/matrix-versions/{matrices['kaz2'].pk}/").json()
    assert (data["decision_procedure"], data["decision_reference"], data["approved_by"]) == (
        "meeting", "1540/SR.131", "expert")
    assert data["decision_recorded_at"]


def test_only_a_committee_member_can_be_in_the_chairs_office(reference_data):
    user = User(username="x", role=Role.EXPERT, chair_office=True)
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert "chair_office" in refused.value.message_dict
