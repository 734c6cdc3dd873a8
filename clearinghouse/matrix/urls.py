from django.urls import path

from . import overview, views, views_review

app_name = "matrix"
urlpatterns = [
    path("matrix/", overview.overview, name="overview"),
    path("matrix/template/", overview.template_page, name="template"),
    path("matrix/<str:iso3>/", views.state_matrix, name="state"),
    path("matrix/<str:iso3>/diff/", views.state_diff, name="diff"),
    path("matrix/<str:iso3>/pdf/", views.state_pdf, name="pdf"),
    path("matrix/<str:iso3>/new/", views.start_version, name="start"),
    path("matrix/<str:iso3>/v<int:number>/cell/", views.set_cell, name="cell"),
    path("matrix/<str:iso3>/v<int:number>/approve/", views.approve, name="approve"),
    path("matrix/<str:iso3>/v<int:number>/publish/", views.publish, name="publish"),
    path("matrix/<str:iso3>/v<int:number>/review/", views_review.review, name="review"),
    path("matrix/<str:iso3>/v<int:number>/review/send", views_review.send, name="review-send"),
    path("matrix/<str:iso3>/v<int:number>/review/answer", views_review.answer,
         name="review-answer"),
]
