from django.urls import path

from . import views, views_edit, views_import, views_names, views_stats

app_name = "outreach"
urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("events/calendar/", views.event_calendar, name="calendar"),
    path("events/statistics/", views_stats.statistics, name="statistics"),
    path("events/review/<int:year>.<str:fmt>", views_stats.annual_review, name="review"),
    path("events/import/", views_import.upload, name="import"),
    path("events/new/", views_edit.event_new, name="event-new"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/edit/", views_edit.event_edit, name="event-edit"),
    path("events/<int:pk>/names/", views_names.event_names, name="event-names"),
    path("events/<int:pk>/note.<str:fmt>", views.note_download, name="note"),
    path("events/<int:pk>/documents/<int:doc>/", views.document_download, name="document"),
    path("events/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("events/<int:pk>/publish/", views.publish, name="publish"),
]
