"""Abuse and hardening: login lockout, API keys instead of Basic auth, API throttles, CSP,
production settings, privileged sessions, and sign-ins in the audit log."""

import base64
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings

from clearinghouse.accounts import apikeys
from clearinghouse.accounts.sessions import SIGNED_IN_AT
from clearinghouse.audit.models import AuditEntry

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def _login(client, username, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


# -- login lockout -------------------------------------------------------------------------------

def test_thirty_wrong_passwords_lock_the_account_from_that_address(settings, personas):
    settings.LOGIN_RATE = "1000/minute"  # the lockout alone (the address throttle is below)
    client = Client()
    for _ in range(30):
        response = _login(client, "expert", "wrong password")
        assert response.status_code in (200, 429)
    response = _login(client, "expert", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The lockout is for that user name from that address: the right person elsewhere signs in.
    other = Client()
    assert _login(other, "expert", PASSWORD, address="10.0.0.2").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.locked-out").count() == 1
    # Failed attempts are audited until the lockout (the fifth is recorded as the lockout),
    # then counted by axes only: 25 more attempts write no audit row.
    assert AuditEntry.objects.filter(action="accounts.login-failed").count() == 4


def test_the_admin_login_is_locked_out_too(personas):
    client = Client()
    for _ in range(6):
        client.post("/admin/login/", {"username": "expert", "password": "nope"},
                    REMOTE_ADDR="10.0.0.3")
    response = client.post("/admin/login/", {"username": "expert", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 429


# -- API authentication --------------------------------------------------------------------------

def test_basic_auth_is_not_accepted_and_hashes_no_password(personas):
    header = "Basic " + base64.b64encode(f"expert:{PASSWORD}".encode()).decode()
    response = Client().get("/api/audit/", HTTP_AUTHORIZATION=header)
    assert response.status_code in (401, 403)
    # No authentication was attempted at all: no failed sign-in, no sign-in.
    assert not AuditEntry.objects.filter(action__startswith="accounts.login").exists()


def test_an_api_key_authenticates_and_a_revoked_or_wrong_one_does_not(personas):
    api_key, key = apikeys.create("tests", personas["expert"], "nightly export")
    assert key.startswith(f"ch_{api_key.prefix}_") and key not in api_key.digest
    ok = Client().get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert ok.status_code == 200
    wrong = Client().get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key[:-2]}xx")
    assert wrong.status_code == 403  # DRF: 403 when the first scheme (session) has no challenge
    assert "Unknown or revoked API key" in wrong.json()["detail"]
    apikeys.revoke("tests", api_key)
    assert Client().get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 403
    actions = set(AuditEntry.objects.filter(target_type="accounts.apikey")
                  .values_list("action", flat=True))
    assert actions == {"accounts.api-key-create", "accounts.api-key-revoke"}


def test_a_public_key_sees_only_public_data(personas):
    _api_key, key = apikeys.create("tests", personas["state_poc"], "poc script")
    assert Client().get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 403


def test_users_create_and_revoke_their_own_keys_on_a_page(client_for, personas):
    client = client_for("provider_poc")
    page = client.post("/accounts/api-keys/", {"name": "offers sync"})
    key = re.search(r'<code id="new-key">([^<]+)</code>', page.content.decode()).group(1)
    assert Client().get("/api/states/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    prefix = key.split("_")[1]
    # Another user cannot revoke it.
    assert client_for("state_poc").post(f"/accounts/api-keys/{prefix}/revoke/").status_code == 404
    assert client.post(f"/accounts/api-keys/{prefix}/revoke/").status_code == 302
    assert Client().get("/api/states/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 403
    assert client.post("/accounts/api-keys/", {"name": ""}).status_code == 200
    assert Client().get("/accounts/api-keys/").status_code == 302  # to the sign-in page


@override_settings(REST_FRAMEWORK={
    **__import__("django.conf").conf.settings.REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"address": "5/minute", "user": "3/minute"},
})
def test_the_api_is_throttled_per_address_and_per_user(personas):
    anonymous = Client()
    codes = [anonymous.get("/api/states/", REMOTE_ADDR="10.1.0.1").status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    response = anonymous.get("/api/states/", REMOTE_ADDR="10.1.0.1")
    assert int(response["Retry-After"]) > 0 and "throttled" in response.json()["detail"].lower()
    assert anonymous.get("/api/states/", REMOTE_ADDR="10.1.0.2").status_code == 200
    # A signed-in user is limited wherever the calls come from.
    _api_key, key = apikeys.create("tests", personas["expert"], "k")
    codes = [Client().get("/api/states/", REMOTE_ADDR=f"10.2.0.{i}",
                          HTTP_AUTHORIZATION=f"Bearer {key}").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]


# -- CSP and production settings -----------------------------------------------------------------

def test_pages_carry_a_content_security_policy_without_inline_script(client_for):
    response = client_for("expert").get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_inline_script_or_event_handler():
    offenders = []
    for path in (ROOT / "clearinghouse").rglob("templates/**/*.html"):
        text = path.read_text()
        if re.search(r"\son[a-z]+\s*=", text, re.IGNORECASE):
            offenders.append(f"{path}: inline event handler")
        for tag in re.findall(r"<script\b[^>]*>", text, re.IGNORECASE):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{path}: inline <script>")
        if re.search(r"javascript:", text, re.IGNORECASE):
            offenders.append(f"{path}: javascript: URL")
    assert offenders == []


def test_deploy_check_with_production_settings_gives_no_warning(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(HTTPS="1", SECRET_KEY=secrets.token_urlsafe(60), DEBUG="0",
               ALLOWED_HOSTS="clearinghouse.example.org", CLEARINGHOUSE_VAR=str(tmp_path),
               PROXY_COUNT="1")
    result = subprocess.run([sys.executable, "-m", "clearinghouse", "check", "--deploy",
                             "--fail-level", "WARNING"], env=env, capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "no issues" in output


def test_https_settings_are_read_from_the_environment(tmp_path):
    code = ("from django.conf import settings as s; "
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
            "s.SECURE_PROXY_SSL_HEADER, s.PROXY_COUNT)")
    env = {**os.environ, "HTTPS": "1", "HSTS_SECONDS": "600", "PROXY_COUNT": "1",
           "CLEARINGHOUSE_VAR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "clearinghouse.settings"}
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code],
                         env=env, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.split() == ["True", "600", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')", "1"], out.stderr
    env["PROXY_COUNT"] = "many"
    bad = subprocess.run([sys.executable, "-c", "import django; django.setup()"],
                         env=env, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode != 0 and "PROXY_COUNT must be a whole number" in bad.stderr


# -- sessions ------------------------------------------------------------------------------------

@pytest.mark.parametrize("persona, privileged", [("expert", True), ("committee", True),
                                                  ("state_poc", False), ("provider_poc", False)])
def test_privileged_roles_get_shorter_sessions(settings, personas, persona, privileged):
    client = Client()
    assert _login(client, personas[persona].username, PASSWORD).status_code == 302
    age = client.session.get_expiry_age()
    if privileged:
        assert age == settings.PRIVILEGED_SESSION_AGE < settings.SESSION_COOKIE_AGE
    else:
        assert age == settings.SESSION_COOKIE_AGE


def test_a_privileged_session_ends_after_its_age_whatever_the_activity(settings, personas):
    client = Client()
    _login(client, "expert", PASSWORD)
    assert client.get("/audit/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.PRIVILEGED_SESSION_AGE - 1
    session.save()
    response = client.get("/audit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/audit/").status_code == 403  # signed out now


# -- the audit log of sign-ins -------------------------------------------------------------------

def test_sign_in_failure_sign_out_and_password_changes_are_audited(personas):
    client = Client()
    _login(client, "poc-kaz", "wrong")
    _login(client, "poc-kaz", PASSWORD)
    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": "another long password 2004",
        "new_password2": "another long password 2004"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # still signed in after the change
    client.post("/accounts/logout/")
    expert = Client()
    _login(expert, "expert", PASSWORD)
    user = personas["state_poc"]
    response = expert.post(f"/admin/accounts/user/{user.pk}/password/", {
        "password1": "a third long password 1540", "password2": "a third long password 1540",
        "usable_password": "true"})
    assert response.status_code == 302
    rows = list(AuditEntry.objects.filter(action__startswith="accounts.").order_by("id")
                .values_list("action", "actor_label", "target_label", "changes"))
    assert [r[:2] for r in rows] == [
        ("accounts.login-failed", "anonymous"), ("accounts.login", "poc-kaz"),
        ("accounts.password-change", "poc-kaz"), ("accounts.logout", "poc-kaz"),
        ("accounts.login", "expert"), ("accounts.password-change", "expert")]
    assert rows[0][3] == {"username": "poc-kaz", "address": "10.0.0.1"}
    assert rows[2][3] == {"by": "self-service"} and rows[5][3] == {"by": "admin"}
    assert rows[5][2] == "poc-kaz"
    assert all("password" not in str(r[3]).replace("password-change", "") for r in rows)


def test_a_wrong_old_password_changes_nothing(client_for, personas):
    client = client_for("state_poc")
    response = client.post("/accounts/password/", {
        "old_password": "not it", "new_password1": "x long new password 99",
        "new_password2": "x long new password 99"})
    assert response.status_code == 200 and "error-list" in response.content.decode()
    assert not AuditEntry.objects.filter(action="accounts.password-change").exists()


def test_the_apikey_command_creates_lists_and_revokes(personas):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("apikey", "create", "expert", "backup job", stdout=out)
    key = out.getvalue().strip()
    assert Client().get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    listing = io.StringIO()
    call_command("apikey", "list", stdout=listing)
    prefix = key.split("_")[1]
    assert prefix in listing.getvalue() and key not in listing.getvalue()
    call_command("apikey", "revoke", prefix, stdout=io.StringIO())
    assert Client().get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 403
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("apikey", "create", "nobody", "x")


def test_one_address_cannot_try_many_user_names(settings, personas):
    settings.LOGIN_RATE = "10/minute"
    client = Client()
    codes = [_login(client, f"user{i}", "guess", address="10.3.0.1").status_code
             for i in range(12)]
    assert codes[:10] == [200] * 10 and codes[10:] == [429, 429]
    refused = _login(client, "expert", PASSWORD, address="10.3.0.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many sign-in attempts" in refused.content.decode()
    assert _login(Client(), "expert", PASSWORD, address="10.3.0.2").status_code == 302
    admin = Client().post("/admin/login/", {"username": "x", "password": "y"},
                          REMOTE_ADDR="10.3.0.1")
    assert admin.status_code == 429
