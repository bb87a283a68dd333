from django.urls import path

from circles import views

app_name = "circles"
urlpatterns = [
    path("", views.home, name="home"),
]
