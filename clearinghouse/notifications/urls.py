from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("notices/", views.notice_list, name="list"),
    path("notices/<int:pk>/open", views.open_notice, name="open"),
    path("notices/read-all", views.read_all, name="read-all"),
    path("notices/preferences/", views.preferences, name="preferences"),
]
