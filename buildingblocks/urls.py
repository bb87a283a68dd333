from django.urls import path

from buildingblocks import views

app_name = "buildingblocks"
urlpatterns = [
    path("", views.index, name="index"),
]
