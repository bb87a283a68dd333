from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/leerkring/<uuid:code>/", views.request_circle_report, name="request_circle"),
    path("nieuw/samenvatting/<uuid:code>/", views.request_session_summary, name="request_session"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/download/", views.download, name="download"),
]
