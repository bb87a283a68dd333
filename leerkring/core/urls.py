from django.urls import path

from leerkring.core import views

app_name = "avg"
urlpatterns = [
    path("logboek/", views.data_access_log, name="log"),
]
