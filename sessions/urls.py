from django.urls import path

from sessions.views import outcomes, planning

app_name = "sessions"
urlpatterns = [
    # Planning and the facilitator's own sessions
    path("mijn/", planning.my_sessions, name="mine"),
    path("leerkring/<uuid:circle>/toevoegen/", planning.session_create, name="create"),
    path("<uuid:code>/wijzigen/", planning.session_edit, name="edit"),
    path("<uuid:code>/verwijderen/", planning.session_delete_view, name="delete"),
    path("agenda/nieuwe-link/", planning.feed_renew, name="feed_renew"),
    path("agenda/<str:token>.ics", planning.facilitator_feed, name="feed"),
    # Attendance and outcomes (verslag)
    path("<uuid:code>/verslag/", outcomes.outcome, name="outcome"),
    path("<uuid:code>/verslag/heropenen/", outcomes.outcome_reopen, name="outcome_reopen"),
    path("<uuid:code>/vaststellen/<uuid:earlier>/", outcomes.outcome_establish, name="outcome_establish"),
    path("<uuid:code>/aanwezigheid/", outcomes.attendance, name="attendance"),
]
