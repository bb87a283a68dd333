from django.urls import path

from sessions.evaluation import views as evaluation
from sessions.views import actions, mine, outcomes, presence, signals

app_name = "sessions"
urlpatterns = [
    # The facilitator's own sessions (planning sessions is circles': circles:session_create, …)
    path("mijn/", mine.my_sessions, name="mine"),
    path("acties/", actions.action_board, name="actions"),
    path("agenda/nieuwe-link/", mine.feed_renew, name="feed_renew"),
    path("agenda/<str:token>.ics", mine.facilitator_feed, name="feed"),
    # Attendance and outcomes (verslag)
    path("<uuid:code>/verslag/", outcomes.outcome, name="outcome"),
    path("<uuid:code>/verslag/automatisch-opslaan/", outcomes.outcome_autosave, name="outcome_autosave"),
    path("<uuid:code>/verslag/heropenen/", outcomes.outcome_reopen, name="outcome_reopen"),
    path("<uuid:code>/verslag/publicatie/", outcomes.outcome_publication, name="outcome_publication"),
    path("<uuid:code>/vaststellen/<uuid:earlier>/", outcomes.outcome_establish, name="outcome_establish"),
    path("<uuid:code>/aanwezigheid/", outcomes.attendance, name="attendance"),
    path("<uuid:code>/presentielijst.csv", presence.presence_csv, name="presence_csv"),
    # Signals for policy: marked in a verslag, followed across circles
    path("<uuid:code>/verslag/signalen/", signals.outcome_signals, name="outcome_signals"),
    path("signalen/", signals.signal_list, name="signals"),
    path("signalen/export.csv", signals.signals_csv, name="signals_csv"),
    path("signalen/<uuid:code>/", signals.signal_detail, name="signal_detail"),
    # Evaluation and impact follow-up (issue 11): the participant's signed link, the leader's questions
    path("evaluatie/<str:token>/", evaluation.answer, name="evaluation_answer"),
    path("leerkring/<uuid:code>/evaluatie/", evaluation.questionnaire, name="evaluation_questionnaire"),
]
