from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("states/", views.state_list, name="states"),
    path("states/<str:iso3>/", views.state_detail, name="state"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<str:code>/", views.organisation_detail, name="organisation"),
    path("resolve/", views.resolve_page, name="resolve"),
]
