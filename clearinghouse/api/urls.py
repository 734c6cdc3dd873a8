from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from clearinghouse.assistance import api as assistance_api
from clearinghouse.matrix import api as matrix_api
from clearinghouse.outreach import api as outreach_api
from clearinghouse.reporting import api as reporting_api

from . import views

app_name = "api"


class Router(DefaultRouter):
    class APIRootView(DefaultRouter.APIRootView):
        """The 1540 Clearinghouse API. Anonymous callers see public data only."""

        read_action = "registry.view"


router = Router()
router.register("states", views.StateViewSet, basename="state")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("audit", views.AuditEntryViewSet, basename="audit")
for domain in (reporting_api, matrix_api, assistance_api, outreach_api):
    domain.register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("resolve/", views.ResolveView.as_view(), name="resolve"),
    path("", include(router.urls)),
]
