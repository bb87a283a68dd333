from django.urls import path

from sessions import views

app_name = "sessions"
urlpatterns = [
    path("mijn/", views.my_sessions, name="mine"),
]
