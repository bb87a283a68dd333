from django.urls import path

from leerkring.core import views

app_name = "avg"
urlpatterns = [
    path("", views.person, name="person"),
    path("aanmelding/<uuid:code>/", views.person_of_registration, name="registration"),
    path("export.json", views.person_export_json, name="export_json"),
    path("export/", views.person_export_page, name="export_page"),
    path("wissen/", views.person_erase, name="erase"),
    path("logboek/", views.data_access_log, name="log"),
]
