"""Invitations (issue 12): an expert invites a Committee member or a point of contact, bound to
its State or organisation, from a page or with `clearinghouse invite`; the person uses a
one-time link (expiring, single use, only the token's hash stored) to set a password. Audited."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from clearinghouse.accounts import invitations
from clearinghouse.accounts.models import Invitation, Role, User
from clearinghouse.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
STRONG = "Kazakh-export-controls-2024"


def _token(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def test_an_expert_invites_a_state_point_of_contact_from_the_page(client_for):
    expert = client_for("expert")
    response = expert.post("/accounts/invitations/", {
        "email": "poc@mfa.example.kz", "role": "state_poc", "state": "kaz"})
    assert response.status_code == 200
    page = response.content.decode()
    link = page.split('id="invitation-link"')[1].split("<code>")[1].split("</code>")[0]
    assert link.startswith("http://testserver/accounts/invitation/")
    token = _token(link)
    stored = Invitation.objects.get(email="poc@mfa.example.kz")
    assert (stored.role, stored.state.iso3, stored.organisation) == ("state_poc", "KAZ", None)
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest() and token not in stored.digest
    assert dt.timedelta(days=6) < stored.expires_at - timezone.now() <= dt.timedelta(days=7)
    entry = AuditEntry.objects.get(action="accounts.invitation.created")
    assert entry.actor.username == "expert" and token not in str(entry.changes)
    assert "poc@mfa.example.kz" in expert.get("/accounts/invitations/").content.decode()

    # The person follows the link, chooses a user name and password, and lands on its start page.
    invited = Client()
    form = invited.get(f"/accounts/invitation/{token}/")
    assert form.status_code == 200 and "Kazakhstan" in form.content.decode()
    response = invited.post(f"/accounts/invitation/{token}/", {
        "username": "aigerim", "password": STRONG, "password2": STRONG})
    assert response.status_code == 302 and response["Location"] == "/my/"
    user = User.objects.get(username="aigerim")
    assert (user.role, user.state.iso3, user.email, user.is_staff) == (
        "state_poc", "KAZ", "poc@mfa.example.kz", False)
    assert user.check_password(STRONG)
    assert "Reports and action plans of Kazakhstan" in invited.get("/my/").content.decode()
    assert AuditEntry.objects.filter(action="accounts.invitation.accepted", actor=user).exists()

    # Single use: the link is dead now.
    again = Client().get(f"/accounts/invitation/{token}/")
    assert again.status_code == 404 and "used already" in again.content.decode()
    assert Client().post(f"/accounts/invitation/{token}/", {
        "username": "other", "password": STRONG, "password2": STRONG}).status_code == 404
    assert not User.objects.filter(username="other").exists()


@pytest.mark.parametrize("persona", ["committee", "state_poc", "provider_poc", "public"])
def test_only_experts_invite(personas, client_for, persona):
    client = client_for(persona)
    assert client.get("/accounts/invitations/").status_code == 403
    assert client.post("/accounts/invitations/", {"email": "x@example.org", "role": "committee"}
                       ).status_code == 403
    with pytest.raises(PermissionDenied):
        invitations.invite(personas[persona], "x@example.org", Role.COMMITTEE)
    assert not Invitation.objects.exists()


def test_an_expired_link_is_refused(personas):
    _invitation, token = invitations.invite(personas["expert"], "m@example.org", Role.COMMITTEE)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = Client().get(f"/accounts/invitation/{token}/")
    assert response.status_code == 404 and "expired" in response.content.decode()
    with pytest.raises(invitations.InvitationInvalid):
        invitations.accept(token, "late", STRONG, STRONG)
    assert not User.objects.filter(username="late").exists()


def test_an_unknown_link_is_refused(client):
    response = client.get("/accounts/invitation/not-a-token/")
    assert response.status_code == 404 and "not valid" in response.content.decode()


@pytest.mark.parametrize("role,state,organisation,chair,field", [
    ("state_poc", "", "", False, "state"),
    ("state_poc", "XXX", "", False, "state"),
    ("provider_poc", "", "NOPE", False, "organisation"),
    ("provider_poc", "AUT", "OSCE", False, "state"),
    ("provider_poc", "", "", False, "state"),
    ("committee", "KAZ", "", False, "state"),
    ("committee", "", "OSCE", False, "organisation"),
    ("state_poc", "KAZ", "", True, "chair_office"),
    ("expert", "", "", False, "role"),
])
def test_an_invitation_is_bound_as_its_role_requires(personas, client_for, role, state,
                                                     organisation, chair, field):
    with pytest.raises(ValidationError) as refused:
        invitations.invite(personas["expert"], "x@example.org", role, state=state,
                           organisation=organisation, chair_office=chair)
    assert field in refused.value.message_dict
    response = client_for("expert").post("/accounts/invitations/", {
        "email": "x@example.org", "role": role, "state": state, "organisation": organisation,
        **({"chair_office": "on"} if chair else {})})
    assert response.status_code == 400 and 'class="error-list"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_person_chooses_a_valid_name_and_password(personas):
    _invitation, token = invitations.invite(personas["expert"], "o@example.org",
                                            Role.PROVIDER_POC, organisation="osce")
    client = Client()
    for data, message in [
        ({"username": "", "password": STRONG, "password2": STRONG}, "Choose a user name"),
        ({"username": "expert", "password": STRONG, "password2": STRONG}, "is taken"),
        ({"username": "olga", "password": STRONG, "password2": STRONG + "x"}, "differ"),
        ({"username": "olga", "password": "123", "password2": "123"}, "too short"),
    ]:
        response = client.post(f"/accounts/invitation/{token}/", data)
        assert response.status_code == 400 and message in response.content.decode(), message
    assert not User.objects.filter(username="olga").exists()
    user = invitations.accept(token, "olga", STRONG, STRONG)
    assert (user.role, user.organisation.code, user.state) == ("provider_poc", "OSCE", None)


def test_a_committee_member_of_the_chairs_office_is_invited_so(personas):
    _invitation, token = invitations.invite(personas["expert"], "c@example.org", Role.COMMITTEE,
                                            chair_office=True)
    user = invitations.accept(token, "chair-office", STRONG, STRONG)
    assert (user.role, user.chair_office) == ("committee", True)


def test_the_command_prints_the_link(reference_data):
    out, err = io.StringIO(), io.StringIO()
    call_command("invite", "poc@example.uz", role="state_poc", state="UZB",
                 base_url="https://clearinghouse.example.org", stdout=out, stderr=err)
    link = out.getvalue().strip()
    assert link.startswith("https://clearinghouse.example.org/accounts/invitation/")
    assert "valid until" in err.getvalue()
    stored = Invitation.objects.get()
    assert (stored.email, stored.state.iso3) == ("poc@example.uz", "UZB")
    assert AuditEntry.objects.filter(action="accounts.invitation.created",
                                     actor_label="command").exists()
    user = invitations.accept(_token(link), "uzb-poc", STRONG, STRONG)
    assert user.state.iso3 == "UZB"
    with pytest.raises(CommandError, match="--state"):
        call_command("invite", "x@example.org", role="state_poc", stdout=out, stderr=err)
