"""Public: checking a proof of participation by its code (the URL printed on it and in its QR code)."""

from django.urls import path

from reports import views

app_name = "certificates"
urlpatterns = [
    path("", views.verify, name="verify_form"),
    path("<str:code>/", views.verify, name="verify"),
]
