from django.urls import path

from circles.views import history, planning, profile, public, registrations, sessions, start

app_name = "circles"
urlpatterns = [
    # Public catalogue and sign-up (no login)
    path("", public.home, name="home"),
    path("aanbod/<uuid:code>/", public.public_detail, name="public_detail"),
    path("aanbod/<uuid:code>/aangemeld/", public.signup_done, name="signup_done"),
    path("afmelden/<str:token>/", public.cancel, name="cancel"),
    path("mijn-aanmelding/", public.mine_lost, name="mine_lost"),
    path("mijn-aanmelding/<str:token>/", public.mine, name="mine"),
    path("mijn-aanmelding/<str:token>/gegevens/", public.mine_details, name="mine_details"),
    path("mijn-aanmelding/<str:token>/agenda.ics", public.mine_calendar, name="mine_calendar"),
    path("privacy/", public.privacy, name="privacy"),
    path("toegankelijkheid/", public.accessibility, name="accessibility"),
    path("start/", start.start, name="start"),
    # Planning by the project leader
    path("leerkringen/", planning.circle_list, name="list"),
    path("leerkringen/nieuw/", planning.circle_create, name="create"),
    path("leerkringen/<uuid:code>/", planning.circle_detail, name="detail"),
    path("leerkringen/<uuid:code>/wijzigen/", planning.circle_edit, name="edit"),
    path("leerkringen/<uuid:code>/kopieren/", planning.circle_copy_view, name="copy"),
    path("leerkringen/<uuid:code>/status/", planning.circle_status, name="status"),
    path("leerkringen/<uuid:code>/geschiedenis/", history.circle_history, name="history"),
    path("leerkringen/<uuid:code>/agenda.ics", planning.circle_calendar, name="calendar"),
    # Planning a circle's sessions (under /bijeenkomsten/, where the sessions app has its pages too)
    path("bijeenkomsten/leerkring/<uuid:circle>/toevoegen/", sessions.session_create, name="session_create"),
    path("bijeenkomsten/leerkring/<uuid:circle>/reeks/", sessions.session_series, name="session_series"),
    path("bijeenkomsten/<uuid:code>/wijzigen/", sessions.session_edit, name="session_edit"),
    path("bijeenkomsten/<uuid:code>/verwijderen/", sessions.session_delete, name="session_delete"),
    # How facilitators and project leaders are named in the verslagen
    path("mijn-gegevens/", profile.my_details, name="my_details"),
    path("begeleiders/", profile.facilitator_list, name="facilitators"),
    path("begeleiders/<str:username>/gegevens/", profile.facilitator_details, name="facilitator_details"),
    # Sign-ups management
    path("leerkringen/<uuid:code>/aanmeldingen/", registrations.registrations, name="registrations"),
    path("leerkringen/<uuid:code>/aanmeldingen.csv", registrations.registrations_csv, name="registrations_csv"),
    path("leerkringen/<uuid:code>/aanmeldingen/nieuw/", registrations.registration_add, name="registration_add"),
    path(
        "leerkringen/<uuid:code>/aanmeldingen/<uuid:registration_code>/status/",
        registrations.registration_status,
        name="registration_status",
    ),
]
