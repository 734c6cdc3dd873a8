from django.urls import path

from . import views, views_plans, views_records

app_name = "reporting"
urlpatterns: list = [
    path("reporting/status/", views.status_page, name="status"),
    path("reports/", views_records.report_list, name="reports"),
    path("reports/new/", views_records.report_new, name="report-new"),
    path("reports/<int:pk>/", views_records.report_detail, name="report"),
    path("reports/<int:pk>/document/", views_records.report_document, name="report-document"),
    path("reports/<int:pk>/edit/", views_records.report_edit, name="report-edit"),
    path("reports/<int:pk>/submit/", views_records.report_submit, name="report-submit"),
    path("reports/<int:pk>/withdraw/", views_records.report_withdraw, name="report-withdraw"),
    path("reporting/<slug:kind>/<int:pk>/publish/", views_records.publish, name="publish"),
    path("plans/", views_records.plan_list, name="plans"),
    path("plans/new/", views_plans.plan_new, name="plan-new"),
    path("plans/<int:pk>/", views_records.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views_plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/submit/", views_plans.plan_submit, name="plan-submit"),
    path("visits/", views_records.visit_list, name="visits"),
    path("visits/<int:pk>/", views_records.visit_detail, name="visit"),
    path("peer-reviews/", views_records.peer_review_list, name="peer-reviews"),
    path("peer-reviews/<int:pk>/", views_records.peer_review_detail, name="peer-review"),
    path("peer-reviews/<int:pk>/document/", views_records.peer_review_document,
         name="peer-review-document"),
]
