from django.urls import path

from sessions.views import planning

app_name = "sessions"
urlpatterns = [
    # Planning and the facilitator's own sessions
    path("mijn/", planning.my_sessions, name="mine"),
    # Attendance and outcomes (verslag)
]
