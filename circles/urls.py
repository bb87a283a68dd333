from django.urls import path

from circles.views import public

app_name = "circles"
urlpatterns = [
    # Public catalogue and sign-up (no login)
    path("", public.home, name="home"),
    # Planning by the project leader
    # Sign-ups management
]
