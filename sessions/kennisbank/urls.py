from django.urls import path

from sessions.kennisbank import views

app_name = "kennisbank"
urlpatterns = [
    path("", views.search, name="search"),
    path("openbaar/", views.public_search, name="public"),
    path("openbaar/<uuid:code>/", views.public_outcome, name="public_outcome"),
]
