from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from clearinghouse.accounts import views as accounts
from clearinghouse.accounts import views_invitations as invitations
from clearinghouse.core import imports_views
from clearinghouse.core import views as core
from clearinghouse.core.context import SITE_NAME

admin.site.site_header = "1540 Clearinghouse: data entry"
admin.site.site_title = "1540 Clearinghouse"

# Public pages carry their language in the address (/fr/states/...; English has no prefix), so a
# link keeps its language. Not prefixed (core/reader_language.py UNPREFIXED): the API, the admin,
# /accounts/ (personal pages, never cached or shared, in the profile's language), the switcher.
urlpatterns = i18n_patterns(
    path("", core.home, name="home"),
    path("", include("clearinghouse.registry.urls")),
    path("", include("clearinghouse.reporting.urls")),
    path("", include("clearinghouse.matrix.urls")),
    path("", include("clearinghouse.assistance.urls")),
    path("", include("clearinghouse.outreach.urls")),
    path("my/", core.start, name="start"),
    path("", include("clearinghouse.jobs.urls")),
    path("", include("clearinghouse.notifications.urls")),
    path("audit/", core.audit_log, name="audit-log"),
    path("imports/", imports_views.upload, name="imports"),
    prefix_default_language=False,
) + [
    path("api/", include("clearinghouse.api.urls")),
    path("favicon.ico", core.favicon, name="favicon"),
    path("accounts/login/", auth_views.LoginView.as_view(extra_context={"site_name": SITE_NAME}),
         name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("accounts/api-keys/", accounts.api_keys, name="api-keys"),
    path("accounts/invitations/", invitations.invitation_list, name="invitations"),
    path("accounts/invitation/<str:token>/", invitations.invitation_accept, name="invitation-accept"),
    path("accounts/api-keys/<str:prefix>/revoke/", accounts.api_key_revoke, name="api-key-revoke"),
    # Without a CSRF token for anonymous readers (see base.html): it only sets the language
    # cookie; a signed-in person's choice is saved in the profile only with a valid token.
    path("i18n/setlang/", csrf_exempt(accounts.set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = "clearinghouse.core.views.error_400"
handler403 = "clearinghouse.core.views.error_403"
handler404 = "clearinghouse.core.views.error_404"
handler500 = "clearinghouse.core.views.error_500"
