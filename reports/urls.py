from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/leerkring/<uuid:code>/", views.request_circle_report, name="request_circle"),
    path("nieuw/samenvatting/<uuid:code>/", views.request_session_summary, name="request_session"),
    path("leerkring/<uuid:code>/deelnamebewijzen/", views.certificates, name="certificates"),
    path(
        "leerkring/<uuid:code>/deelnamebewijzen/uitgeven/", views.certificates_issue_earned, name="certificates_issue"
    ),
    path(
        "leerkring/<uuid:code>/deelnamebewijzen/<uuid:registration_code>/uitgeven/",
        views.certificate_issue,
        name="certificate_issue",
    ),
    path(
        "leerkring/<uuid:code>/deelnamebewijzen/<uuid:registration_code>/reflectieverklaring/",
        views.reflection_request,
        name="reflection_request",
    ),
    path(
        "leerkring/<uuid:code>/deelnamebewijzen/<str:certificate_code>/intrekken/",
        views.certificate_revoke,
        name="certificate_revoke",
    ),
    path("nieuw/signalen/", views.request_signals, name="request_signals"),
    path("programma/<int:period>/", views.programme, name="programme"),
    path("programma/<int:period>/leerkringen.pdf", views.programme_public_pdf, name="programme_pdf"),
    path("periode/<uuid:code>/", views.period_detail, name="period_detail"),
    path("periode/<uuid:code>/status/", views.period_status, name="period_status"),
    path("periode/<uuid:code>/download/", views.period_download, name="period_download"),
    path("mijn-deelnamebewijs/<str:token>/", views.mine_certificate, name="mine_certificate"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/status/", views.status, name="status"),
    path("<uuid:code>/download/", views.download, name="download"),
    path("<uuid:code>/opnieuw/", views.retry, name="retry"),
]
