from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/outreach-review/", views.start_review, name="start-review"),
    path("jobs/mine/<slug:kind>/", views.mine, name="mine"),
    path("jobs/notes/", views.start_notes, name="start-notes"),
    path("jobs/<int:pk>/", views.job_detail, name="detail"),
    path("jobs/<int:pk>/download", views.job_download, name="download"),
    path("jobs/failures/", views.failures, name="failures"),
    path("jobs/failures/<int:pk>/run-again", views.run_again, name="run-again"),
]
