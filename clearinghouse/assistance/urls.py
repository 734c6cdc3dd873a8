from django.urls import path

from . import views, views_actions, views_forms

app_name = "assistance"
urlpatterns = [
    path("assistance/", views.public, name="public"),
    path("assistance/board/", views.board, name="board"),
    path("assistance/my-matches/", views.my_matches, name="my-matches"),
    path("assistance/statistics/", views.statistics, name="statistics"),
    path("assistance/briefing/", views.briefing, name="briefing"),
    path("assistance/requests/new/", views_forms.request_new, name="request-new"),
    path("assistance/requests/<str:pk>/", views.request_detail, name="request"),
    path("assistance/requests/<str:pk>/edit/", views_forms.request_edit, name="request-edit"),
    path("assistance/requests/<str:pk>/<slug:action>/", views_actions.request_action,
         name="request-action"),
    path("assistance/offers/new/", views_forms.offer_new, name="offer-new"),
    path("assistance/offers/<str:pk>/", views.offer_detail, name="offer"),
    path("assistance/offers/<str:pk>/edit/", views_forms.offer_edit, name="offer-edit"),
    path("assistance/offers/<str:pk>/<slug:action>/", views_forms.offer_action,
         name="offer-action"),
    path("assistance/matches/<str:pk>/<slug:action>/", views_actions.match_action,
         name="match-action"),
]
